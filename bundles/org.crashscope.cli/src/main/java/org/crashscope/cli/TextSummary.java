package org.crashscope.cli;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.crashscope.arch.x86.FaultingInstruction;
import org.crashscope.presentation.Crash;
import org.crashscope.presentation.HardwareEvidence;
import org.crashscope.presentation.KnownIssue;
import org.crashscope.presentation.Presentation;
import org.crashscope.presentation.Step;
import org.crashscope.transcript.CommandBlock;
import org.crashscope.transcript.Segment;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.parse.Hex;
import org.crashscope.transcript.parse.ParsedTranscript;

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
    static String write(Presentation analyses) {
        StringBuilder text = new StringBuilder(write(analyses.parsed(), analyses.faultingOops(), analyses.fault(), analyses.crash()));
        if (analyses.crash() != null) {
            Crash c = analyses.crash();
            text.append(String.format("%ncrash: %s [%s%s] at line %d%n  %s%n", c.title(), c.kind(), c.deliberate() ? ", deliberate" : "", c.line(),
                    c.meaning()));
        }
        if (!analyses.steps().isEmpty()) {
            text.append("\nevidence chain:\n");
            int step = 1;
            for (Step f : analyses.steps()) {
                text.append(String.format("  %d. %s%s%n", step++, f.text(), f.evidence().isEmpty() ? "" : "  [lines " + join(f.evidence()) + "]"));
                if (f.nextCommand() != null) {
                    text.append("     next command: crash> ").append(f.nextCommand()).append('\n');
                }
            }
        }
        for (KnownIssue d : analyses.knownIssues()) {
            text.append(String.format("%n%s (%.0f%% of its symptoms hold): %s%n  %s%n", d.what().toLowerCase(java.util.Locale.ROOT),
                    d.confidence() * 100, d.id(), d.title()));
            if (!d.fixedIn().isEmpty()) {
                text.append("  fixed in: ").append(String.join(", ", d.fixedIn())).append('\n');
            }
            if (d.kernel() != null && !d.explainsAKind()) {
                text.append("  running kernel ").append(d.kernel()).append(": ").append(d.kernelVerdict()).append('\n');
            }
            if (d.workaround() != null) {
                text.append("  ").append(d.adviceLabel().toLowerCase(java.util.Locale.ROOT)).append(": ").append(d.workaroundText() != null ? d.workaroundText() : d.workaround()).append('\n');
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
        return write(parsed, null, null, null);
    }

    private static String write(ParsedTranscript parsed, Oops decoded, FaultingInstruction fault, Crash crash) {
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
        for (Oops oops : parsed.oopses().stream().limit(LISTED).toList()) {
            text.append(String.format("%noops at line %d: %s%n", oops.line(), oops.message()));
            if (oops.cpu() != null) {
                text.append(String.format("  CPU %d  PID %d  comm \"%s\"  kernel %s%n", oops.cpu(), oops.pid(), oops.comm(), oops.kernel()));
            }
            if (oops.rip() != null) {
                text.append("  RIP ").append(oops.rip()).append('\n');
            }
            if (oops == decoded && fault != null) {
                if (fault.trapping() != null) {
                    boolean faulted = crash == null || crash.oops() != oops || crash.fault() && !crash.deliberate();
                    text.append(faulted ? "  faulting instruction: " : "  instruction at RIP: ").append(fault.trapping().text(org.crashscope.arch.x86.Disassembler.Syntax.ATT));
                    if (fault.faultAddress() != null) {
                        text.append(String.format("  (%s: %s)", fault.addressText(),
                                fault.canonical() ? "canonical" : "non-canonical: a general protection fault, not a page fault"));
                    }
                    text.append('\n');
                } else if (fault.problem() != null) {
                    text.append("  Code: not decoded: ").append(fault.problem()).append('\n');
                }
            }
        }
        if (parsed.oopses().size() > LISTED) {
            text.append(String.format("%n... %d more reports%n", parsed.oopses().size() - LISTED));
        }
        java.util.List<HardwareEvidence> evidence = HardwareEvidence.of(parsed);
        for (HardwareEvidence e : evidence.stream().limit(LISTED).toList()) {
            text.append(String.format("%n%s at line %d: %s%s%s%n", e.source(), e.first(), e.severity().isEmpty() ? "" : e.severity() + ", ", e.what(),
                    e.physical() == null ? "" : ", physical address " + Hex.format(e.physical())));
        }
        if (evidence.size() > LISTED) {
            text.append(String.format("%n... %d more hardware-error records%n", evidence.size() - LISTED));
        }
        return text.toString();
    }

    private static java.util.function.Consumer<CommandBlock> line(StringBuilder text) {
        return b -> text.append(String.format("  line %6d  %-8s %s%n", b.firstLine(), b.kind(), b.command()));
    }
}
