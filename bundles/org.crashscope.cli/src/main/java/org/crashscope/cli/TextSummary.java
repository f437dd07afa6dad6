package org.crashscope.cli;

import org.crashscope.analysis.TranscriptAnalysis;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.crashscope.transcript.CommandBlock;
import org.crashscope.transcript.Segment;
import org.crashscope.transcript.model.HardwareError;
import org.crashscope.transcript.model.MachineCheck;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.parse.Hex;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.arch.x86.FaultingInstruction;

/**
 * The human summary of {@code analyze --format text}: what is in the file and where, and the
 * oopses and hardware errors of its logs. It needs only the block index and the log markers, so
 * that it stays fast on gigabyte transcripts.
 */
final class TextSummary {

    private static final int LISTED = 40;

    private TextSummary() {
    }

    /** The summary plus the evidence chain and the known issues (for files small enough to analyse whole). */
    static String write(TranscriptAnalysis analyses) {
        StringBuilder text = new StringBuilder(write(analyses.parsed(), analyses.faultingOops(), analyses.fault()));
        if (!analyses.findings().isEmpty()) {
            text.append("\nevidence chain:\n");
            int step = 1;
            for (org.crashscope.analysis.Finding f : analyses.findings()) {
                text.append(String.format("  %d. %s%s%n", step++, f.text(), f.evidence().isEmpty() ? "" : "  [lines " + join(f.evidence()) + "]"));
                if (f.nextCommand() != null) {
                    text.append("     next command: crash> ").append(f.nextCommand()).append('\n');
                }
            }
        }
        for (org.crashscope.analysis.Diagnosis d : analyses.diagnoses()) {
            text.append(String.format("%nknown issue (%.0f%% of its symptoms hold): %s%n  %s%n", d.confidence() * 100, d.rule().id(), d.rule().title()));
            if (!d.rule().fixedIn().isEmpty()) {
                text.append("  fixed in: ").append(String.join(", ", d.rule().fixedIn())).append('\n');
            }
            if (d.kernel() != null) {
                text.append("  running kernel ").append(d.kernel()).append(": ").append(switch (d.kernelStatus()) {
                    case "affected" -> "older than the fix, affected";
                    case "fixed" -> "has the fix";
                    default -> "no fixed version to compare with";
                }).append('\n');
            }
            if (d.rule().workaround() != null) {
                text.append("  workaround: ").append(d.rule().workaroundText() != null ? d.rule().workaroundText() : d.rule().workaround()).append('\n');
            }
            d.missing().forEach(m -> text.append("  not seen: ").append(m).append('\n'));
        }
        analyses.ruleProblems().forEach(p -> text.append("rule problem: ").append(p).append('\n'));
        return text.toString();
    }

    private static String join(java.util.List<Integer> lines) {
        return String.join(", ", lines.stream().map(String::valueOf).toList());
    }

    /** The index-only summary of a huge file: no analysis beyond the log markers. */
    static String write(ParsedTranscript parsed) {
        return write(parsed, null, null);
    }

    private static String write(ParsedTranscript parsed, Oops decoded, FaultingInstruction fault) {
        StringBuilder text = new StringBuilder();
        text.append(parsed.name()).append(": ").append(parsed.lineCount()).append(" lines, ").append(parsed.commands().size())
                .append(" crash commands, ").append(parsed.segments().size()).append(" blocks without a prompt\n");
        Map<String, Integer> kinds = new TreeMap<>();
        parsed.commands().forEach(b -> kinds.merge(b.kind().isEmpty() ? "(bare prompt)" : b.kind(), 1, Integer::sum));
        if (!kinds.isEmpty()) {
            text.append("\ncommands by kind: ");
            kinds.forEach((k, n) -> text.append(k).append(" ").append(n).append("  "));
            text.append('\n');
        }
        if (!parsed.commands().isEmpty()) {
            text.append("\ncommands:\n");
            parsed.commands().stream().limit(LISTED).forEach(TextSummary.line(text));
            if (parsed.commands().size() > LISTED) {
                text.append("  ... ").append(parsed.commands().size() - LISTED).append(" more\n");
            }
        }
        if (!parsed.segments().isEmpty()) {
            text.append("\nwithout a prompt:\n");
            for (Segment s : parsed.segments().stream().limit(LISTED).toList()) {
                text.append(String.format("  lines %6d-%-6d  %s%n", s.firstLine(), s.lastLine(), s.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
            }
            if (parsed.segments().size() > LISTED) {
                text.append("  ... ").append(parsed.segments().size() - LISTED).append(" more\n");
            }
        }
        for (Oops oops : parsed.oopses()) {
            text.append(String.format("%noops at line %d: %s%n", oops.line(), oops.message()));
            if (oops.cpu() != null) {
                text.append(String.format("  CPU %d  PID %d  comm \"%s\"  kernel %s%n", oops.cpu(), oops.pid(), oops.comm(), oops.kernel()));
            }
            if (oops.rip() != null) {
                text.append("  RIP ").append(oops.rip()).append('\n');
            }
            if (oops == decoded && fault != null) {
                if (fault.trapping() != null) {
                    text.append("  faulting instruction: ").append(fault.trapping().text());
                    if (fault.faultAddress() != null) {
                        text.append(String.format("  (address 0x%x from %s, %s)", fault.faultAddress(), fault.faultRegister(),
                                fault.canonical() ? "canonical" : "non-canonical: a general protection fault, not a page fault"));
                    }
                    text.append('\n');
                } else if (fault.problem() != null) {
                    text.append("  Code: not decoded: ").append(fault.problem()).append('\n');
                }
            }
        }
        for (HardwareError e : parsed.hardwareErrors()) {
            text.append(String.format("%nhardware error {%d} at line %d: %s%s%s%n", e.record(), e.span().first(),
                    e.severity() == null ? "" : e.severity(), e.sectionType() == null ? "" : ", " + e.sectionType(),
                    e.physicalAddress() == null ? "" : ", physical address " + Hex.format(e.physicalAddress())));
        }
        for (MachineCheck mc : parsed.machineChecks()) {
            text.append(String.format("%nmachine check at lines %d-%d (not CPER)%n", mc.span().first(), mc.span().last()));
        }
        return text.toString();
    }

    private static java.util.function.Consumer<CommandBlock> line(StringBuilder text) {
        return b -> text.append(String.format("  line %6d  %-8s %s%n", b.firstLine(), b.kind(), b.command()));
    }
}
