package org.crashscope.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
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

    /**
     * The columns answer as a map of every meaning made at once would: each value's meanings with their
     * sentences and lines, in the views' order, for every kind of record (walks and their VMAs, tables and
     * their huge pages, stack words, slab-tagged dump rows, oops registers, frames, kmem -p rows, ptov).
     */
    @Test
    void theColumnsAnswerAsEveryMeaningMadeAtOnce() {
        for (String name : List.of("seed-kcs-ghes-hugepage-gpf.txt", "vmcore/both2m-basic.txt", "vmcore/both2m-hugetlb.txt", "vmcore/ck-uaf.txt",
                "i386-bt-f.txt")) {
            TranscriptAnalysis analysis = Analysed.analysis(name);
            Map<Long, List<ValueMeanings.Meaning>> exact = new HashMap<>();
            List<ValueMeanings.Range> ranges = new ArrayList<>();
            int[] order = {0};
            ValueMeanings.collect(analysis, (source, number) -> new ValueMeanings.Sink() {
                @Override
                public void add(Long value, ValueMeanings.Meaning.Kind kind, Supplier<String> text, int line) {
                    if (value != null) {
                        exact.computeIfAbsent(value, k -> new ArrayList<>()).add(new ValueMeanings.Meaning(kind, text.get(), line, order[0]++));
                    }
                }

                @Override
                public void range(long start, long end, long except, ValueMeanings.Meaning.Kind kind, Supplier<String> text, int line) {
                    ranges.add(new ValueMeanings.Range(start, end, except, new ValueMeanings.Meaning(kind, text.get(), line, order[0]++)));
                }
            });
            Set<ValueMeanings.Meaning.Kind> kinds = new java.util.HashSet<>();
            exact.values().forEach(ms -> ms.forEach(m -> kinds.add(m.kind())));
            CrossReference xref = CrossReference.of(analysis);
            Set<Long> asked = new java.util.TreeSet<>(exact.keySet());
            ranges.forEach(r -> asked.addAll(List.of(r.start(), r.start() + 1, r.end() - 1, r.end(), r.except())));
            for (long value : asked) {
                List<ValueMeanings.Meaning> expected = new ArrayList<>(exact.getOrDefault(value, List.of()));
                ranges.stream().filter(r -> Long.compareUnsigned(value, r.start()) >= 0 && Long.compareUnsigned(value, r.end()) < 0 && value != r.except())
                        .forEach(r -> expected.add(r.meaning()));
                expected.sort(java.util.Comparator.comparingInt(ValueMeanings.Meaning::order));
                assertEquals(expected, xref.meanings(value), name + ": 0x" + Long.toHexString(value));
            }
            assertTrue(exact.size() > 20, name + " has values");
            if (name.startsWith("vmcore/both2m-basic")) {
                assertTrue(kinds.containsAll(Set.of(ValueMeanings.Meaning.Kind.STACK_SLOT, ValueMeanings.Meaning.Kind.SYMBOL,
                        ValueMeanings.Meaning.Kind.PHYSICAL_PAGE, ValueMeanings.Meaning.Kind.WALK)), kinds.toString());
            }
        }
    }

    /** The sentences the views show, each kind of place once, as they read (the columns make them from the records again). */
    @Test
    void eachKindOfPlaceSaysWhatItIs() {
        assertEquals(List.of(new ValueMeanings.Meaning(ValueMeanings.Meaning.Kind.SYMBOL, "do_syscall_64 (frame #17)", 88, 221)),
                SEED.meanings(0xffffffffb2c0420bL));
        assertEquals(List.of(new ValueMeanings.Meaning(ValueMeanings.Meaning.Kind.REGISTER, "RDI at the oops", 123, 178)), SEED.meanings(0xeffffffdeffffe02L));
        assertEquals(List.of(new ValueMeanings.Meaning(ValueMeanings.Meaning.Kind.SLAB_OBJECT, "a kmalloc-2k object on the stack", 183, 167)),
                SEED.meanings(0xffff9842edf34c10L));
        assertEquals(new ValueMeanings.Meaning(ValueMeanings.Meaning.Kind.PHYSICAL_PAGE, "the 1 GiB page `vtop 00007f1148cdf000` reaches", 193, 7),
                SEED.meanings(0xf80000000L).get(0));
        assertTrue(SEED.meanings(0x2d49ef2228L).contains(new ValueMeanings.Meaning(ValueMeanings.Meaning.Kind.TABLE_SLOT,
                "the address of slot 0x45 of the PUD table at 0x2d49ef2000", 225, 100)), SEED.meanings(0x2d49ef2228L).toString());
    }

    @Test
    void aValueNobodyMentionsMeansNothing() {
        assertEquals(List.of(), SEED.meanings(0x1234_5678_9abcL));
    }
}
