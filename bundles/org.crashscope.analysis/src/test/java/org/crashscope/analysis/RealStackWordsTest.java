package org.crashscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.crashscope.analysis.stack.AnnotatedSlot;
import org.crashscope.analysis.stack.StackSlotAnnotator;
import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.TranscriptParser;
import org.junit.jupiter.api.Test;

/** The stack words of real {@code bt -FFls} sessions (Debian's 6.1 and 6.12 under qemu), each labelled once for what it is. */
class RealStackWordsTest {

    static List<AnnotatedSlot> annotate(String session) {
        try (Transcript t = Transcript.open(org.crashscope.fixtures.SharedFixtures.path("vmcore/" + session))) {
            return StackSlotAnnotator.annotate(TranscriptParser.parse(t));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The words of the first backtrace that prints a word at each address (bt -FFls comes before bt -a in these sessions). */
    static Map<Long, AnnotatedSlot> byAddress(List<AnnotatedSlot> slots) {
        return slots.stream().collect(Collectors.toMap(s -> s.slot().address(), Function.identity(), (a, b) -> a.slot().line() <= b.slot().line() ? a : b));
    }

    @Test
    void theExceptionFrameOfCkNullIsNamedByPtRegsFieldNotAsSavedRegisters() {
        Map<Long, AnnotatedSlot> words = byAddress(annotate("ck-null.txt"));
        String[] fields = {"r15", "r14", "r13", "r12", "bp", "bx", "r11", "r10", "r9", "r8", "ax", "cx", "dx", "si", "di", "orig_ax", "ip", "cs", "flags",
                "sp", "ss"};
        long base = 0xffffd037003e3a48L; // R15: ffffd037003e3c30 is the first word after [exception RIP: ck_read_cookie+5]
        for (int i = 0; i < fields.length; i++) {
            AnnotatedSlot w = words.get(base + 8L * i);
            assertEquals(AnnotatedSlot.Kind.EXCEPTION_FRAME, w.kind(), fields[i]);
            assertTrue(w.label().startsWith(String.format("pt_regs.%s (exception frame 0xffffd037003e3a48 + 0x%x)", fields[i], 8 * i)), w.label());
            assertEquals(Confidence.HIGH, w.confidence());
        }
        assertEquals("rip", words.get(base + 0x80).register());
        assertTrue(words.get(base + 0x80).label().endsWith("= ck_read_cookie+5 (as bt -F prints it)"), words.get(base + 0x80).label());
        assertTrue(words.get(base + 0x10).label().contains("slab object 0xffff8a9341444000 (dentry"), "R13 as bt -FF tags it");
        assertTrue(words.get(base).rule().contains("[exception RIP: ck_read_cookie+5] (line 124)"), words.get(base).rule());
        assertEquals(AnnotatedSlot.Kind.DATA, words.get(0xffffd037003e3af0L).kind(),
                "below RSP ffffd037003e3af8, where the CPU aligned the stack: not a register ck_read_cookie saved");
        assertEquals(AnnotatedSlot.Kind.RETURN_ADDRESS, words.get(0xffffd037003e3af8L).kind());
    }

    @Test
    void theExceptionFrameOf612IsFoundTheSameWay() {
        Map<Long, AnnotatedSlot> words = byAddress(annotate("k612-ck-null.txt"));
        assertTrue(words.get(0xffffce20401d79b8L).label().startsWith("pt_regs.r15 (exception frame 0xffffce20401d79b8 + 0x0)"));
        assertTrue(words.get(0xffffce20401d7a38L).label().startsWith("pt_regs.ip (exception frame 0xffffce20401d79b8 + 0x80) = ck_read_cookie+5"));
        assertEquals("pt_regs.ss (exception frame 0xffffce20401d79b8 + 0xa0)", words.get(0xffffce20401d7a58L).label());
    }

    @Test
    void everyWordIsLabelledOnceInEachBacktrace() {
        for (String session : List.of("ck-null.txt", "ck-stack.txt", "k612-ck-null.txt", "ck-gpf.txt", "ck-listdel.txt")) {
            List<AnnotatedSlot> slots = annotate(session);
            assertEquals(slots.size(), slots.stream().map(s -> s.slot().line() + ":" + s.slot().address()).distinct().count(), session);
        }
    }

    @Test
    void ckRecursesCanaryIsWhereItsPrologueStoresTheGuardAndItsValueIsTheTasksCanaryElsewhere() {
        Map<Long, AnnotatedSlot> words = byAddress(annotate("ck-stack.txt"));
        // ck_recurse: push %rbp; push %rbx; sub $0x408,%rsp; mov %gs:0x28,%rax; mov %rax,0x400(%rsp): the guard 0x18 below the return address
        AnnotatedSlot canary = words.get(0xffffd020003e8a68L);
        assertEquals(AnnotatedSlot.Kind.CANARY, canary.kind());
        assertEquals("stack-protector canary of ck_recurse", canary.label());
        assertEquals(0xa3fc62122b230100L, canary.slot().value());
        assertTrue(canary.rule().startsWith("the prologue of ck_recurse (dis, line 1635) stores the stack-protector guard at return address - 0x18"),
                canary.rule());
        assertEquals("rbx", words.get(0xffffd020003e8a70L).register(), "push #2, though a mov comes between the pushes");
        assertEquals("rbp", words.get(0xffffd020003e8a78L).register());
        assertEquals(Confidence.HIGH, words.get(0xffffd020003e8a70L).confidence());
        AnnotatedSlot sameValue = words.get(0xffffd020003ebc38L);
        assertEquals(AnnotatedSlot.Kind.CANARY, sameValue.kind(), "in ck_trigger_write's frame: the same guard");
        assertTrue(sameValue.rule().startsWith("equals the canary of ck_recurse at 0xffffd020003e8648"), sameValue.rule());
        assertEquals(AnnotatedSlot.Kind.CANARY, byAddress(annotate("k612-ck-stack.txt")).get(0xffffcd8640420928L).kind(), "6.12 alike");
    }

    @Test
    void withoutAPrologueThatStoresTheGuardNothingIsCalledACanary() {
        List<AnnotatedSlot> slots = annotate("ck-null.txt");
        assertTrue(slots.stream().noneMatch(s -> s.kind() == AnnotatedSlot.Kind.CANARY),
                "c9b72fa53b035b00 recurs in every frame, but no dis shows a function storing it");
        assertNotEquals(null, slots);
    }
}
