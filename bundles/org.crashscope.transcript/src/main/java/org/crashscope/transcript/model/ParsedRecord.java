package org.crashscope.transcript.model;

import java.util.List;

/** A typed record parsed from a transcript; every one knows its source lines. */
public sealed interface ParsedRecord permits Backtrace, Walk, Ptov, MemoryDump, KmemPages, Disassembly, SysInfo, VmMap, Oops,
        HardwareError, MachineCheck, KernelEvent, RawBlock, CrashOutput, SourceNote {

    Span span();

    /** What the parser noticed about this record; empty when it understood everything. */
    default List<Diagnostic> diagnostics() {
        return List.of();
    }
}
