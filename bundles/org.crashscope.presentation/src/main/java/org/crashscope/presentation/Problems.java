package org.crashscope.presentation;

import org.crashscope.analysis.TranscriptAnalysis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.arch.paging.Anomaly;
import org.crashscope.arch.paging.CheckedWalk;
import org.crashscope.arch.paging.PageTable;

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
        /** something the transcript does not say clearly (a truncated block, a value that is not hex, crash's own warnings and errors) */
        WARNING,
        INFO
    }

    /** What a problem is about, with the name the Problems view shows. */
    public enum Kind {
        ANOMALY("page-table anomaly"), WALK_CHECK("walk check"), WALK_NOTE("walk note"), CRASH("crash"), PARSE("parse"), RULES("rules");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * One problem at a line of the transcript (1-based).
     *
     * @param command the command it is about ({@code vtop 7f...}), or {@code null}; a walk check's
     *                text is one of a few hundred sentences, held once however many walks it is about
     */
    public record Problem(int line, Severity severity, Kind kind, String command, String text) {

        /** What the Problems view says: the text, after the command in backquotes when there is one. */
        public String message() {
            return command == null ? text : "`" + command + "`: " + text;
        }
    }

    private Problems() {
    }

    /** The problems of an analysis, by line. */
    public static List<Problem> of(TranscriptAnalysis analysis) {
        List<Problem> out = new ArrayList<>();
        for (PageTable table : analysis.paging().tables()) {
            for (Anomaly anomaly : table.anomalies()) {
                out.add(new Problem(anomaly.slot().line(), Severity.ERROR, Kind.ANOMALY, null, String.format(
                        "Slot 0x%x of the %s table at 0x%x %s", anomaly.slot().index(), table.level(), table.base(), anomaly.reason())));
            }
        }
        for (CheckedWalk walk : analysis.paging().walks()) {
            for (CheckedWalk.Check check : walk.checks()) {
                out.add(new Problem(check.line(), check.mismatch() ? Severity.ERROR : Severity.INFO, check.mismatch() ? Kind.WALK_CHECK : Kind.WALK_NOTE,
                        walk.walk().command(), check.message()));
            }
        }
        for (Diagnostic d : analysis.parsed().diagnostics()) {
            // crash's own voice is a warning about the transcript, never an error in the kernel's data
            Severity severity = d.severity() == Diagnostic.Severity.INFO ? Severity.INFO : Severity.WARNING;
            out.add(new Problem(d.line(), severity, d.fromCrash() ? Kind.CRASH : Kind.PARSE, null, d.message()));
        }
        for (String problem : analysis.ruleProblems()) {
            out.add(new Problem(1, Severity.WARNING, Kind.RULES, null, problem));
        }
        out.sort(Comparator.comparingInt(Problem::line));
        return out;
    }
}
