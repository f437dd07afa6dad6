package org.crashscope.analysis;

import java.util.List;

import org.crashscope.arch.ArchDetector;
import org.crashscope.arch.ArchFacts;
import org.crashscope.arch.paging.PagingAnalysis;
import org.crashscope.arch.x86.FaultingInstruction;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.analysis.chain.Correlation;
import org.crashscope.analysis.chain.CrashReport;
import org.crashscope.analysis.rules.Diagnosis;
import org.crashscope.analysis.rules.KnownIssues;
import org.crashscope.analysis.rules.Rules;
import org.crashscope.analysis.stack.AnnotatedSlot;
import org.crashscope.analysis.stack.RegisterProvenance;
import org.crashscope.analysis.stack.StackSlotAnnotator;
import org.crashscope.analysis.stack.ValueIndex;

/**
 * Every analysis of one parsed transcript, run once and shared by the views, the CLI and the
 * reports: the architecture and the session, paging (walk checks, tables, anomalies), the
 * annotated stack, register provenance, the kind of crash, the decoded instruction of its report's
 * Code: line, the evidence chain and the matching known issues.
 *
 * @param arch         the architecture and what decided it
 * @param session      crash's session header (banner, {@code sys})
 * @param fault        the decoded Code: of {@code faultingOops}, or {@code null}
 * @param crash        the crash that ended the session (kind, title, guilty frame), or {@code null} when the text shows none
 * @param reports      the kind and title of every oops, in the order of {@code parsed.oopses()}
 * @param ruleProblems rule files that could not be read
 */
public record TranscriptAnalysis(ParsedTranscript parsed, ArchFacts arch, Session session, PagingAnalysis paging, List<AnnotatedSlot> slots,
        List<RegisterProvenance> provenance, Oops faultingOops, FaultingInstruction fault, CrashReport crash, List<CrashReport> reports,
        List<Finding> findings, List<Diagnosis> diagnoses,
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
        Session session = Session.of(parsed);
        List<CrashReport> reports = CrashReport.ofOopses(parsed);
        CrashReport crash = CrashReport.ofSession(parsed, session, reports);
        // the Code: of the crash's report; of the first report that has one only when the crash has no report of its own (crash's
        // PANIC line alone): another report's instruction is never this crash's. The x86 decoder reads x86 code only, and its
        // native library is loaded only when there is Code to decode (CLI start-up time)
        Oops oops = null;
        if (arch.architecture().decodesCode()) {
            oops = crash != null && crash.oops() != null ? (crash.oops().code() != null ? crash.oops() : null)
                    : parsed.oopses().stream().filter(o -> o.code() != null).findFirst().orElse(null);
        }
        FaultingInstruction fault = oops == null ? null : arch.architecture().decodeCode(oops.code(), oops.registers());
        PagingAnalysis paging = PagingAnalysis.of(parsed, arch);
        List<Finding> findings = Correlation.chain(parsed, session, paging, slots, fault, crash);
        return new TranscriptAnalysis(parsed, arch, session, paging, slots, RegisterProvenance.of(parsed, slots, index), oops, fault, crash, reports,
                findings, KnownIssues.diagnose(rules.rules(), parsed, findings, crash), rules.problems());
    }
}
