package org.crashscope.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.crashscope.arch.paging.CheckedWalk;
import org.crashscope.arch.x86.FaultingInstruction;
import org.crashscope.arch.x86.PtRegs;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.transcript.model.Frame;
import org.junit.jupiter.api.Test;

class X86_64ArchitectureTest {

    private final Architecture x86 = Architectures.of(Arch.X86_64);

    @Test
    void isModelledAndFoundByItsConstantAndItsFacts() {
        assertSame(x86, Arch.X86_64.architecture());
        assertSame(x86, new ArchFacts(Arch.X86_64, "test", 1).architecture());
        assertEquals("x86_64", x86.id());
        assertTrue(x86.modelled());
        assertNull(x86.shownAsPrinted());
        assertEquals(8, x86.wordSize(4));
    }

    @Test
    void checksAWalkWithItsFourLevelPaging() {
        ParsedTranscript parsed = Fixtures.parse("arch/x86_64_vtop-user-swapped-out.txt");
        CheckedWalk walk = x86.paging().check(parsed.walks().get(0), null);
        assertEquals(Arch.X86_64, walk.arch());
        assertNotNull(walk.paging(), "checked, not shown as printed: " + walk.notChecked());
        assertTrue(x86.topTableFromCr3());
        assertTrue(x86.readsTableDumps());
    }

    @Test
    void userHalfEndsAt47BitsAndCanonicalAddressesHaveEqualTopBits() {
        assertTrue(x86.isUserAddress(0x7fffffffefffL));
        assertFalse(x86.isUserAddress(0x0000800000000000L));
        assertFalse(x86.isUserAddress(0xffff98262f886040L));
        Architecture.Canonical seedRbx = x86.canonical(0xf98136ffff230L);
        assertEquals(new Architecture.Canonical("canonical x86-64 address", false, "4-level paging"), seedRbx, "the seed's RBX");
        assertTrue(x86.canonical(0xffff98262f886040L).canonical());
    }

    @Test
    void itsExceptionFrameIsPtRegsWithTheIpAt0x80() {
        PtRegs regs = x86.ptRegs();
        assertSame(regs, PtRegs.forArch(Arch.X86_64));
        assertEquals(21 * 8, regs.size());
        PtRegs.Field ip = regs.fields().stream().filter(f -> f.name().equals("ip")).findFirst().orElseThrow();
        assertEquals(0x80, ip.offset());
        assertEquals("rip", ip.register());
        for (PtRegs.Field f : regs.fields()) {
            assertTrue(x86.registers().contains(f.register()), f.register() + " is a register crash prints");
        }
    }

    @Test
    void unwindsWithGccsPushOrderOfTheCalleeSavedSet() {
        assertEquals(java.util.List.of("r15", "r14", "r13", "r12", "rbp", "rbx"), x86.prologuePushOrder());
        assertEquals(java.util.Set.copyOf(x86.calleeSaved()), java.util.Set.copyOf(x86.prologuePushOrder()));
    }

    @Test
    void decodesTheSeedsCodeToTheTrappingInstruction() {
        Oops oops = Fixtures.parse("seed-kcs-ghes-hugepage-gpf.txt").oopses().get(0);
        assertTrue(x86.decodesCode());
        FaultingInstruction f = x86.decodeCode(oops.code(), oops.registers());
        assertNull(f.problem(), "libcapstone must be installed for the tests");
        assertEquals("mov r12, qword ptr [rbx]", f.trapping().text());
        assertEquals(Boolean.FALSE, f.canonical());
    }

    @Test
    void knowsItsRegistersWhenAnOopsPrintsThem() {
        ArchFacts f = x86.byRegisters(Map.of("orig_rax", -1L), 12, "the oops's registers");
        assertEquals(new ArchFacts(Arch.X86_64, "the oops's registers are x86-64's (RAX..R15)", 12), f);
        assertEquals(Arch.X86_64, x86.byRegisters(Map.of("rip", 0xffffffff81000000L), 1, "x").arch());
        assertNull(x86.byRegisters(Map.of("rip", 0x8048000L), 1, "x"), "a 32-bit RIP says nothing");
        assertNull(x86.byRegisters(Map.of("eip", 1L, "eax", 2L), 1, "x"));
    }

    @Test
    void knowsItsEntryCodeInABacktrace() {
        assertEquals(new ArchFacts(Arch.X86_64, "frame entry_SYSCALL_64_after_hwframe is x86-64's entry code", 40),
                x86.byEntryFrame(new Frame(40, 9, 0xffffc90000013f50L, false, "entry_SYSCALL_64_after_hwframe", 0x76, null, null, null, null)));
        assertNull(x86.byEntryFrame(new Frame(41, 1, 0xffffc90000013e30L, false, "__schedule", 0x2b2, null, null, null, null)));
        assertNull(x86.byEntryFrame(new Frame(42, 1, 0xc0cedfc0L, false, "sysenter_past_esp", 0x47, null, null, null, null)));
    }
}
