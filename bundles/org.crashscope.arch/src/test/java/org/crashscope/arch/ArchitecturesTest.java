package org.crashscope.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.crashscope.arch.paging.CheckedWalk;
import org.crashscope.arch.paging.NonPresent;
import org.crashscope.arch.paging.PagingAnalysis;
import org.crashscope.arch.paging.WalkStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every walk format of every architecture, one fixture each (named ARCH_...): the architecture is
 * named, and a correct walk (every file not named _before) is never flagged inconsistent; walks of
 * architectures whose paging is not modelled are shown, not checked.
 */
class ArchitecturesTest {

    static Stream<String> fixtures() {
        // the catalogue's walks (tests/org.crashscope.fixtures), which the workbench tests open too
        return org.crashscope.fixtures.SharedFixtures.files("arch", ".txt").stream().map(p -> "arch/" + p.getFileName());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void theArchitectureIsNamedAndACorrectWalkIsNeverFlagged(String fixture) {
        PagingAnalysis paging = PagingAnalysis.of(Fixtures.parse(fixture));
        String name = fixture.substring("arch/".length());
        Arch expected = Stream.of(Arch.values()).filter(a -> name.startsWith(a.id() + "_")).findFirst().orElse(null);
        assertNotNull(expected, "fixture names start with the architecture: " + name);
        assertEquals(expected, paging.arch().arch(), paging.arch().evidence());
        assertFalse(paging.walks().isEmpty());
        for (CheckedWalk w : paging.walks()) {
            assertEquals(expected, w.arch());
            if (!name.contains("_before")) {
                assertNotEquals(Boolean.FALSE, w.consistent(), name + ": " + w.checks());
            }
            if (!expected.pagingModelled()) {
                assertNull(w.consistent(), name + " is " + expected + ": shown, not checked");
                assertNotNull(w.notChecked());
                assertEquals(w.walk().levels().size(), w.steps().size(), "every level crash printed is shown");
            }
        }
    }

    private static CheckedWalk walk(String fixture) {
        return PagingAnalysis.of(Fixtures.parse("arch/" + fixture)).walks().get(0);
    }

    @Test
    void anArm64OneGibBlockIsALeafAtThePud() {
        CheckedWalk w = walk("arm64_vtop-1gb-block.txt");
        assertEquals("arm64 4K granule, 4 levels (48-bit VA)", w.paging());
        assertEquals(Boolean.TRUE, w.consistent(), w.checks().toString());
        WalkStep leaf = w.leaf();
        assertEquals("PUD", leaf.level());
        assertEquals(1L << 30, leaf.entry().pageSize());
        assertEquals(List.of("VALID", "SHARED", "AF", "PXN", "UXN"), leaf.entry().flagNames(), "arm64's descriptor bits, not x86's");
        assertTrue(w.checks().isEmpty());
    }

    @Test
    void levelsCrashPrintsPastABlockAreANoteNotAMismatch() {
        CheckedWalk past = walk("arm64_vtop-1gb-block_before-read-past.txt");
        assertEquals(Boolean.TRUE, past.consistent(), "the translation, PHYSICAL, follows from the block");
        assertTrue(past.checks().stream().anyMatch(c -> !c.mismatch() && c.message().contains("after the PUD block")), past.checks().toString());

        CheckedWalk threeLevel = walk("arm64_vtop-3level-pgd-block-read-past.txt");
        assertEquals("arm64 4K granule, 3 levels (39-bit VA)", threeLevel.paging());
        assertEquals("PGD", threeLevel.leaf().level());
        assertTrue(threeLevel.checks().stream().anyMatch(c -> c.message().startsWith("crash's PAGE 0x3e2b9400000 comes from reading past the PGD block")),
                threeLevel.checks().toString());
    }

    @Test
    void anArm64SwapEntryEndsTheWalk() {
        CheckedWalk w = walk("arm64_vtop-user-swap.txt");
        assertEquals(Boolean.TRUE, w.consistent(), w.checks().toString());
        WalkStep pte = w.steps().get(2);
        NonPresent np = pte.nonPresent();
        assertEquals(NonPresent.Kind.SWAP, np.kind());
        assertEquals(1, np.swap().type());
        assertEquals(1289557L, np.swap().offset(), "the offset crash printed in decimal");
        assertEquals("/dev/block/zram0", w.walk().location().name());
    }

    @Test
    void s390xLevelsAreShownWithTheirFlagText() {
        CheckedWalk w = walk("s390x_vtop-user-5level-region-flags.txt");
        assertEquals(List.of("RFTE", "RSTE", "RTTE", "STE", "PTE"), w.steps().stream().map(WalkStep::level).toList());
        assertEquals("flags = 00f; P=0; TF=00; I=0; TT=11; TL=11", w.steps().get(0).flagText());
        assertNull(w.consistent());
        assertTrue(w.notChecked().startsWith("s390x paging is not modelled"));
    }

    @Test
    void i386TwoLevelAndPaeWalksCheckOut() {
        CheckedWalk two = walk("i386_vtop-two-level-user.txt");
        assertEquals("i386 two-level", two.paging());
        assertEquals(Boolean.TRUE, two.consistent(), two.checks().toString());
        CheckedWalk pae = walk("i386_vtop-pae-kernel.txt");
        assertEquals("i386 PAE", pae.paging());
        assertEquals(Boolean.TRUE, pae.consistent(), pae.checks().toString());
        assertTrue(pae.leaf().entry().flagNames().contains("NX"));
    }

    @Test
    void anX8664SwapEntryIsDecodedAndIsNoMismatch() {
        CheckedWalk w = walk("x86_64_vtop-user-swapped-out.txt");
        assertEquals(Boolean.TRUE, w.consistent(), w.checks().toString());
        NonPresent np = w.steps().get(3).nonPresent();
        assertEquals(NonPresent.Kind.SWAP, np.kind());
        assertEquals(0x3a5L, np.swap().offset(), "the L1TF-inverted offset, 933 as crash prints it");
        assertEquals(0, np.swap().type());
    }

    @Test
    void oldCrashNamesTheX8664TopLevelPml() {
        CheckedWalk w = walk("x86_64_vtop-old-pml-user.txt");
        assertEquals(Boolean.TRUE, w.consistent(), w.checks().toString());
        assertEquals("PGD", w.steps().get(0).level());
        assertEquals(4096, w.leaf().entry().pageSize());
    }
}
