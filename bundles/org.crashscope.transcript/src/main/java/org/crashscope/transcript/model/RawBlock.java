package org.crashscope.transcript.model;

import java.util.List;

/** The output of a command Crashscope does not parse (yet): kept as it is, so the file always opens. */
public record RawBlock(Span span, String command, String kind, List<Diagnostic> diagnostics) implements ParsedRecord {
}
