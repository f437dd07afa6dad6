package org.crashscope.report;

import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

import org.crashscope.transcript.TerminalText;

/**
 * The formats a report is written in, each with the names it goes by and its writer: a new format
 * is a constant here and its writer over the presentation model (after MAT's renderer registry,
 * which picks a writer by format).
 */
public enum ReportFormat {
    HTML(List.of("html", "htm"), (file, input) -> TerminalText.safe(HtmlWriter.write(new ReportBuilder().build(file, input)))),
    MARKDOWN(List.of("md", "markdown"), (file, input) -> TerminalText.safe(MarkdownWriter.write(new ReportBuilder().build(file, input)))),
    JSON(List.of("json"), (file, input) -> TerminalText.json(ContractJson.write(input.presentation(), input.notes())));

    private final List<String> names;
    private final BiFunction<String, ReportBuilder.Input, String> writer;

    ReportFormat(List<String> names, BiFunction<String, ReportBuilder.Input, String> writer) {
        this.names = names;
        this.writer = writer;
    }

    /** The file extension of the format ({@code html}, {@code md}, {@code json}). */
    public String extension() {
        return names.get(0);
    }

    /** The format a name or extension names ({@code html}, {@code md}, {@code markdown} ...), case ignored; {@code null} for anything else. */
    public static ReportFormat of(String name) {
        for (ReportFormat f : values()) {
            if (f.names.contains(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }

    /**
     * Writes the report of an analysis in this format. A report is read in a terminal too
     * ({@code cat}, {@code less -R}, a mail): control characters of the transcript are written as
     * visible escapes ({@code \x1b}) in HTML and Markdown, as {@code \\uXXXX} in JSON.
     */
    public String write(String file, ReportBuilder.Input input) {
        return writer.apply(file, input);
    }
}
