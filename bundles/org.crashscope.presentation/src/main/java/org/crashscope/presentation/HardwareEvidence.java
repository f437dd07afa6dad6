package org.crashscope.presentation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.crashscope.arch.x86.Mca;
import org.crashscope.transcript.model.HardwareError;
import org.crashscope.transcript.model.KernelEvent;
import org.crashscope.transcript.model.MachineCheck;
import org.crashscope.transcript.model.ParsedRecord;
import org.crashscope.transcript.parse.ParsedTranscript;

/**
 * One record of the log that says memory or the processor failed, or what the kernel did about
 * it, in one shape for the Hardware Errors view, the reports and the CLI: a CPER record, an x86
 * machine check (one per CPU and bank, MCi_STATUS decoded), the kernel's memory-failure,
 * soft-offline and EDAC lines.
 *
 * @param source   {@code CPER {1}}, {@code MCE CPU 0 bank 1}, {@code soft offline} ...
 * @param severity {@code corrected}, {@code uncorrected}, {@code fatal}, {@code injected} ..., or empty
 * @param what     the error type or the decoded error code, or the line's message
 * @param physical the physical address it names, or {@code null}
 * @param where    the location (DIMM, node, card, CPU and bank, the process virtual address), or empty
 */
public record HardwareEvidence(String source, Double timestamp, String severity, String what, Long physical, String where, int first, int last,
        ParsedRecord record) {

    /** Every such record of a transcript, in the order of the log. */
    public static List<HardwareEvidence> of(ParsedTranscript parsed) {
        List<HardwareEvidence> out = new ArrayList<>();
        for (HardwareError e : parsed.hardwareErrors()) {
            List<String> where = new ArrayList<>();
            e.location().forEach((k, v) -> where.add(k + " " + v));
            if (e.dimm() != null) {
                where.add(e.dimm());
            }
            if (e.sourceId() != null) {
                where.add("GHES source " + e.sourceId());
            }
            out.add(new HardwareEvidence("CPER {" + e.record() + "}", e.timestamp(), e.severity() == null ? "" : e.severity(),
                    e.errorTypeText() != null ? e.errorTypeText() : e.sectionType() == null ? "" : e.sectionType(), e.physicalAddress(),
                    String.join(", ", where), e.span().first(), e.span().last(), e));
        }
        for (MachineCheck m : parsed.machineChecks()) {
            out.add(of(m));
        }
        for (KernelEvent e : parsed.kernelEvents()) {
            HardwareEvidence h = of(e);
            if (h != null) {
                out.add(h);
            }
        }
        out.sort(Comparator.comparingInt(HardwareEvidence::first));
        return List.copyOf(out);
    }

    /** A machine-check record: its bank's status decoded, or the line of the group as printed. */
    public static HardwareEvidence of(MachineCheck m) {
        if (m.status() == null) {
            return new HardwareEvidence("machine check", m.timestamp(), "", m.text(), null, "", m.span().first(), m.span().last(), m);
        }
        Mca mca = Mca.decode(m.status());
        List<String> where = new ArrayList<>(List.of("CPU " + m.cpu(), "bank " + m.bank()));
        if (m.socket() != null) {
            where.add("socket " + m.socket());
        }
        if (m.rip() != null) {
            where.add("RIP " + m.rip());
        }
        String severity = mca.corrected() ? "corrected" : mca.flags().contains("PCC") ? "fatal (processor context corrupt)" : "uncorrected";
        return new HardwareEvidence("MCE CPU " + m.cpu() + " bank " + m.bank(), m.timestamp(), severity,
                String.format("%s (MCi_STATUS 0x%x: %s)", mca.description(), m.status(), String.join(" ", mca.flags())),
                m.address() != null && mca.addressValid() ? m.address() : null, String.join(", ", where), m.span().first(), m.span().last(), m);
    }

    /** A memory-failure, soft-offline or EDAC line; {@code null} for the kernel's other evidence lines (sysrq, the OOM killer). */
    public static HardwareEvidence of(KernelEvent e) {
        String source;
        String severity;
        switch (e.kind()) {
            case SOFT_OFFLINE -> {
                source = "soft offline";
                severity = "";
            }
            case SOFT_OFFLINE_FAILED -> {
                source = "soft offline";
                severity = "failed";
            }
            case MEMORY_FAILURE -> {
                source = "memory failure";
                severity = e.result() == null ? "" : e.result().toLowerCase(Locale.ROOT);
            }
            case INJECTED_MEMORY_FAILURE -> {
                source = "memory failure";
                severity = "injected";
            }
            case EDAC_CORRECTED -> {
                source = "EDAC";
                severity = "corrected";
            }
            case EDAC_UNCORRECTED -> {
                source = "EDAC";
                severity = "uncorrected";
            }
            default -> {
                return null;
            }
        }
        return new HardwareEvidence(source, e.timestamp(), severity, e.message(), e.physical(),
                e.virtual() == null ? "" : String.format("process virtual address 0x%x", e.virtual()), e.span().first(), e.span().last(), e);
    }

    /** One line for outlines: {@code MCE CPU 0 bank 1: corrected memory controller read error at 0x108603080}. */
    public String label() {
        return source + ": " + (severity.isEmpty() ? "" : severity + " ") + (what.length() > 80 ? what.substring(0, 80) + "..." : what)
                + (physical == null ? "" : String.format(" at 0x%x", physical));
    }
}
