package org.crashscope.transcript.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.crashscope.transcript.model.KernelEvent;
import org.crashscope.transcript.model.MachineCheck;
import org.crashscope.transcript.model.Oops;
import org.junit.jupiter.api.Test;

/** The kernel's own evidence in a log: machine checks per CPU and bank, memory-failure and EDAC lines, a sysrq panic's user-mode frame. */
class LogEvidenceTest {

    @Test
    void everyCpuAndBankOfAMachineCheckIsARecordOfItsOwn() {
        ParsedTranscript p = Parse.fixture("log-memory-failure-mce-edac.txt");
        List<MachineCheck> banks = p.machineChecks().stream().filter(m -> m.cpu() != null).toList();
        assertEquals(List.of(0, 7, 12, 3), banks.stream().map(MachineCheck::cpu).toList());
        MachineCheck corrected = banks.get(0);
        assertEquals(1, corrected.bank());
        assertEquals(0x9c0000000000009fL, corrected.status());
        assertEquals(0x2a7c03080L, corrected.address());
        assertEquals(0x8cL, corrected.misc());
        assertEquals(1796120705L, corrected.time());
        assertEquals(0, corrected.socket());
        assertFalse(corrected.exception());
        assertEquals(5, corrected.span().first());
        assertEquals(7, corrected.span().last(), "the record runs through its PROCESSOR line");
        MachineCheck fatal = banks.get(1);
        assertTrue(fatal.exception());
        assertEquals(6, fatal.bank());
        assertNull(fatal.address(), "no ADDR printed");
        assertEquals(0x7fffL, fatal.misc());
        assertEquals(0x2e, fatal.apic(), "APIC is printed in hex");
        assertEquals("!INEXACT! 10:<ffffffffa1e2b5a6> {intel_idle+0x56/0x90}", fatal.rip());
        assertEquals(0x5f3a21c40L, banks.get(3).address());
        assertEquals(0, banks.get(3).socket());
        assertEquals(1, banks.get(1).socket());
        List<String> loose = p.machineChecks().stream().filter(m -> m.cpu() == null).map(MachineCheck::text).toList();
        assertEquals(List.of("Machine check events logged", "Machine check: Data load in unrecoverable area of kernel"), loose,
                "the subsystem's other lines (the injector loaded) are no records");
    }

    @Test
    void theMemoryFailureLinesNameTheirFrameAddressAndOutcome() {
        ParsedTranscript p = Parse.fixture("log-memory-failure-mce-edac.txt");
        List<KernelEvent> events = p.kernelEvents();
        assertEquals(List.of(KernelEvent.Kind.SOFT_OFFLINE, KernelEvent.Kind.EDAC_CORRECTED, KernelEvent.Kind.INJECTED_MEMORY_FAILURE,
                KernelEvent.Kind.MEMORY_FAILURE, KernelEvent.Kind.SOFT_OFFLINE_FAILED, KernelEvent.Kind.MEMORY_FAILURE),
                events.stream().map(KernelEvent::kind).toList());
        KernelEvent soft = events.get(0);
        assertEquals(0x2a7c00L, soft.pfn());
        assertEquals(0x2a7c00000L, soft.physical());
        assertEquals(0x7fa2c4600000L, soft.virtual());
        assertEquals(8, soft.span().first());
        assertEquals(6.077108, soft.timestamp());
        assertEquals(0x2a7c04L, events.get(1).pfn(), "EDAC's page:");
        assertEquals(0x7fa300005000L, events.get(2).virtual());
        assertEquals("Recovered", events.get(3).result());
        assertEquals(0x3c1200L, events.get(4).pfn());
        assertTrue(events.get(4).result().startsWith("hugepage migration failed -16"), events.get(4).result());
        assertTrue(events.get(5).result().startsWith("Sending SIGBUS to hugeprobe:141"), events.get(5).result());
    }

    @Test
    void noLineOfThisLogIsAnOopsButThePanic() {
        ParsedTranscript p = Parse.fixture("log-memory-failure-mce-edac.txt");
        assertEquals(List.of("Kernel panic - not syncing: Fatal machine check"), p.oopses().stream().map(Oops::message).toList(),
                "\"NMI watchdog: Perf NMI watchdog permanently disabled\" is a boot message, not a watchdog's report");
    }

    @Test
    void theUserModeFrameOfASysrqPanicIsKeptApartFromTheReport() {
        ParsedTranscript p = Parse.fixture("sysrq-panic-user-mode-code.txt");
        Oops panic = p.oopses().stream().filter(o -> o.message().startsWith("Kernel panic")).findFirst().orElseThrow();
        assertNull(panic.rip(), "a panic prints no kernel RIP");
        assertNull(panic.code(), "the Code: line is the interrupted system call's, in user space");
        assertTrue(panic.registers().values().isEmpty(), "no kernel register dump");
        assertEquals(0x47b7a0L, panic.userRegisters().get("rip"));
        assertEquals(0x7fffbd954cf8L, panic.userRegisters().get("rsp"));
        assertTrue(panic.userCode() != null && panic.userCode().trapIndex() >= 0);
        assertTrue(panic.callTrace().contains("sysrq_handle_crash"), panic.callTrace().toString());
        assertFalse(panic.callTrace().contains("? _printk"), "unreliable entries are left out");
        assertTrue(p.kernelEvents().stream().anyMatch(e -> e.kind() == KernelEvent.Kind.SYSRQ_CRASH));
    }
}
