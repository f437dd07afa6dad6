package org.crashscope.analysis;

import java.util.List;

import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.x86.Disassembler;
import org.crashscope.x86.FaultingInstruction;
import org.crashscope.x86.PagingAnalysis;

/**
 * Every analysis of one parsed transcript, run once and shared by the views, the CLI and the
 * reports: paging (walk checks, tables, anomalies), the annotated stack, register provenance, the
 * decoded faulting instruction of the first oops with a Code: line, the evidence chain and the
 * matching known issues.
 *
 * @param fault        the decoded Code: of {@code faultingOops}, or {@code null}
 * @param ruleProblems rule files that could not be read
 */
public record TranscriptAnalysis(ParsedTranscript parsed, PagingAnalysis paging, List<AnnotatedSlot> slots, List<RegisterProvenance> provenance,
        Oops faultingOops, FaultingInstruction fault, List<Finding> findings, List<Diagnosis> diagnoses, List<String> ruleProblems) {

    /** Analyses with the shipped rules and the user's rule folders. */
    public static TranscriptAnalysis of(ParsedTranscript parsed) {
        return of(parsed, Rules.load(Rules.userFolders()));
    }

    public static TranscriptAnalysis of(ParsedTranscript parsed, Rules.Loaded rules) {
        List<AnnotatedSlot> slots = StackSlotAnnotator.annotate(parsed);
        Oops oops = parsed.oopses().stream().filter(o -> o.code() != null).findFirst().orElse(null);
        // the native disassembler is loaded only when there is Code to decode (CLI start-up time)
        FaultingInstruction fault = oops == null ? null : FaultingInstruction.decode(oops.code(), oops.registers(), Disassembler.load());
        PagingAnalysis paging = PagingAnalysis.of(parsed);
        List<Finding> findings = Correlation.chain(parsed, paging, slots, fault);
        return new TranscriptAnalysis(parsed, paging, slots, RegisterProvenance.of(parsed, slots), oops, fault, findings,
                KnownIssues.diagnose(rules.rules(), parsed, findings), rules.problems());
    }
}
