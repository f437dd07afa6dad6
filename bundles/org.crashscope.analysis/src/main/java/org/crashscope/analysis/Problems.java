package org.crashscope.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.x86.Anomaly;
import org.crashscope.x86.CheckedWalk;
import org.crashscope.x86.PageTable;

/**
 * What an analyst should look at, line by line: entries that break a run of huge pages, walks whose
 * numbers do not add up, and what the parsers could not read. The workbench shows them in the
 * Problems view.
 */
public final class Problems {

    /** How much a problem matters. */
    public enum Severity {
        /** something the kernel's data says is wrong (an anomaly, a walk that does not add up) */
        ERROR,
        /** something the transcript does not say clearly (a truncated block, a value that is not hex) */
        WARNING,
        INFO
    }

    /** One problem at a line of the transcript (1-based). */
    public record Problem(int line, Severity severity, String kind, String message) {
    }

    private Problems() {
    }

    /** The problems of an analysis, by line. */
    public static List<Problem> of(TranscriptAnalysis analysis) {
        List<Problem> out = new ArrayList<>();
        for (PageTable table : analysis.paging().tables()) {
            for (Anomaly anomaly : table.anomalies()) {
                out.add(new Problem(anomaly.slot().line(), Severity.ERROR, "page-table anomaly", String.format(
                        "Slot 0x%x of the %s table at 0x%x %s", anomaly.slot().index(), table.level(), table.base(), anomaly.reason())));
            }
        }
        for (CheckedWalk walk : analysis.paging().walks()) {
            for (CheckedWalk.Finding finding : walk.findings()) {
                out.add(new Problem(finding.line(), Severity.ERROR, "walk check", "`" + walk.walk().command() + "`: " + finding.message()));
            }
        }
        for (Diagnostic d : analysis.parsed().diagnostics()) {
            out.add(new Problem(d.line(), d.severity() == Diagnostic.Severity.WARNING ? Severity.WARNING : Severity.INFO, "parse", d.message()));
        }
        for (String problem : analysis.ruleProblems()) {
            out.add(new Problem(1, Severity.WARNING, "rules", problem));
        }
        out.sort(Comparator.comparingInt(Problem::line));
        return out;
    }
}
