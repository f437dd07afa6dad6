package org.crashscope.transcript.model;

/**
 * Something noticed on a line instead of throwing: a value that is not hex, a truncated block (the
 * parser's own voice), or a message that {@code crash} itself printed there (a seek error, a
 * {@code WARNING:}, an invalid structure member offset, its own segmentation fault).
 */
public record Diagnostic(int line, Severity severity, String message, Source source) {

    public enum Severity {
        INFO, WARNING, ERROR
    }

    /** Who is speaking: Crashscope's parser, or {@code crash} in the transcript. */
    public enum Source {
        PARSER, CRASH
    }

    public Diagnostic {
        if (severity == null || message == null || source == null) {
            throw new IllegalArgumentException("a diagnostic needs a severity, a message and a source");
        }
    }

    public static Diagnostic warning(int line, String message) {
        return new Diagnostic(line, Severity.WARNING, message, Source.PARSER);
    }

    public static Diagnostic info(int line, String message) {
        return new Diagnostic(line, Severity.INFO, message, Source.PARSER);
    }

    /** A message crash printed on {@code line}. */
    public static Diagnostic crash(int line, Severity severity, String message) {
        return new Diagnostic(line, severity, message, Source.CRASH);
    }

    public boolean fromCrash() {
        return source == Source.CRASH;
    }
}
