package org.crashscope.arch.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.crashscope.arch.x86.Addresses;
import org.junit.jupiter.api.Test;

class EntryAndAddressTest {

    @Test
    void flagsSetAndNotPrintedAreNamedInBitOrderOnEveryRun() {
        List<CheckedWalk.Check> checks = new java.util.ArrayList<>();
        X86Paging.checkFlags(List.of("PRESENT", "RW", "USER", "PSE", "NX"), List.of("PRESENT", "RW", "USER", "ACCESSED", "DIRTY", "PSE", "NX"), 7, checks);
        assertEquals(1, checks.size());
        assertTrue(checks.get(0).message().endsWith("; set and not printed: [ACCESSED, DIRTY]"), checks.get(0).message());
        assertEquals(7, checks.get(0).line());
    }

    @Test
    void indexesOfFourAndFiveLevelAddresses() {
        assertEquals(0xfe, X86Level.PGD.index(0x7f1148cdf000L, false));
        assertEquals(0x45, X86Level.PUD.index(0x7f1148cdf000L, false));
        assertEquals(0x98, X86Level.PUD.index(0xffff98262f886040L, false));
        assertEquals(0x12d, X86Level.PGD.index(0xff2d950aa3a9c000L, true));
        assertEquals(0x12a, X86Level.P4D.index(0xff2d950aa3a9c000L, true));
        assertEquals(X86Level.PGD, X86Level.of("PML"), "old crash names the x86-64 top level PML");
    }

    @Test
    void decodesAOneGibLeafWithItsFlags() {
        X86Entry e = new X86Entry(0x80000010800001e3L, X86Level.PUD);
        assertTrue(e.leaf());
        assertEquals(1L << 30, e.pageSize());
        assertEquals(0x1080000000L, e.physical());
        assertEquals(List.of("PRESENT", "RW", "ACCESSED", "DIRTY", "PSE", "GLOBAL", "NX"), e.flagNames());
        assertEquals(e.flagNames(), e.crashFlagNames());
    }

    @Test
    void tablePointersAndPteBitSevenAreNotHugePages() {
        X86Entry table = new X86Entry(0x2d49ef2067L, X86Level.PGD);
        assertFalse(table.leaf());
        assertEquals(0x2d49ef2000L, table.physical());
        X86Entry pte = new X86Entry(0x8000000123456885L, X86Level.PTE);
        assertTrue(pte.leaf());
        assertEquals(4096, pte.pageSize());
        assertTrue(pte.flagNames().contains("PAT"));
        assertTrue(pte.crashFlagNames().contains("PSE"), "crash prints bit 7 as PSE at every level");
        assertEquals(0x123456000L, pte.physical());
    }

    @Test
    void softwareBitsAndHugePagePatAreNamed() {
        X86Entry e = new X86Entry(0x8000000f80001887L, X86Level.PUD);
        assertEquals(0xf80000000L, e.physical(), "bit 12 of a huge leaf is PAT, not an address bit");
        assertTrue(e.flagNames().contains("PAT"));
        assertTrue(e.flagNames().contains("SW(0x800)"));
    }

    @Test
    void theHwpoisonEntryOfAOneGibHugetlbPageDecodesToItsHeadFrame() {
        // a real PUD entry of Debian 12's 6.1 after MADV_HWPOISON of a 4 KiB page in a 1 GiB hugetlb page
        X86Entry e = new X86Entry(0xd7ffffffd7fffe00L, X86Level.PUD);
        assertFalse(e.present());
        SwapEntry swap = e.swap();
        assertEquals(26, swap.type());
        assertEquals(0x140000L, swap.offset(), "the page frame of the poisoned huge page's head");
        assertTrue(swap.specialRange());
        assertEquals(List.of(), e.flagNames(), "a swap entry's bits are no flags");
    }

    @Test
    void swapEntriesBeforeL1tfAndProtNone() {
        SwapEntry old = new X86Entry((0x1234L << 14) | (3L << 9), X86Level.PTE).swap();
        assertEquals(3, old.type(), "before L1TF the type sat in bits 9..13");
        assertEquals(0x1234L, old.offset());
        assertFalse(old.specialRange());
        SwapEntry protNone = new X86Entry(~(0x1234L << 12) & X86Entry.PHYSICAL_MASK | X86Entry.GLOBAL | 0x60, X86Level.PTE).swap();
        assertTrue(protNone.protNone());
        assertEquals(0x1234L, protNone.offset(), "a PROT_NONE entry's frame is stored inverted since L1TF");
        assertNull(new X86Entry(0, X86Level.PTE).swap());
    }

    @Test
    void arm64BlockAndPageDescriptors() {
        Arm64Entry block = new Arm64Entry(0x68001880000705L, "PUD", 12, 30, false);
        assertTrue(block.block());
        assertEquals(1L << 30, block.pageSize());
        assertEquals(0x1880000000L, block.physical());
        assertEquals(List.of("VALID", "SHARED", "AF", "PXN", "UXN"), block.flagNames());
        Arm64Entry table = new Arm64Entry(0x203fff9003L, "PGD", 12, 39, false);
        assertFalse(table.leaf());
        assertEquals(0x203fff9000L, table.physical());
        Arm64Entry swap = new Arm64Entry(0x12bc3e04L, "PTE", 12, 12, true);
        assertEquals(1, swap.swap().type());
        assertEquals(1227838L, swap.swap().offset());
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
