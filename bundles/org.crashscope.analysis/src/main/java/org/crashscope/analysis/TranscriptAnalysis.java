package org.crashscope.analysis;

import java.util.List;

import org.crashscope.arch.Arch;
import org.crashscope.arch.ArchDetector;
import org.crashscope.arch.ArchFacts;
import org.crashscope.arch.paging.PagingAnalysis;
import org.crashscope.arch.x86.Disassembler;
import org.crashscope.arch.x86.FaultingInstruction;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.parse.ParsedTranscript;

/**
 * Every analysis of one parsed transcript, run once and shared by the views, the CLI and the
 * reports: the architecture and the session, paging (walk checks, tables, anomalies), the
 * annotated stack, register provenance, the decoded faulting instruction of the first oops with a
 * Code: line, the evidence chain and the matching known issues.
 *
 * @param arch         the architecture and what decided it
 * @param session      crash's session header (banner, {@code sys})
 * @param fault        the decoded Code: of {@code faultingOops}, or {@code null}
 * @param ruleProblems rule files that could not be read
 */
public record TranscriptAnalysis(ParsedTranscript parsed, ArchFacts arch, Session session, PagingAnalysis paging, List<AnnotatedSlot> slots,
        List<RegisterProvenance> provenance, Oops faultingOops, FaultingInstruction fault, List<Finding> findings, List<Diagnosis> diagnoses,
        List<String> ruleProblems) {

    /** Analyses with the shipped rules and the user's rule folders. */
    public static TranscriptAnalysis of(ParsedTranscript parsed) {
        return of(parsed, Rules.load(Rules.userFolders()));
    }

    public static TranscriptAnalysis of(ParsedTranscript parsed, Rules.Loaded rules) {
        return of(parsed, rules, ArchDetector.detect(parsed));
    }

    public static TranscriptAnalysis of(ParsedTranscript parsed, Rules.Loaded rules, ArchFacts arch) {
        ValueIndex index = new ValueIndex(parsed);
        List<AnnotatedSlot> slots = StackSlotAnnotator.annotate(parsed, arch, index);
        // the x86 decoder reads x86 code only; the native library is loaded only when there is Code to decode (CLI start-up time)
        Oops oops = arch.arch() == Arch.X86_64 || arch.arch() == null
                ? parsed.oopses().stream().filter(o -> o.code() != null).findFirst().orElse(null) : null;
        FaultingInstruction fault = oops == null ? null : FaultingInstruction.decode(oops.code(), oops.registers(), Disassembler.load());
        PagingAnalysis paging = PagingAnalysis.of(parsed, arch);
        Session session = Session.of(parsed);
        List<Finding> findings = Correlation.chain(parsed, session, paging, slots, fault);
        return new TranscriptAnalysis(parsed, arch, session, paging, slots, RegisterProvenance.of(parsed, slots, index), oops, fault, findings,
                KnownIssues.diagnose(rules.rules(), parsed, findings), rules.problems());
    }
}
