package org.crashscope.arch.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.crashscope.arch.Arch;
import org.crashscope.arch.Fixtures;
import org.junit.jupiter.api.Test;

class PagingAnalysisTest {

    @Test
    void seedWalksCheckOutArithmetically() {
        PagingAnalysis paging = PagingAnalysis.of(Fixtures.parse("seed-kcs-ghes-hugepage-gpf.txt"));
        assertEquals(Arch.X86_64, paging.arch().arch());
        CheckedWalk kernel = paging.walks().get(0);
        assertEquals(Boolean.TRUE, kernel.consistent(), kernel.checks().toString());
        assertEquals(List.of("PGD", "PUD"), kernel.steps().stream().map(WalkStep::level).toList());
        assertEquals(0x98, kernel.steps().get(1).index());
        assertEquals(0x5c73c01000L, kernel.steps().get(1).tableBase());

        CheckedWalk user = paging.walks().get(1);
        assertEquals(Boolean.TRUE, user.consistent(), user.checks().toString());
        assertEquals(0xfe, user.steps().get(0).index());
        assertEquals(0x2d48056000L, user.steps().get(0).tableBase(), "CR3 of the oops");
        assertEquals(0x45, user.steps().get(1).index());
        assertEquals(1L << 30, user.leaf().entry().pageSize());
    }

    @Test
    void walksThroughTheSameTablesHoldTheirNumbersOnce() {
        String walk = """
                crash> vtop %x
                VIRTUAL     PHYSICAL
                %x  10dfe8000

                   PGD: 2d480567f0 => 2d49ef2067
                   PUD: 2d49ef2228 => 2d725f2067
                   PMD: 2d725f2ff0 => 2d41a92067
                   PTE: 2d41a92f40 => 800000010dfe8867
                  PAGE: 10dfe8000

                """;
        String text = walk.formatted(0x7f4500000000L, 0x7f4500000000L) + walk.formatted(0x7f4500001000L, 0x7f4500001000L);
        PagingAnalysis paging;
        try (org.crashscope.transcript.Transcript t = org.crashscope.transcript.Transcript.of("walks.txt", text.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            paging = PagingAnalysis.of(org.crashscope.transcript.parse.TranscriptParser.parse(t));
        }
        assertEquals(2, paging.walks().size());
        CheckedWalk first = paging.walks().get(0);
        CheckedWalk second = paging.walks().get(1);
        for (int level = 0; level < 3; level++) {
            WalkStep a = first.steps().get(level);
            WalkStep b = second.steps().get(level);
            assertEquals(a.entryAddress(), b.entryAddress()); // (one box too, as a rule: Shared keeps the last of a slot, not every one)
            assertTrue(a.index() == b.index(), "one box for the index");
        }
        assertTrue(first.fields() == second.fields(), "one split of the address for walks to the same level");
        assertEquals(List.of("sign", "PGD", "PUD", "PMD", "PTE", "offset"), first.fields().stream().map(IndexField::name).toList());
    }

    @Test
    void seedPudDumpHasExactlyOneAnomaly() {
        PagingAnalysis paging = PagingAnalysis.of(Fixtures.parse("seed-kcs-ghes-hugepage-gpf.txt"));
        assertEquals(1, paging.tables().size());
        PageTable pud = paging.tables().get(0);
        assertEquals(0x2d49ef2000L, pud.base());
        assertEquals("PUD", pud.level());
        assertEquals("high", pud.confidence());
        assertTrue(pud.levelEvidence().startsWith("line 197"), pud.levelEvidence());
        assertEquals(38, pud.slots().size());
        assertEquals(List.of(0x45), pud.walkSlots());
        TableSlot slot45 = pud.slot(0x45);
        assertEquals(0x7f1140000000L, slot45.mapsFrom());
        assertEquals(0x7f1180000000L, slot45.mapsTo());

        assertEquals(1, pud.anomalies().size());
        Anomaly a = pud.anomalies().get(0);
        assertEquals(0x2d49ef2228L, a.slot().address());
        assertEquals(0x1080000000L, a.expected());
        assertEquals(0xf80000000L, a.found());
        assertEquals(-(1L << 30), a.step());
        assertEquals(0x29, a.runFirst());
        assertEquals(0x48, a.runLast());
        assertEquals("high", a.confidence());
        assertEquals(List.of("ACCESSED", "DIRTY"), a.missingFlagNames());
        assertTrue(a.reason().contains("falling"), a.reason());
        assertTrue(a.reason().contains("lack ACCESSED|DIRTY (neighbours 0x8e7)"), a.reason());
        assertEquals(225, a.slot().line());
    }

    @Test
    void fiveLevelWalkChecksOut() {
        CheckedWalk w = PagingAnalysis.of(Fixtures.parse("vtop-forms.txt")).walks().get(0);
        assertTrue(w.fiveLevel());
        assertEquals(List.of("PGD", "P4D", "PUD", "PMD"), w.steps().stream().map(WalkStep::level).toList());
        assertEquals(2L << 20, w.leaf().entry().pageSize());
        assertTrue(w.steps().subList(1, 4).stream().allMatch(WalkStep::addressChecks), w.checks().toString());
    }

    @Test
    void twoMibPmdWalkChecksOutAndATamperedOneDoesNot() {
        PagingAnalysis paging = PagingAnalysis.of(Fixtures.parse("walk-2mb-pmd-user.txt"));
        CheckedWalk good = paging.walks().get(0);
        assertEquals(Boolean.TRUE, good.consistent(), good.checks().toString());
        assertEquals("PMD", good.leaf().level());

        CheckedWalk bad = paging.walks().get(1);
        List<String> findings = bad.mismatches().stream().map(CheckedWalk.Check::message).toList();
        assertEquals(3, findings.size(), findings.toString());
        assertEquals(Boolean.FALSE, bad.consistent());
        assertTrue(findings.get(0).startsWith("PMD entry at 0x1b6a2cb98, but table 0x1b6a2c000 + index 0x97*8 = 0x1b6a2c4b8"), findings.get(0));
        assertTrue(findings.stream().anyMatch(f -> f.startsWith("physical 0x3c0b45000, but page 0x3c0a00000")));
        assertTrue(findings.stream().anyMatch(f -> f.startsWith("flags printed")));
    }

    @Test
    void risingPmdRunWithTwoAnomaliesAndAScatteredTableWithNone() {
        PagingAnalysis paging = PagingAnalysis.of(Fixtures.parse("pmd-ascending-two-anomalies.txt"));
        assertEquals(Arch.X86_64, paging.arch().arch(), paging.arch().toString());
        PageTable pmd = paging.tables().get(0);
        assertEquals("PMD", pmd.level());
        assertEquals("medium", pmd.confidence());
        assertTrue(pmd.levelEvidence().contains("shape"));
        assertNull(pmd.slot(6).mapsFrom(), "no walk reads this table: its virtual range is unknown");
        assertEquals(2, pmd.anomalies().size());
        Anomaly first = pmd.anomalies().get(0);
        assertEquals(6, first.slot().index());
        assertEquals(0x3c0800000L, first.expected());
        assertEquals(0x700000000L, first.found());
        assertEquals(2L << 20, first.step());
        assertEquals(List.of("DIRTY"), first.missingFlagNames());
        Anomaly second = pmd.anomalies().get(1);
        assertEquals(11, second.slot().index());
        assertEquals(0x3c1200000L, second.expected());
        assertEquals(List.of("USER"), second.missingFlagNames());
        assertTrue(second.reason().contains("rising"));

        PageTable scattered = paging.tables().get(1);
        assertEquals("PUD", scattered.level());
        assertTrue(scattered.anomalies().isEmpty(), "no run, no anomaly");
        assertFalse(scattered.slots().isEmpty());
    }
}
