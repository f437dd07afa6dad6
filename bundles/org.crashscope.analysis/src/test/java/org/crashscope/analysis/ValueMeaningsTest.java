package org.crashscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class ValueMeaningsTest {

    private static final TranscriptAnalysis SEED = TranscriptAnalysis.of(StackSlotAnnotatorTest.parse("seed-kcs-ghes-hugepage-gpf.txt"),
            Rules.load(List.of()));

    private static Set<String> kinds(long value) {
        return ValueMeanings.of(SEED, value).stream().map(ValueMeanings.Meaning::kind).collect(Collectors.toSet());
    }

    @Test
    void theAnomalousPudSlotsAddressIsAWalkLevelAndATableSlot() {
        List<ValueMeanings.Meaning> meanings = ValueMeanings.of(SEED, 0x2d49ef2228L);
        assertTrue(meanings.stream().anyMatch(m -> m.kind().equals("walk level") && m.text().contains("PUD")), meanings.toString());
        assertTrue(meanings.stream().anyMatch(m -> m.kind().equals("table slot") && m.text().contains("slot 0x45")), meanings.toString());
        assertTrue(meanings.stream().allMatch(m -> m.line() > 0));
    }

    @Test
    void theNonCanonicalRbxIsARegisterAndAStackWord() {
        Set<String> kinds = kinds(0xf98136ffff230L);
        assertTrue(kinds.contains("register"), kinds.toString());
    }

    @Test
    void theFaultingUserAddressIsTranslatedByAWalkAndLiesInItsVma() {
        Set<String> kinds = kinds(0x7f1148cdf000L);
        assertTrue(kinds.contains("walk"), kinds.toString());
    }

    @Test
    void aValueNobodyMentionsMeansNothing() {
        assertEquals(List.of(), ValueMeanings.of(SEED, 0x1234_5678_9abcL));
    }
}
