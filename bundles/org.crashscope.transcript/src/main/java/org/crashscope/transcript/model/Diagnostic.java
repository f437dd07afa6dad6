package org.crashscope.transcript.model;

/**
 * Something a parser noticed instead of throwing: a value that is not hex, a walk that ends in a
 * seek error, a truncated block. Carries the line it is about.
 */
public record Diagnostic(int line, Severity severity, String message) {

    public enum Severity {
        INFO, WARNING
    }

    public static Diagnostic warning(int line, String message) {
        return new Diagnostic(line, Severity.WARNING, message);
    }

    public static Diagnostic info(int line, String message) {
        return new Diagnostic(line, Severity.INFO, message);
    }
}
