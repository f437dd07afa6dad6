package org.crashscope.x86;

import java.util.List;

import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.parse.ParsedTranscript;

/**
 * The paging analyses of a transcript: its walks checked against the arithmetic (with the CR3 of
 * an oops where there is one), and its dumped page tables with their anomalies.
 */
public record PagingAnalysis(List<CheckedWalk> walks, List<PageTable> tables) {

    public static PagingAnalysis of(ParsedTranscript parsed) {
        Long cr3 = parsed.oopses().stream().map(Oops::registers).map(r -> r.get("cr3")).filter(v -> v != null).findFirst().orElse(null);
        List<CheckedWalk> walks = parsed.walks().stream().map(w -> WalkChecker.check(w, w.pgdDirectory() == null ? cr3 : null)).toList();
        return new PagingAnalysis(walks, PageTables.reconstruct(parsed.memoryDumps(), walks));
    }
}
