package org.crashscope.transcript.model;

/**
 * A kernel log line that matters to an analysis without being an oops or a hardware-error record:
 * the memory-failure and soft-offline lines of mm/memory-failure.c, EDAC's corrected and
 * uncorrected errors, a deliberate crash ({@code sysrq: Trigger a crash}, lkdtm), the OOM killer.
 *
 * @param pfn     the page frame the line names ({@code Soft offlining pfn 0x140000}), or {@code null}
 * @param virtual the process virtual address it names ({@code at process virtual address 0x7f3f40000000}), or {@code null}
 * @param result  the outcome it states ({@code Recovered}, {@code Failed}, {@code migration failed}), or {@code null}
 * @param message the line's message without its prefix
 */
public record KernelEvent(Span span, Double timestamp, Kind kind, Long pfn, Long virtual, String result, String message) implements ParsedRecord {

    public enum Kind {
        /** {@code Soft offlining pfn P at process virtual address V}: a page taken out of use, its content migrated */
        SOFT_OFFLINE,
        /** {@code soft offline: ...} / {@code soft_offline: ...}: a soft offline that failed or was refused */
        SOFT_OFFLINE_FAILED,
        /** {@code Memory failure: 0x140005: recovery action for huge page: Failed}, and the other memory-failure reports */
        MEMORY_FAILURE,
        /** {@code Injecting memory failure for pfn P at process virtual address V} (MADV_HWPOISON) */
        INJECTED_MEMORY_FAILURE,
        /** {@code EDAC MC0: 1 CE ...}: a corrected memory error the memory controller reported */
        EDAC_CORRECTED,
        /** {@code EDAC MC0: 1 UE ...}: an uncorrected one */
        EDAC_UNCORRECTED,
        /** {@code sysrq: Trigger a crash}: someone asked for the crash */
        SYSRQ_CRASH,
        /** {@code lkdtm: Performing direct entry ...}: a crash provoked with lkdtm */
        LKDTM,
        /** the OOM killer chose a victim ({@code Out of memory: Killed process ...}) */
        OOM_KILL
    }

    /** The physical address the line names (the page frame's), or {@code null}. */
    public Long physical() {
        return pfn == null ? null : pfn << 12;
    }
}
