package org.crashscope.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class EntryAndAddressTest {

    @Test
    void decomposesFourAndFiveLevelAddresses() {
        assertEquals(0xfe, Level.PGD.index(0x7f1148cdf000L, false));
        assertEquals(0x45, Level.PUD.index(0x7f1148cdf000L, false));
        assertEquals(0x98, Level.PUD.index(0xffff98262f886040L, false));
        assertEquals("PGD 0xfe, PUD 0x45, PMD 0x46, PTE 0xdf, offset 0x0", Addresses.decompose(0x7f1148cdf000L, false));
        assertEquals(0x12d, Level.PGD.index(0xff2d950aa3a9c000L, true));
        assertEquals(0x12a, Level.P4D.index(0xff2d950aa3a9c000L, true));
    }

    @Test
    void decodesAOneGibLeafWithItsFlags() {
        Entry e = new Entry(0x80000010800001e3L, Level.PUD);
        assertTrue(e.leaf());
        assertEquals(1L << 30, e.pageSize());
        assertEquals(0x1080000000L, e.physical());
        assertEquals(List.of("PRESENT", "RW", "ACCESSED", "DIRTY", "PSE", "GLOBAL", "NX"), e.flagNames());
    }

    @Test
    void tablePointersAndPteBitSevenAreNotHugePages() {
        Entry table = new Entry(0x2d49ef2067L, Level.PGD);
        assertFalse(table.leaf());
        assertEquals(0x2d49ef2000L, table.physical());
        Entry pte = new Entry(0x8000000123456885L, Level.PTE);
        assertTrue(pte.leaf());
        assertEquals(4096, pte.pageSize());
        assertTrue(pte.flagNames().contains("PAT"));
        assertEquals(0x123456000L, pte.physical());
    }

    @Test
    void softwareBitsAndHugePagePatAreNamed() {
        Entry e = new Entry(0x8000000f80001887L, Level.PUD);
        assertEquals(0xf80000000L, e.physical(), "bit 12 of a huge leaf is PAT, not an address bit");
        assertTrue(e.flagNames().contains("PAT"));
        assertTrue(e.flagNames().contains("SW(0x800)"));
    }

    @Test
    void canonicalAddresses() {
        assertFalse(Addresses.isCanonical(0xf98136ffff230L, false), "the seed's RBX");
        assertTrue(Addresses.isCanonical(0x7f1148cdf000L, false));
        assertTrue(Addresses.isCanonical(0xffff98262f886040L, false));
        assertFalse(Addresses.isCanonical(0xff2d950aa3a9c000L, false));
        assertTrue(Addresses.isCanonical(0xff2d950aa3a9c000L, true));
    }
}
