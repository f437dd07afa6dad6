package org.crashscope.transcript.model;

import java.util.List;

/**
 * {@code ptov PHYS}: the kernel virtual address of a physical one; for per-cpu offsets one row per cpu.
 */
public record Ptov(Span span, String command, List<Mapping> mappings, List<Diagnostic> diagnostics) implements ParsedRecord {

    /** One row: {@code cpu} is -1 unless the per-cpu form printed {@code [N]}. */
    public record Mapping(int line, int cpu, long virtual, long physical) {
    }
}
