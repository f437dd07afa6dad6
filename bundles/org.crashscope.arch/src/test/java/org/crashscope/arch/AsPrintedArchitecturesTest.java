package org.crashscope.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.crashscope.arch.paging.CheckedWalk;
import org.crashscope.transcript.model.Oops;
import org.junit.jupiter.api.Test;

/** The registry, the architectures shown as printed, and the object of a transcript that does not show its architecture. */
class AsPrintedArchitecturesTest {

    @Test
    void everyArchitectureHasOneObjectTheModelledFirst() {
        assertEquals(Arch.values().length, Architectures.all().size());
        for (Arch a : Arch.values()) {
            assertSame(a, Architectures.of(a).arch());
            assertEquals(a.id(), Architectures.of(a).id());
        }
        assertEquals(List.of(Arch.X86_64, Arch.I386, Arch.ARM64),
                Architectures.all().stream().filter(Architecture::modelled).map(Architecture::arch).toList());
        List<Boolean> modelled = Architectures.all().stream().map(Architecture::modelled).toList();
        assertEquals(modelled.stream().sorted((x, y) -> Boolean.compare(y, x)).toList(), modelled, "modelled ones first: detection asks them in this order");
    }

    @Test
    void anArchitectureShownAsPrintedSaysSoAndChecksNothing() {
        for (Architecture a : Architectures.all().stream().filter(a -> !a.modelled()).toList()) {
            assertEquals(a.id() + " paging is not modelled: shown as crash printed it", a.shownAsPrinted());
            assertFalse(a.decodesCode(), a.id());
            assertNull(a.ptRegs());
            assertTrue(a.prologuePushOrder().isEmpty());
            assertTrue(a.registers().isEmpty());
            assertNull(a.canonical(0x7fffL));
            assertNull(a.byRegisters(Map.of("orig_rax", 1L, "pstate", 2L, "eip", 3L), 1, "x"), "told apart by the detector, not by a guess of its own");
            assertFalse(a.arch().pagingModelled());
            assertNull(a.byEntryFrame(new org.crashscope.transcript.model.Frame(1, 0, 0xc000000001234560L, false, "system_call_common", 0, null, null, null,
                    null)));
        }
    }

    @Test
    void itsWalksAreListedLevelByLevelUnjudged() {
        CheckedWalk walk = Architectures.of(Arch.RISCV64).paging().check(Fixtures.parse("arch/riscv64_vtop-sv39-kernel.txt").walks().get(0), null);
        assertNull(walk.consistent());
        assertEquals("riscv64 paging is not modelled: shown as crash printed it", walk.notChecked());
        assertEquals(walk.walk().levels().size(), walk.steps().size());
    }

    @Test
    void s390xHasNoUserSplitTheOthersEndUserSpaceAt2To52() {
        assertNull(Architectures.of(Arch.S390X).isUserAddress(0x1000L), "s390x's user and kernel address spaces overlap");
        for (Arch a : Stream.of(Arch.values()).filter(a -> !a.pagingModelled() && a != Arch.S390X).toList()) {
            assertTrue(a.isUserAddress(0x10000L), a.id());
            assertFalse(a.isUserAddress(1L << 52), a.id());
            assertFalse(a.isUserAddress(-4096L), a.id());
        }
    }

    @Test
    void anUnknownArchitectureAssumesNothingButHandsCodeToTheX86_64Decoder() {
        Architecture unknown = ArchFacts.UNKNOWN.architecture();
        assertSame(unknown, Architectures.of(null));
        assertNull(unknown.arch());
        assertNull(unknown.id());
        assertEquals(8, unknown.wordSize(8));
        assertFalse(unknown.modelled());
        assertEquals("the transcript does not show the architecture", unknown.shownAsPrinted());
        assertNull(unknown.isUserAddress(0x1000L));
        assertNull(unknown.canonical(0x1000L));
        assertNull(unknown.ptRegs());
        assertTrue(unknown.prologuePushOrder().isEmpty());
        assertTrue(unknown.decodesCode(), "logs that name no architecture are x86-64's in practice");
        Oops oops = Fixtures.parse("seed-kcs-ghes-hugepage-gpf.txt").oopses().get(0);
        assertNotNull(unknown.decodeCode(oops.code(), oops.registers()).trapping());
    }
}
