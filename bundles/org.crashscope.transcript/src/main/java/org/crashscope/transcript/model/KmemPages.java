package org.crashscope.transcript.model;

import java.util.List;

/** {@code kmem -p} or {@code kmem ADDR}: struct page rows, plus the raw text of other kmem output. */
public record KmemPages(Span span, String command, List<PageRow> pages, List<Diagnostic> diagnostics) implements ParsedRecord {
}
