package org.crashscope.report.notes;

/**
 * An analyst's note on a transcript: on a line range, and optionally on a record or finding
 * ({@code target}, e.g. {@code finding:2} or {@code slot:0x45}).
 */
public record Note(String id, int firstLine, int lastLine, String target, String text, String author, String created) {
}
