package org.crashscope.transcript.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.Frame;
import org.crashscope.transcript.model.HardwareError;
import org.crashscope.transcript.model.MemoryDump;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.Walk;
import org.junit.jupiter.api.Test;

/** One fixture per family of formats seen in real transcripts. */
class FormatFixturesTest {

    @Test
    void fiveLevelKernelWalkWithA2MbLeaf() {
        Walk w = Parse.fixture("vtop-forms.txt").walks().get(0);
        assertEquals(List.of("P4D", "PUD", "PMD"), w.levels().stream().map(l -> l.level()).toList());
        assertEquals(0xffffffff9d00a000L, w.pgdDirectory());
        assertEquals(0x4512001067L, w.pageDirectory());
        assertEquals(2L << 20, w.pageSize());
        assertEquals(0xa3b5a00000L, w.page());
        assertEquals(0x800000a3b5a001e3L, w.leafValue());
        assertTrue(w.diagnostics().isEmpty(), w.diagnostics().toString());
    }

    @Test
    void walkThatEndsInASeekErrorSaysSo() {
        Walk w = Parse.fixture("vtop-forms.txt").walks().get(1);
        assertEquals(0x7f6e40000000L, w.virtual());
        assertNull(w.physical());
        assertTrue(w.error().startsWith("seek error: physical address: 3f53f000f000"));
        assertTrue(w.diagnostics().stream().anyMatch(d -> d.message().startsWith("walk ends with an error")));
    }

    @Test
    void userWalkWithZeroPageVmaWithoutFileAndPageRow() {
        Walk w = Parse.fixture("vtop-forms.txt").walks().get(2);
        assertTrue(w.zeroPage());
        assertEquals(2L << 20, w.pageSize());
        assertEquals(List.of("PGD", "PUD", "PMD"), w.levels().stream().map(l -> l.level()).toList());
        assertEquals("", w.vma().file());
        assertEquals(List.of("head"), w.pageRow().flagNames());
        assertTrue(w.vma().contains(0x7ffff7a00000L));
    }

    @Test
    void btDashAHasOneTracePerTaskWithUnreliableFramesModulesSourcesAndExceptions() {
        List<Backtrace> traces = Parse.fixture("bt-forms.txt").backtraces();
        assertEquals(2, traces.size());
        Backtrace idle = traces.get(0);
        assertEquals("swapper/0", idle.task().command());
        assertTrue(idle.annotations().stream().anyMatch(a -> a.text().equals("[...]")), "leading [...] belongs to the first task");
        assertTrue(idle.annotations().stream().anyMatch(a -> a.text().equals("--- <NMI exception stack> ---")));
        Frame halt = idle.frames().get(2);
        assertEquals("native_safe_halt", halt.exception().rip().name());
        assertEquals(18, halt.exception().rip().offset(), "decimal offsets of older crash versions");

        Backtrace worker = traces.get(1);
        assertEquals(4711, worker.task().pid());
        assertEquals("/usr/src/debug/kernel-5.14.0/arch/x86/kernel/machine_kexec_64.c:357", worker.frames().get(0).source());
        assertTrue(worker.frames().get(2).unreliable());
        assertEquals("irq_work_queue", worker.frames().get(2).function());
        assertEquals("nvme", worker.frames().get(3).module());
        assertNull(worker.frames().get(3).exception().rip());
        assertEquals("unknown or invalid address", worker.frames().get(3).exception().ripText());
        assertTrue(traces.stream().allMatch(t -> t.diagnostics().isEmpty()));
    }

    @Test
    void rdWidthsSymbolsAsciiAndNonHexValues() {
        ParsedTranscript p = Parse.fixture("rd-kmem-dis-sys-vm.txt");
        MemoryDump words = p.memoryDumps().get(0);
        assertEquals(4, words.width());
        assertEquals(8, words.values().size());
        assertEquals(0x464c457fL, words.values().get(0).value());
        assertEquals(".ELF............", words.rows().get(0).ascii());

        MemoryDump symbolic = p.memoryDumps().get(1);
        assertEquals("nvme_timeout+58", symbolic.values().get(1).symbol());
        assertEquals(0xffffc90000b7bd88L, symbolic.values().get(1).address());
        assertEquals("zz9_not_hex_value", symbolic.values().get(3).symbol());
    }

    @Test
    void kmemDisSysAndVm() {
        ParsedTranscript p = Parse.fixture("rd-kmem-dis-sys-vm.txt");
        var pages = p.kmemPages().get(0).pages();
        assertEquals(2, pages.size());
        assertEquals(0xffff9ebfc0044100L, pages.get(0).mapping());
        assertEquals(List.of("slab"), pages.get(0).flagNames());

        var dis = p.disassemblies().get(0).instructions();
        assertEquals(3, dis.size());
        assertEquals("push %r15", dis.get(1).text());
        assertEquals(5, dis.get(1).symbol().offset());
        assertEquals("push %r14", dis.get(2).text(), "no TAB after the colon in older crash");
        assertEquals("/usr/src/debug/kernel-4.18.0/mm/gup.c:2124", dis.get(0).source());

        var sys = p.sysInfos().get(0).fields();
        assertEquals("112", sys.get("CPUS"));
        assertEquals("4.18.0-305.34.2.el8_4.x86_64", sys.get("RELEASE"));

        var vm = p.vmMaps().get(0);
        assertEquals(20191, vm.task().pid());
        assertEquals(2, vm.vmas().size());
        assertEquals("/usr/lib64/libc-2.28.so", vm.vmas().get(1).file());
    }

    @Test
    void dmesgOopsWithLevelPrefixesWrappedCodeAndCallTrace() {
        ParsedTranscript p = Parse.fixture("dmesg-forms.txt");
        Oops oops = p.oopses().get(0);
        assertEquals("BUG: unable to handle page fault for address: ffffffffc0a1b2c3", oops.message());
        assertEquals(3, oops.cpu());
        assertEquals("modprobe", oops.comm());
        assertEquals("", oops.tainted());
        assertEquals("6.1.0-18-amd64", oops.kernel());
        assertEquals("do_one_initcall", oops.rip().name());
        assertEquals(0xffffffffc0a1b2c3L, oops.registers().get("rbx"));
        assertEquals(0xffffc900006bfcb8L, oops.registers().get("rsp"));
        assertEquals(0xff, oops.code().bytes().get(oops.code().trapIndex()));
        assertEquals(44, oops.code().trapIndex(), "the marker sits on the wrapped continuation line");
        assertEquals(List.of("do_init_module", "__do_sys_finit_module"), oops.callTrace());
        assertEquals(1234.567890, oops.timestamp());
    }

    @Test
    void machineChecksAreNotCperAndCperLocationWithoutSpaces() {
        ParsedTranscript p = Parse.fixture("dmesg-forms.txt");
        assertEquals(1, p.machineChecks().size());
        assertTrue(p.machineChecks().get(0).text().contains("Machine Check Exception"));
        HardwareError e = p.hardwareErrors().get(0);
        assertEquals(7, e.record());
        assertEquals("recoverable", e.severity());
        assertEquals(1L, e.location().get("node"));
        assertEquals(2L, e.location().get("card"));
        assertEquals(48L, e.location().get("column"));
        assertEquals(3, e.errorType());
        assertEquals(0x123456000L, e.physicalAddress());
    }

    @Test
    void truncatedFileWithCrlfAndTabsGivesAPartialResult() {
        ParsedTranscript p = Parse.fixture("truncated-crlf-tabs.txt");
        Backtrace bt = p.backtraces().get(0);
        assertEquals(2, bt.frames().size(), "a TAB-indented frame is still a frame");
        Walk w = p.walks().get(0);
        assertEquals(0x100000000L, w.physical());
        assertEquals(0xffffffff82a0a000L, w.pgdDirectory());
        assertFalse(w.diagnostics().isEmpty(), "the cut-off line is reported");
        assertTrue(p.diagnostics().stream().anyMatch(d -> w.diagnostics().contains(d)), "the walk's diagnostic is among the transcript's");
    }

    @Test
    void syslogPrefixedArm64WordMarkerAndOldKlogdWithoutMarker() {
        ParsedTranscript p = Parse.fixture("logs-syslog-arm64-old.txt");
        HardwareError fatal = p.hardwareErrors().get(0);
        assertEquals(3, fatal.record());
        assertEquals("fatal", fatal.severity());
        assertEquals(0xdeadb000L, fatal.physicalAddress());
        assertEquals(100.000001, fatal.timestamp());

        List<Oops> oopses = p.oopses();
        assertEquals(3, oopses.size());
        assertEquals("BUG: kernel NULL pointer dereference, address: 0000000000000008", oopses.get(0).message());
        assertEquals(100.5, oopses.get(0).timestamp());

        Oops arm = oopses.get(1);
        assertEquals("kworker/2:1", arm.comm());
        assertEquals("dwc3_gadget_ep_dequeue", arm.rip().name());
        assertEquals(12, arm.code().trapIndex(), "the (word) marker: the fourth 32-bit word");
        assertEquals(List.of(0x20, 0x08, 0x40, 0xf9), arm.code().bytes().subList(12, 16), "words in memory order");

        Oops old = oopses.get(2);
        assertEquals("old_function", old.rip().name());
        assertEquals(-1, old.code().trapIndex());
        assertEquals(24, old.code().bytes().size());
        assertTrue(old.diagnostics().stream().anyMatch(d -> d.message().contains("no trapping-byte marker")));
    }
}
