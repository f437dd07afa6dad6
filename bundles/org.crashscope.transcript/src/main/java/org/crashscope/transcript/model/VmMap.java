package org.crashscope.transcript.model;

import java.util.List;

/** {@code vm}: the task header and its VMA table. */
public record VmMap(Span span, String command, Task task, List<Vma> vmas, List<Diagnostic> diagnostics) implements ParsedRecord {
}
