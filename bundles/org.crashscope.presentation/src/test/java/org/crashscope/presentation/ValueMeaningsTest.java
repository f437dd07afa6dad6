package org.crashscope.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.crashscope.analysis.TranscriptAnalysis;
import org.crashscope.analysis.rules.Rules;

class ValueMeaningsTest {

    private static final CrossReference SEED = CrossReference.of(TranscriptAnalysis.of(Analysed.parse("seed-kcs-ghes-hugepage-gpf.txt"),
            Rules.load(List.of())));

    private static Set<ValueMeanings.Meaning.Kind> kinds(long value) {
        return SEED.meanings(value).stream().map(ValueMeanings.Meaning::kind).collect(Collectors.toSet());
    }

    @Test
    void theAnomalousPudSlotsAddressIsAWalkLevelAndATableSlot() {
        List<ValueMeanings.Meaning> meanings = SEED.meanings(0x2d49ef2228L);
        assertTrue(meanings.stream().anyMatch(m -> m.kind() == ValueMeanings.Meaning.Kind.WALK_LEVEL && m.text().contains("PUD")), meanings.toString());
        assertTrue(meanings.stream().anyMatch(m -> m.kind() == ValueMeanings.Meaning.Kind.TABLE_SLOT && m.text().contains("slot 0x45")), meanings.toString());
        assertTrue(meanings.stream().allMatch(m -> m.line() > 0));
    }

    @Test
    void theNonCanonicalRbxIsARegisterOfTheOopsAndNothingElse() {
        Set<ValueMeanings.Meaning.Kind> kinds = kinds(0xf98136ffff230L);
        assertEquals(Set.of(ValueMeanings.Meaning.Kind.REGISTER), kinds, "no stack word holds it");
        assertTrue(SEED.meanings(0xf98136ffff230L).stream().allMatch(m -> m.text().startsWith("RBX")), "it is RBX");
    }

    @Test
    void theFaultingUserAddressIsTranslatedByAWalkAndLiesInItsVma() {
        Set<ValueMeanings.Meaning.Kind> kinds = kinds(0x7f1148cdf000L);
        assertTrue(kinds.contains(ValueMeanings.Meaning.Kind.WALK), kinds.toString());
        assertTrue(kinds.contains(ValueMeanings.Meaning.Kind.VMA), kinds.toString());
    }

    @Test
    void aValueNobodyMentionsMeansNothing() {
        assertEquals(List.of(), SEED.meanings(0x1234_5678_9abcL));
    }
}
