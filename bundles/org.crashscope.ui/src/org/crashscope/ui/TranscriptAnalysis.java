package org.crashscope.ui;

import java.util.List;

import org.crashscope.analysis.AnnotatedSlot;
import org.crashscope.analysis.Correlation;
import org.crashscope.analysis.Diagnosis;
import org.crashscope.analysis.Finding;
import org.crashscope.analysis.KnownIssues;
import org.crashscope.analysis.Rules;
import org.crashscope.analysis.RegisterProvenance;
import org.crashscope.analysis.StackSlotAnnotator;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.x86.Disassembler;
import org.crashscope.x86.FaultingInstruction;
import org.crashscope.x86.PagingAnalysis;

/**
 * What the views show about one open transcript: its records, the paging analyses, the annotated
 * stack, the register provenance and the decoded faulting instruction of its first oops.
 *
 * @param fault the decoded Code: of the first oops that has one, or {@code null}
 */
public record TranscriptAnalysis(ParsedTranscript parsed, PagingAnalysis paging, List<AnnotatedSlot> slots, List<RegisterProvenance> provenance,
        Oops faultingOops, FaultingInstruction fault, List<Finding> findings, List<Diagnosis> diagnoses) {

    public static TranscriptAnalysis of(ParsedTranscript parsed) {
        List<AnnotatedSlot> slots = StackSlotAnnotator.annotate(parsed);
        Oops oops = parsed.oopses().stream().filter(o -> o.code() != null).findFirst().orElse(null);
        FaultingInstruction fault = oops == null ? null : FaultingInstruction.decode(oops.code(), oops.registers(), Disassembler.load());
        PagingAnalysis paging = PagingAnalysis.of(parsed);
        List<Finding> findings = Correlation.chain(parsed, paging, slots, fault);
        List<Diagnosis> diagnoses = KnownIssues.diagnose(Rules.load(Rules.userFolders()).rules(), parsed, findings);
        return new TranscriptAnalysis(parsed, paging, slots, RegisterProvenance.of(parsed, slots), oops, fault, findings, diagnoses);
    }
}
