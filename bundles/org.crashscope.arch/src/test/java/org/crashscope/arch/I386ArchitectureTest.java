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

class I386ArchitectureTest {

    private final Architecture i386 = Architectures.of(Arch.I386);

    @Test
    void checksTwoLevelAndPaeWalks() {
        assertTrue(i386.modelled());
        assertEquals(4, i386.wordSize(8));
        for (String fixture : List.of("arch/i386_vtop-two-level-user.txt", "arch/i386_vtop-pae-kernel.txt")) {
            CheckedWalk walk = i386.paging().check(Fixtures.parse(fixture).walks().get(0), null);
            assertEquals(Arch.I386, walk.arch());
            assertNotNull(walk.paging(), fixture + ": " + walk.notChecked());
        }
        assertFalse(i386.topTableFromCr3());
        assertFalse(i386.readsTableDumps(), "only x86-64 table pages are read back from rd");
    }

    @Test
    void userSpaceEndsAtThreeGib() {
        assertTrue(i386.isUserAddress(0xbfffffffL));
        assertFalse(i386.isUserAddress(0xc0000000L));
        assertNull(i386.canonical(0xf98136ffff230L), "no canonical check on a 32-bit address space");
    }

    @Test
    void itsCodeIsNotDecodedRatherThanReadAsX86_64() {
        // 40 4b after the trapping mov are inc eax; dec ebx here, a REX prefix and 'xor r8, rax' to the x86-64 decoder
        List<Integer> bytes = List.of(0x55, 0x89, 0xe5, 0x53, 0x89, 0xc3, 0x83, 0xec, 0x04, 0x8b, 0x50, 0x04, 0x85, 0xd2, 0x74, 0x10, 0x46, 0x47, 0x41,
                0x89, 0x58, 0x04, 0x40, 0x4b, 0x31, 0xc0, 0x83, 0xc4, 0x04, 0x5b, 0x5d, 0xc3);
        assertFalse(i386.decodesCode());
        assertNull(i386.decodeCode(new CodeBytes(5, bytes, 19), new Registers(Map.of("eax", 0L), Map.of())));
    }

    @Test
    void hasNoModelledExceptionFrameOrPushOrder() {
        assertNull(i386.ptRegs());
        assertTrue(i386.prologuePushOrder().isEmpty(), "nothing guessed below a return address");
        assertEquals(List.of("ebx", "esi", "edi", "ebp"), i386.calleeSaved());
        assertTrue(i386.registers().containsAll(List.of("eip", "esp", "eax", "ebp")));
    }

    @Test
    void knowsItsRegistersWhenAnOopsPrintsThem() {
        assertEquals(new ArchFacts(Arch.I386, "the exception frame's registers are i386's (EAX..EIP)", 30),
                i386.byRegisters(Map.of("eip", 0x4024f1d4L), 30, "the exception frame's registers"));
        assertNull(i386.byRegisters(Map.of("rax", 1L, "r15", 2L), 1, "x"));
    }

    @Test
    void knowsItsEntryCodeAtA32BitStackAddress() {
        assertEquals(new ArchFacts(Arch.I386, "frame system_call at 32-bit stack address c0cedfc0 is i386's", 21),
                i386.byEntryFrame(new Frame(21, 4, 0xc0cedfc0L, false, "system_call", 0, 0xc010740cL, null, null, null)));
        assertNull(i386.byEntryFrame(new Frame(21, 4, 0xffffc90000013f50L, false, "system_call", 0, null, null, null, null)),
                "a 64-bit kernel's system_call is not i386's");
        assertEquals(Arch.I386, i386.byEntryFrame(new Frame(3, 5, 0xf3e6dff0L, false, "sysenter_past_esp", 0x47, null, null, null, null)).arch());
    }
}
