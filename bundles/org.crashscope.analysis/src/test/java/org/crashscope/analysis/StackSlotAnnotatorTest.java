package org.crashscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.transcript.parse.TranscriptParser;
import org.junit.jupiter.api.Test;
import org.crashscope.analysis.stack.AnnotatedSlot;
import org.crashscope.analysis.stack.RegisterProvenance;
import org.crashscope.analysis.stack.StackSlotAnnotator;

class StackSlotAnnotatorTest {

    static ParsedTranscript parse(String name) {
        try (Transcript t = Transcript.open(org.crashscope.fixtures.SharedFixtures.path(StackSlotAnnotatorTest.class, name))) {
            return TranscriptParser.parse(t);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<Long, AnnotatedSlot> byAddress(List<AnnotatedSlot> slots) {
        return slots.stream().collect(Collectors.toMap(s -> s.slot().address(), Function.identity()));
    }

    @Test
    void seedSlotsBelowTheReturnAddressHoldGupPgdRangesSavedRegisters() {
        ParsedTranscript seed = parse("seed-kcs-ghes-hugepage-gpf.txt");
        Map<Long, AnnotatedSlot> slots = byAddress(StackSlotAnnotator.annotate(seed));
        AnnotatedSlot ret = slots.get(0xffffaaab26b3fa38L);
        assertEquals(AnnotatedSlot.Kind.RETURN_ADDRESS, ret.kind());
        assertEquals("return address into internal_get_user_pages_fast", ret.label());
        assertEquals(Confidence.HIGH, ret.confidence(), "frame #5 of the prompt-less bt sits at this address");
        String[] expected = {"rbx", "rbp", "r12", "r13", "r14", "r15"};
        for (int i = 0; i < expected.length; i++) {
            AnnotatedSlot s = slots.get(0xffffaaab26b3fa08L + 8L * i);
            assertEquals(expected[i], s.register(), "slot " + Long.toHexString(s.slot().address()));
            assertEquals("gup_pgd_range", s.function());
            assertTrue(s.rule().startsWith("SysV callee-saved set in gcc's push order"), s.rule());
        }
        assertEquals(Confidence.MEDIUM, slots.get(0xffffaaab26b3fa18L).confidence(), "saved r12 = 1 = R12 of the exception frame");
        assertEquals(Confidence.LOW, slots.get(0xffffaaab26b3fa08L).confidence());
        AnnotatedSlot rbx = slots.get(0xffffaaab26b3fa08L);
        assertTrue(rbx.links().contains("R14, R15 of the exception frame at line 68"), rbx.links().toString());
        assertTrue(rbx.links().stream().anyMatch(l -> l.startsWith("the virtual address walked by vtop at line 193")), rbx.links().toString());
        assertTrue(rbx.links().stream().anyMatch(l -> l.startsWith("inside VMA 0x7f0a40000000-0x7f1240000000")), rbx.links().toString());
    }

    @Test
    void aUserAddressNeedsSupportAndASlabTagStaysInTheLabel() {
        Map<Long, AnnotatedSlot> slots = byAddress(StackSlotAnnotator.annotate(parse("seed-kcs-ghes-hugepage-gpf.txt")));
        AnnotatedSlot supported = slots.get(0xffffaaab26b3f980L);
        assertEquals(AnnotatedSlot.Kind.USER_ADDRESS, supported.kind());
        assertTrue(supported.rule().startsWith("in user space and "), supported.rule());
        assertEquals(AnnotatedSlot.Kind.DATA, slots.get(0xffffaaab26b3f9e8L).kind(), "0x126b3faa0: user space by value, supported by nothing");
        AnnotatedSlot r15 = slots.get(0xffffaaab26b3fa30L);
        assertEquals("r15", r15.register());
        assertTrue(r15.label().contains("slab object 0xffff9842edf34c10 (kmalloc-2k, as bt -FF tags it)"), r15.label());
    }

    @Test
    void i386StackWordsAreFourBytesAndGetNoX8664Registers() {
        List<AnnotatedSlot> slots = StackSlotAnnotator.annotate(parse("i386-bt-f.txt"));
        Map<Long, AnnotatedSlot> byAddress = byAddress(slots);
        assertEquals(4, slots.get(0).slot().width());
        assertEquals(0xc0cedf00L, byAddress.get(0xc0ceded4L).slot().value());
        assertEquals(0xc0cec000L, byAddress.get(0xc0ceded8L).slot().value(), "the second word of the row is 4 bytes on");
        assertEquals(0x00000003L, byAddress.get(0xc0cededcL + 4).slot().value());
        assertEquals(AnnotatedSlot.Kind.RETURN_ADDRESS, byAddress.get(0xc0cedf04L).kind(), "c0153088: into pipe_wait (called at c0153083)");
        assertEquals(AnnotatedSlot.Kind.DATA, byAddress.get(0xc0ceded4L).kind(), "frame #0's address is its stack pointer on i386: the word is data");
        assertTrue(slots.stream().noneMatch(s -> s.register() != null && s.register().startsWith("r")), "no x86-64 register names on i386");
        assertTrue(slots.stream().noneMatch(s -> s.kind() == AnnotatedSlot.Kind.SAVED_REGISTER), "gcc's i386 push order is not modelled: nothing guessed");
    }

    @Test
    void aPrologueFromDisDecidesTheLabels() {
        Map<Long, AnnotatedSlot> slots = byAddress(StackSlotAnnotator.annotate(parse("prologue-three-pushes.txt")));
        AnnotatedSlot ret = slots.get(0xffffc90000b7bdb0L);
        assertEquals("return address into submit_bio_noacct", ret.label());
        assertEquals("rbp", slots.get(0xffffc90000b7bda8L).register());
        assertEquals("r12", slots.get(0xffffc90000b7bda0L).register());
        assertEquals("rbx", slots.get(0xffffc90000b7bd98L).register());
        assertEquals(Confidence.HIGH, slots.get(0xffffc90000b7bda0L).confidence());
        assertTrue(slots.get(0xffffc90000b7bda0L).rule().startsWith("prologue of blk_mq_submit_bio (dis, line"));
        assertEquals(AnnotatedSlot.Kind.DATA, slots.get(0xffffc90000b7bd90L).kind(), "only three registers were pushed");
        assertEquals(AnnotatedSlot.Kind.SLAB_OBJECT, slots.get(0xffffc90000b7bdb8L).kind());
        assertEquals(AnnotatedSlot.Kind.DATA, slots.get(0xffffc90000b7bdc0L).kind(),
                "a user-space value that no walk, VMA or register supports is not called a user address");
    }

    @Test
    void provenanceOfTheFaultingRegisters() {
        ParsedTranscript seed = parse("seed-kcs-ghes-hugepage-gpf.txt");
        List<RegisterProvenance> provenance = RegisterProvenance.of(seed, StackSlotAnnotator.annotate(seed));
        RegisterProvenance r14 = provenance.stream().filter(p -> p.register().equals("r14")).findFirst().orElseThrow();
        assertTrue(r14.links().stream().anyMatch(l -> l.startsWith("stack slot 0xffffaaab26b3fa08") && l.endsWith("saved rbx")), r14.links().toString());
        assertTrue(r14.links().stream().anyMatch(l -> l.startsWith("R15 of the exception frame")), r14.links().toString());
        RegisterProvenance rbx = provenance.stream().filter(p -> p.register().equals("rbx")).findFirst().orElseThrow();
        assertTrue(rbx.links().stream().anyMatch(l -> l.startsWith("RBX of the oops at line 123")), rbx.links().toString());
    }

    /**
     * Two traces print a frame at one stack address (a task's bt and its bt -f): a word there is read against the
     * frame printed last, as the later trace says what the stack holds now.
     */
    @Test
    void theFramePrintedLastAtAStackAddressDecidesItsWord() throws IOException {
        String withWords = java.nio.file.Files.readString(org.crashscope.fixtures.SharedFixtures.path(StackSlotAnnotatorTest.class, "prologue-three-pushes.txt"));
        String other = """
                crash> bt
                PID: 4242   TASK: ffff888104a2c000  CPU: 3   COMMAND: "fio"
                 #0 [ffffc90000b7bc60] machine_kexec at ffffffff8105d2b3
                 #1 [ffffc90000b7bd00] page_fault_oops at ffffffff81095a1d
                 #2 [ffffc90000b7bdb0] vfs_write at ffffffff81999999
                """;
        AnnotatedSlot whenBefore = byAddress(StackSlotAnnotator.annotate(parseText(other + withWords))).get(0xffffc90000b7bdb0L);
        assertEquals("return address into submit_bio_noacct", whenBefore.label());
        AnnotatedSlot whenAfter = byAddress(StackSlotAnnotator.annotate(parseText(withWords + other))).get(0xffffc90000b7bdb0L);
        assertTrue(whenAfter.kind() != AnnotatedSlot.Kind.RETURN_ADDRESS, "vfs_write's frame, printed last, does not return to 0xffffffff81561abc: "
                + whenAfter.label());
    }

    private static ParsedTranscript parseText(String text) {
        try (Transcript t = Transcript.of("two-traces.txt", text.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            return TranscriptParser.parse(t);
        }
    }
}
