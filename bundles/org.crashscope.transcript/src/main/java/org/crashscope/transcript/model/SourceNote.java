package org.crashscope.transcript.model;

import java.util.List;

/**
 * What reading the file itself showed, not its text: it was read from a pipe, decoded from UTF-16
 * or as Latin-1, a line was too long to read whole, the file changed while it was read.
 */
public record SourceNote(Span span, List<Diagnostic> diagnostics) implements ParsedRecord {
}
