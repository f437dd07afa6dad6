package org.crashscope.analysis.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.crashscope.transcript.model.StackSlot;
import org.crashscope.transcript.model.StackSlots;
import org.junit.jupiter.api.Test;

/** A trace's words by address answer as the map of them put in order would: the last word of an address, the addresses in their first order. */
class TraceWordsTest {

    @Test
    void answersAsAMapOfTheWordsPutInOrder() {
        Random random = new Random(11);
        for (int size : new int[] {0, 1, 2, 7, 100, 50_000}) {
            List<StackSlot> slots = new ArrayList<>();
            long base = 0xffffc90000a3f000L;
            for (int i = 0; i < size; i++) {
                // mostly rising words, now and then one printed again (a stack shown twice) or far away
                long address = random.nextInt(20) == 0 && i > 0 ? slots.get(random.nextInt(i)).address()
                        : random.nextInt(50) == 0 ? random.nextLong() & ~7L : base + 8L * i;
                slots.add(new StackSlot(i + 1, address, (long) i, null, null, null, -1, 8));
            }
            Map<Long, StackSlot> expected = new LinkedHashMap<>();
            Map<Long, Integer> first = new HashMap<>();
            for (int i = 0; i < size; i++) {
                expected.put(slots.get(i).address(), slots.get(i));
                first.putIfAbsent(slots.get(i).address(), i);
            }
            StackSlots.Builder columns = new StackSlots.Builder();
            slots.forEach(columns::add);
            for (List<StackSlot> held : List.of(slots, columns.build())) {
                check(held, expected, first, base);
            }
        }
    }

    @Test
    void wordsThatRiseAreSearched() {
        StackSlots.Builder columns = new StackSlots.Builder();
        List<StackSlot> slots = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            StackSlot slot = new StackSlot(i + 1, 0xffffc90000a3f000L + 8L * i + (i > 5_000 ? 0x1000 : 0), (long) i, null, null, null, -1, 8);
            slots.add(slot);
            columns.add(slot);
        }
        Map<Long, StackSlot> expected = new LinkedHashMap<>();
        Map<Long, Integer> first = new HashMap<>();
        for (int i = 0; i < slots.size(); i++) {
            expected.put(slots.get(i).address(), slots.get(i));
            first.putIfAbsent(slots.get(i).address(), i);
        }
        List<StackSlot> held = columns.build();
        check(held, expected, first, 0xffffc90000a3f000L);
        TraceWords words = new TraceWords(held);
        assertTrue(words.searched(), "rising words are searched, no table made");
        assertNull(words.get(0xffffc90000a3f000L + 8L * 5_001 + 8), "in the gap");
        assertNull(words.get(0xffffc90000a3f000L + 8L * 10_000 + 0x1000), "above the last");
        assertEquals(slots.get(5_001), words.get(0xffffc90000a3f000L + 8L * 5_001 + 0x1000));
        assertFalse(new TraceWords(slots).searched(), "records: a table");
    }

    private static void check(List<StackSlot> slots, Map<Long, StackSlot> expected, Map<Long, Integer> first, long base) {
        int size = slots.size();
        TraceWords words = new TraceWords(slots);
        assertEquals(expected, words, "size " + size);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(words.keySet()), "the addresses in their first order");
        assertEquals(List.copyOf(expected.values()), List.copyOf(words.values()));
        for (int i = 0; i < size; i++) {
            long address = slots.get(i).address();
            assertEquals(expected.get(address), words.get(address));
            assertEquals(first.get(address) == i, words.firstAt(i));
            assertEquals(address, words.address(i));
        }
        assertNull(words.get(base - 8));
        assertFalse(words.containsKey("not an address"));
    }
}
