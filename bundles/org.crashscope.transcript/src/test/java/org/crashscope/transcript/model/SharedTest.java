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
}
