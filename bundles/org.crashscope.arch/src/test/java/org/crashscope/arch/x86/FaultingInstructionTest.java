package org.crashscope.arch.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.crashscope.arch.Fixtures;
import org.crashscope.transcript.model.Oops;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Decodes oops Code: bytes with the system's capstone (installed by the test command). */
class FaultingInstructionTest {

    private static Disassembler.Result capstone;

    @BeforeAll
    static void load() {
        capstone = Disassembler.load();
        assertNotNull(capstone.disassembler(), "libcapstone must be installed for the tests: " + capstone.problem());
    }

    @Test
    void seedTrapsOnMovFromRbxWhichIsNonCanonical() {
        Oops oops = Fixtures.parse("seed-kcs-ghes-hugepage-gpf.txt").oopses().get(0);
        FaultingInstruction f = FaultingInstruction.decode(oops.code(), oops.registers(), capstone);
        assertEquals("mov r12, qword ptr [rbx]", f.trapping().text());
        assertEquals("mov (%rbx),%r12", f.trapping().text(Disassembler.Syntax.ATT), "as objdump -d writes it");
        assertEquals(4, f.firstDecoded(), "89 03 00 00 end an instruction begun before the Code: bytes: context, not decoded");
        assertEquals("and $0xffffffffc0000000,%rbx", f.instructions().get(0).text(Disassembler.Syntax.ATT));
        assertEquals("lea -0x1(%r14),%rax", f.instructions().stream().filter(i -> i.bytes().equals("49 8d 46 ff")).findFirst().orElseThrow()
                .text(Disassembler.Syntax.ATT), "displacements in hex");
        assertEquals(42, f.trapping().address());
        assertEquals(List.of("rbx"), f.memoryRegisters());
        assertEquals("rbx", f.faultRegister());
        assertEquals(0xf98136ffff230L, f.faultAddress());
        assertFalse(f.canonical());
        assertNull(f.problem());
        assertEquals("RBX = 0xf98136ffff230", f.addressText(), "no displacement: the address is RBX's value as printed");
    }

    @Test
    void aRegisterIsGivenWithItsPrintedValueAndTheAddressAsAComputation() {
        Oops oops = Fixtures.parse("code-forms.txt").oopses().get(1);
        FaultingInstruction f = FaultingInstruction.decode(oops.code(), oops.registers(), capstone);
        FaultingInstruction.MemoryOperand o = f.operand();
        assertEquals("rax", o.base());
        assertEquals(oops.registers().get("rax"), o.baseValue(), "the value the oops printed for RAX, not the address");
        assertEquals("rcx", o.index());
        assertEquals(oops.registers().get("rcx"), o.indexValue());
        assertEquals(8, o.scale());
        assertEquals(0x10, o.displacement());
        assertEquals("RAX + RCX*8 + 0x10", o.expression());
        assertEquals(String.format("RAX = 0x%x, RCX = 0x%x, so the address RAX + RCX*8 + 0x10 = 0x%x", oops.registers().get("rax"),
                oops.registers().get("rcx"), f.faultAddress()), f.addressText());
        assertNotNull(oops.registers().lineOf("rax"), "the line that prints RAX is known");
    }

    @Test
    void markerInsideALongInstructionFindsTheBoundaryBeforeIt() {
        List<Oops> oopses = Fixtures.parse("code-forms.txt").oopses();
        FaultingInstruction f = FaultingInstruction.decode(oopses.get(0).code(), oopses.get(0).registers(), capstone);
        // decoded from byte 0, 48 b8 <imm64> is one 10-byte instruction that swallows the marker at byte 7;
        // like decodecode, later starts are tried until an instruction begins exactly at the marker
        assertEquals(7, f.trapping().address());
        assertTrue(f.instructions().get(0).address() > 2, "decoding restarted after the start of the long instruction");
        assertNull(f.problem());

        FaultingInstruction indexed = FaultingInstruction.decode(oopses.get(1).code(), oopses.get(1).registers(), capstone);
        assertEquals("mov rax, qword ptr [rax + rcx*8 + 0x10]", indexed.trapping().text());
        assertEquals("mov 0x10(%rax,%rcx,8),%rax", indexed.trapping().text(Disassembler.Syntax.ATT));
        assertEquals(List.of("rax", "rcx"), indexed.memoryRegisters());
        assertEquals("rax", indexed.faultRegister());
        assertEquals(0xffff888100000000L * 8 + 0x10, indexed.faultAddress(), "64-bit arithmetic, wrapping like the CPU's");
        assertFalse(indexed.canonical());
    }

    @Test
    void codeWithoutMarkerIsDecodedWithoutATrap() {
        Oops old = Fixtures.parse("dmesg-forms.txt").oopses().get(0);
        // dmesg-forms has a marker; strip it to the old klogd form
        var noMarker = new org.crashscope.transcript.model.CodeBytes(old.code().line(), old.code().bytes(), -1);
        FaultingInstruction f = FaultingInstruction.decode(noMarker, old.registers(), capstone);
        assertEquals(-1, f.trap());
        assertFalse(f.instructions().isEmpty());
        assertEquals("the Code: line marks no trapping byte", f.problem());
    }
}
