package org.crashscope.cli;

import java.util.List;

import org.crashscope.analysis.AnnotatedSlot;
import org.crashscope.analysis.Correlation;
import org.crashscope.analysis.Diagnosis;
import org.crashscope.analysis.Finding;
import org.crashscope.analysis.KnownIssues;
import org.crashscope.analysis.Rules;
import org.crashscope.analysis.StackSlotAnnotator;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.x86.Disassembler;
import org.crashscope.x86.FaultingInstruction;
import org.crashscope.x86.PagingAnalysis;

/** Every analysis of a parsed transcript, run once for the writers. */
record Analyses(ParsedTranscript parsed, PagingAnalysis paging, List<AnnotatedSlot> slots, FaultingInstruction fault, List<Finding> findings,
        List<Diagnosis> diagnoses, List<String> ruleProblems) {

    static Analyses of(ParsedTranscript parsed) {
        PagingAnalysis paging = PagingAnalysis.of(parsed);
        List<AnnotatedSlot> slots = StackSlotAnnotator.annotate(parsed);
        Oops oops = parsed.oopses().stream().filter(o -> o.code() != null).findFirst().orElse(null);
        // the native disassembler is loaded only when there is Code to decode (start-up time)
        FaultingInstruction fault = oops == null ? null : FaultingInstruction.decode(oops.code(), oops.registers(), Disassembler.load());
        List<Finding> findings = Correlation.chain(parsed, paging, slots, fault);
        Rules.Loaded rules = Rules.load(Rules.userFolders());
        return new Analyses(parsed, paging, slots, fault, findings, KnownIssues.diagnose(rules.rules(), parsed, findings), rules.problems());
    }
}
