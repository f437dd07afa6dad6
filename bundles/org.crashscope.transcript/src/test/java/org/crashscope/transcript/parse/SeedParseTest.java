package org.crashscope.transcript.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.crashscope.transcript.Segment;
import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.HardwareError;
import org.crashscope.transcript.model.MemoryDump;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.StackSlot;
import org.crashscope.transcript.model.Walk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference case: every number of its walk, hardware errors, oops and stack, worked out by hand
 * from the transcript's own lines (the line numbers below are the file's), comes out of the parser.
 */
class SeedParseTest {

    private static ParsedTranscript seed;

    @BeforeAll
    static void parse() {
        seed = Parse.fixture("seed-kcs-ghes-hugepage-gpf.txt");
    }

    @Test
    void findsThePromptlessBacktraceAndDumpAsSegments() {
        assertEquals(List.of(new Segment(62, 96, Segment.Kind.BACKTRACE), new Segment(211, 229, Segment.Kind.MEMORY_DUMP)),
                seed.segments());
    }

    @Test
    void twoHardwareErrorRecords() {
        List<HardwareError> errors = seed.hardwareErrors();
        assertEquals(2, errors.size());
        HardwareError first = errors.get(0);
        assertEquals(1, first.record());
        assertEquals(102, first.span().first());
        assertEquals(112, first.span().last());
        assertEquals(4, first.sourceId());
        assertEquals("corrected", first.severity());
        assertEquals("memory error", first.sectionType());
        assertEquals(0x10af886040L, first.physicalAddress());
        assertEquals(0x400L, first.errorStatus());
        assertEquals(0L, first.location().get("node"));
        assertEquals(1L, first.location().get("rank"));
        assertEquals(2L, first.location().get("bank"));
        assertEquals(4L, first.location().get("device"));
        assertEquals(44193L, first.location().get("row"));
        assertEquals(928L, first.location().get("column"));
        assertEquals(2, first.errorType());
        assertEquals("single-bit ECC", first.errorTypeText());
        assertEquals("A1", first.fruText());
        assertEquals(327450.877805, first.timestamp());

        HardwareError second = errors.get(1);
        assertEquals(2, second.record());
        assertEquals(65534, second.sourceId());
        assertTrue(second.sectionType().contains("330f1140-72a5-11df-9690-0002a5d5c51b"));
        assertEquals(0x38, second.vendorData().size());
        // the vendor section holds the 4 KiB page range 0x10af886000..0x10af886fff (little-endian words)
        assertEquals(List.of(0x00, 0x60, 0x88, 0xaf, 0x10, 0x00, 0x00, 0x00), second.vendorData().subList(8, 16));
    }

    @Test
    void oneOopsWithTaskKernelRipRegistersAndCode() {
        List<Oops> oopses = seed.oopses();
        assertEquals(1, oopses.size());
        Oops oops = oopses.get(0);
        assertEquals(123, oops.line());
        assertEquals("general protection fault: 0000 [#1] SMP NOPTI", oops.message());
        assertEquals(56, oops.cpu());
        assertEquals(20191L, oops.pid());
        assertEquals("CPU 3/KVM", oops.comm());
        assertEquals("4.18.0-305.34.2.el8_4.x86_64", oops.kernel());
        assertEquals("Dell Inc. PowerEdge R640/0H28RR, BIOS 2.15.1 06/15/2022", oops.hardware());
        assertEquals("gup_pgd_range", oops.rip().name());
        assertEquals(0x24c, oops.rip().offset());
        assertEquals(0xc50L, oops.ripLength());
        assertEquals(0xf98136ffff230L, oops.registers().get("rbx"));
        assertEquals(0x2d48056001L, oops.registers().get("cr3"));
        assertEquals(0x7f1148cdf000L, oops.registers().get("r15"));
        assertEquals(0xffffaaab26b3fa4cL, oops.registers().get("r8"));
        assertEquals(0x400L, oops.registers().get("dr7"));
        assertEquals(0x55555554L, oops.registers().get("pkru"));
        assertEquals(0x7f12537fe700L, oops.registers().get("fs"));
        assertEquals(127, oops.code().line());
        assertEquals(0x4c, oops.code().bytes().get(oops.code().trapIndex()));
        assertEquals(0x8b, oops.code().bytes().get(oops.code().trapIndex() + 1));
        assertEquals(0x23, oops.code().bytes().get(oops.code().trapIndex() + 2));
        assertEquals(42, oops.code().trapIndex());
        assertEquals(139, oops.span().last());
    }

    @Test
    void promptlessBacktraceHasNineteenFramesAndTheExceptionFrame() {
        Backtrace bt = seed.backtraces().get(0);
        assertEquals(62, bt.span().first());
        assertEquals(20191, bt.task().pid());
        assertEquals(0xffff9842c2350000L, bt.task().task());
        assertEquals(56, bt.task().cpu());
        assertEquals("CPU 3/KVM", bt.task().command());
        assertEquals(19, bt.frames().size());
        assertEquals("general_protection", bt.frames().get(4).function());
        var exception = bt.firstException();
        assertEquals("gup_pgd_range", exception.rip().name());
        assertEquals(0x24c, exception.rip().offset());
        assertEquals(0xf98136ffff230L, exception.registers().get("rbx"));
        assertEquals(0xffffffffffffffffL, exception.registers().get("orig_rax"));
        assertEquals(0x10L, exception.registers().get("cs"));
        assertEquals(0x18L, exception.registers().get("ss"));
        assertEquals("kvm", bt.frames().get(7).module());
        assertEquals(10, bt.frames().get(10).index());
        var user = bt.frames().get(18).exception();
        assertTrue(user.userMode());
        assertEquals(0x33L, user.registers().get("cs"));
    }

    @Test
    void bTFFlsStackSlotsKeepTheSlabTagAndAnnotations() {
        Backtrace bt = seed.backtraces().get(1);
        assertEquals("bt -FFls", bt.command());
        assertTrue(bt.frames().isEmpty());
        StackSlot rbx = bt.slots().stream().filter(s -> s.address() == 0xffffaaab26b3fa08L).findFirst().orElseThrow();
        assertEquals(0x7f1148cdf000L, rbx.value());
        StackSlot slab = bt.slots().stream().filter(s -> s.address() == 0xffffaaab26b3fa30L).findFirst().orElseThrow();
        assertNull(slab.value());
        assertEquals(0xffff9842edf34c10L, slab.slabObject());
        assertEquals("kmalloc-2k", slab.slabCache());
        StackSlot ret = bt.slots().stream().filter(s -> s.address() == 0xffffaaab26b3fa38L).findFirst().orElseThrow();
        assertEquals("internal_get_user_pages_fast+0xce", ret.symbol());
        assertEquals(2 * 9 + 2 * 3 + 1, bt.slots().size());
        assertTrue(bt.annotations().stream().anyMatch(a -> a.text().equals("%rbx %rbp".replace(" ", " ")) || a.text().startsWith("%rbx")));
        assertTrue(bt.annotations().stream().anyMatch(a -> a.text().equals("We are in gup_pgd_range")));
        assertTrue(bt.annotations().stream().anyMatch(a -> a.line() == 185 && a.text().equals("struct kvm_memory_slot")));
    }

    @Test
    void twoWalks() {
        List<Walk> walks = seed.walks();
        assertEquals(2, walks.size());
        Walk kernel = walks.get(0);
        assertEquals(0xffff98262f886040L, kernel.virtual());
        assertEquals(0x10af886040L, kernel.physical());
        assertEquals(0xffffffffb4210000L, kernel.pgdDirectory());
        assertEquals(0x5c73c01067L, kernel.pageDirectory());
        assertEquals(1, kernel.levels().size());
        assertEquals("PUD", kernel.levels().get(0).level());
        assertEquals(0x5c73c014c0L, kernel.levels().get(0).entryAddress());
        assertEquals(0x80000010800001e3L, kernel.levels().get(0).value());
        assertEquals(0x1080000000L, kernel.page());
        assertEquals(1L << 30, kernel.pageSize());
        assertEquals(List.of("PRESENT", "RW", "ACCESSED", "DIRTY", "PSE", "GLOBAL", "NX"), kernel.flags());
        assertEquals(0xffffd02382be2180L, kernel.pageRow().page());
        assertEquals(List.of("hwpoison"), kernel.pageRow().flagNames());
        assertTrue(kernel.diagnostics().isEmpty(), kernel.diagnostics().toString());

        Walk user = walks.get(1);
        assertEquals(0x7f1148cdf000L, user.virtual());
        assertEquals(0xf88cdf000L, user.physical());
        assertNull(user.pgdDirectory());
        assertEquals(List.of("PGD", "PUD"), user.levels().stream().map(l -> l.level()).toList());
        assertEquals(0x2d480567f0L, user.levels().get(0).entryAddress());
        assertEquals(0x2d49ef2228L, user.levels().get(1).entryAddress());
        assertEquals(0xf80000000L, user.page());
        assertEquals(1L << 30, user.pageSize());
        assertEquals(0x7f0a40000000L, user.vma().start());
        assertEquals(0x7f1240000000L, user.vma().end());
        assertTrue(user.vma().file().startsWith("/dev/hugepages/libvirt/qemu/"));
        assertTrue(user.diagnostics().isEmpty(), user.diagnostics().toString());
    }

    @Test
    void promptlessPudDumpHas38EntriesAndTheAnalystsArrow() {
        List<MemoryDump> dumps = seed.memoryDumps();
        assertEquals(1, dumps.size());
        MemoryDump dump = dumps.get(0);
        assertEquals(8, dump.width());
        assertEquals(38, dump.values().size());
        assertEquals(0x2d49ef2140L, dump.values().get(0).address());
        assertEquals(0x8000000f80000887L, dump.values().stream().filter(v -> v.address() == 0x2d49ef2228L).findFirst().orElseThrow().value());
        assertEquals(List.of("<<<-------"), dump.annotations().stream().map(a -> a.text()).toList());
        assertEquals("g .A-...........", dump.rows().get(0).ascii());
    }

    @Test
    void ptovMapsThePhysicalAddress() {
        var ptov = seed.ptovs().get(0);
        assertEquals(0xffff98262f886040L, ptov.mappings().get(0).virtual());
        assertEquals(0x10af886040L, ptov.mappings().get(0).physical());
        assertFalse(seed.diagnostics().stream().anyMatch(d -> d.severity() == org.crashscope.transcript.model.Diagnostic.Severity.WARNING),
                seed.diagnostics().toString());
    }
}
