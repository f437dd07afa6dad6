package org.crashscope.transcript.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Records of equal values hold one copy, equal to what they were given; a list held is never changed. */
class SharedTest {

    @Test
    void equalValuesOfTwoRecordsAreOneCopy() {
        String name = new String("do_idle");
        Frame first = new Frame(1, 0, 0, false, name, 0, null, null, null, null);
        Frame second = new Frame(2, 0, 0, false, new String("do_idle"), 0, null, null, null, null);
        assertSame(first.function(), second.function());

        PageRow a = new PageRow(1, 0xffffea0004000000L, 0x100000000L, Long.valueOf(0xffff888100001000L), 7L, 1, Long.valueOf(0x17ffffc0000400L),
                new ArrayList<>(List.of(new String("uptodate"), new String("lru"))));
        PageRow b = new PageRow(2, 0xffffea0004000040L, 0x100001000L, Long.valueOf(0xffff888100001000L), 8L, 1, Long.valueOf(0x17ffffc0000400L),
                new ArrayList<>(List.of(new String("uptodate"), new String("lru"))));
        assertSame(a.flagNames(), b.flagNames());
        assertSame(a.flags(), b.flags());
        assertSame(a.mapping(), b.mapping());
        assertEquals(List.of("uptodate", "lru"), b.flagNames());
        assertEquals(0x17ffffc0000400L, b.flags());
    }

    @Test
    void aSharedListCannotBeChangedAndNullsStayNull() {
        List<String> given = new ArrayList<>(List.of("head", "dirty"));
        List<String> held = Shared.texts(given);
        given.set(0, "slab");
        assertEquals(List.of("head", "dirty"), held);
        assertThrows(UnsupportedOperationException.class, () -> held.set(0, "slab"));
        assertNull(Shared.text(null));
        assertNull(Shared.texts(null));
        assertNull(Shared.number(null));
        assertEquals(java.util.Arrays.asList("a", null), Shared.texts(java.util.Arrays.asList("a", null)));
    }

    @Test
    void tracesOfTheSameCallsShareTheirArraysAndKeepTheirOwnStack() {
        List<Frame> one = new ArrayList<>();
        List<Frame> other = new ArrayList<>();
        String[] calls = {"__schedule", "schedule", "futex_wait_queue", "futex_wait", "do_futex"};
        for (int i = 0; i < calls.length; i++) {
            one.add(new Frame(10 + i, i, 0xffffc90000104000L + 0x38 * i, false, calls[i], 0x20 + i, 0xffffffff81000000L + i, null, null, null));
            other.add(new Frame(50 + i, i, 0xffffc90000208000L + 0x40 * i, false, new String(calls[i]), 0x20 + i, 0xffffffff81000000L + i, null, null, null));
        }
        FrameList first = (FrameList) FrameList.of(one);
        FrameList second = (FrameList) FrameList.of(other);
        assertEquals(one, first);
        assertEquals(other, second);
        assertSame(first.functions(), second.functions(), "one array of function names for both traces");

        long[] numbers = {1, 2, 3};
        assertSame(Shared.array(numbers), Shared.array(new long[] {1, 2, 3}));
        // an array of other numbers of the same values is one of its own type
        assertEquals(int[].class, Shared.array(new int[] {1, 2, 3}).getClass());
        assertEquals(byte[].class, Shared.array(new byte[] {1, 2, 3}).getClass());
        assertNull(Shared.array((String[]) null));
        assertThrows(IllegalArgumentException.class, () -> Shared.array("not an array"));
    }
}
