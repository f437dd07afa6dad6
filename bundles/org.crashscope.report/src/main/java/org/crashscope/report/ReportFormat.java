package org.crashscope.report;

import java.util.Locale;

import org.crashscope.transcript.TerminalText;

/** The formats a report is written in. */
public enum ReportFormat {
    HTML("html"), MARKDOWN("md"), JSON("json");

    private final String extension;

    ReportFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** {@code html}, {@code md}/{@code markdown} or {@code json}; {@code null} for anything else. */
    public static ReportFormat of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "html", "htm" -> HTML;
            case "md", "markdown" -> MARKDOWN;
            case "json" -> JSON;
            default -> null;
        };
    }

    /**
     * Writes the report of an analysis in this format. A report is read in a terminal too
     * ({@code cat}, {@code less -R}, a mail): control characters of the transcript are written as
     * visible escapes ({@code \x1b}) in HTML and Markdown, as {@code \\uXXXX} in JSON.
     */
    public String write(String file, ReportBuilder.Input input) {
        return switch (this) {
            case HTML -> TerminalText.safe(HtmlWriter.write(new ReportBuilder().build(file, input)));
            case MARKDOWN -> TerminalText.safe(MarkdownWriter.write(new ReportBuilder().build(file, input)));
            case JSON -> TerminalText.json(ContractJson.write(input.presentation(), input.notes()));
        };
    }
}
