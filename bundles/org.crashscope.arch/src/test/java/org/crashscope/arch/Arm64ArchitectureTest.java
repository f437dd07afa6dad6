package org.crashscope.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.crashscope.arch.paging.CheckedWalk;
import org.crashscope.transcript.model.CodeBytes;
import org.crashscope.transcript.model.Registers;
import org.crashscope.transcript.model.Frame;
import org.junit.jupiter.api.Test;

class Arm64ArchitectureTest {

    private final Architecture arm64 = Architectures.of(Arch.ARM64);

    @Test
    void checksAWalkWithItsGranuleAndLevels() {
        assertTrue(arm64.modelled());
        CheckedWalk walk = arm64.paging().check(Fixtures.parse("arch/arm64_vtop-1gb-block.txt").walks().get(0), null);
        assertEquals(Arch.ARM64, walk.arch());
        assertNotNull(walk.paging(), walk.notChecked());
        assertEquals(Boolean.TRUE, walk.consistent(), walk.checks().toString());
        assertFalse(arm64.readsTableDumps());
    }

    @Test
    void userSpaceIsTtbr0sHalfBelow2To52() {
        assertTrue(arm64.isUserAddress(0x0000ffffa0000000L));
        assertFalse(arm64.isUserAddress(1L << 52));
        assertFalse(arm64.isUserAddress(0xffff800008000000L));
        assertNull(arm64.canonical(0xffff800008000000L), "no x86 canonical check on arm64");
    }

    @Test
    void neitherItsCodeNorItsPushesAreGuessed() {
        assertFalse(arm64.decodesCode());
        assertNull(arm64.decodeCode(new CodeBytes(1, List.of(0xd5, 0x03, 0x23, 0x3f), 0), new Registers(Map.of(), Map.of())));
        assertNull(arm64.ptRegs());
        assertTrue(arm64.prologuePushOrder().isEmpty());
        assertEquals(11, arm64.calleeSaved().size());
        assertTrue(arm64.registers().containsAll(List.of("pc", "lr", "sp", "pstate", "x0", "x29")));
    }

    @Test
    void knowsItsRegistersWhenAnOopsPrintsThem() {
        assertEquals(new ArchFacts(Arch.ARM64, "the oops's registers are arm64's (x0..x29, pstate)", 7),
                arm64.byRegisters(Map.of("pstate", 0x60400005L, "pc", 1L), 7, "the oops's registers"));
        assertNull(arm64.byRegisters(Map.of("eip", 1L), 1, "x"));
    }

    @Test
    void knowsItsExceptionEntryInABacktrace() {
        assertEquals(new ArchFacts(Arch.ARM64, "frame el0_svc is arm64's exception entry", 12),
                arm64.byEntryFrame(new Frame(12, 7, 0xffff80000a2b3e80L, false, "el0_svc", 0x2c, null, null, null, null)));
        assertNull(arm64.byEntryFrame(new Frame(12, 7, 0xffffc90000013f50L, false, "do_syscall_64", 0x2c, null, null, null, null)));
    }
}
