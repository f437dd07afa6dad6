package org.crashscope.report;

import java.util.Locale;

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

    /** Writes the report of an analysis in this format. */
    public String write(String file, ReportBuilder.Input input) {
        return switch (this) {
            case HTML -> HtmlWriter.write(new ReportBuilder().build(file, input));
            case MARKDOWN -> MarkdownWriter.write(new ReportBuilder().build(file, input));
            case JSON -> ContractJson.write(input.analysis(), input.notes());
        };
    }
}
