package org.crashscope.library;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CaseCountsTest {

    private static Case at(String hash, String day, String release) {
        OffsetDateTime t = OffsetDateTime.parse(day + "T10:00:00Z").withOffsetSameInstant(ZoneOffset.UTC);
        CaseFacts f = new CaseFacts(hash, null, release, "x86_64", null, "bug", "t", "g", List.of("g"), null, null, null, false);
        return new Case(Case.idOf(hash), "local", f, "bug: g", 1, "bug: g", CaseStatus.NEW, null, null, t, t, 1, t, null, 1);
    }

    @Test
    void weeksAreATimeLineWithEmptyWeeksAsZero() {
        List<Case> cases = List.of(at("aa", "2026-11-02", "6.1"), at("bb", "2026-11-03", "6.1"), at("cc", "2026-11-18", "6.12"));
        assertEquals(Map.of("2026-W45", 2, "2026-W46", 0, "2026-W47", 1), CaseCounts.perWeek(cases));
        assertEquals(List.of("2026-W45", "2026-W46", "2026-W47"), List.copyOf(CaseCounts.perWeek(cases).keySet()));
    }

    @Test
    void kernelsMostFirst() {
        List<Case> cases = List.of(at("aa", "2026-11-02", "6.12"), at("bb", "2026-11-03", "6.1"), at("cc", "2026-11-18", "6.1"), at("dd", "2026-11-18", null));
        assertEquals(List.of("6.1", "6.12", "?"), List.copyOf(CaseCounts.perKernel(cases).keySet()));
        assertEquals(2, CaseCounts.perKernel(cases).get("6.1"));
    }
}
