package org.crashscope.analysis;

import java.util.List;

/**
 * One step of a diagnosis: a sentence, how sure it is, and the lines that prove it. A gap is a
 * finding too: {@code nextCommand} then says which crash command would supply the missing link.
 *
 * @param kind     what the step is about
 * @param evidence 1-based lines of the transcript
 * @param heading  the step's heading: its kind's, or one that says more within the kind (a soft
 *                 offline is a step of kind {@code hardware-error}, rules match it so, but it is not
 *                 headed "HARDWARE ERROR")
 */
public record Finding(FindingKind kind, String text, Confidence confidence, List<Integer> evidence, String nextCommand, String heading) {

    public Finding {
        heading = heading == null ? kind.heading() : heading;
    }

    public Finding(FindingKind kind, String text, Confidence confidence, List<Integer> evidence, String nextCommand) {
        this(kind, text, confidence, evidence, nextCommand, null);
    }

    /** This step under another heading (its kind, and so the rules that match it, unchanged). */
    public Finding headed(String newHeading) {
        return new Finding(kind, text, confidence, evidence, nextCommand, newHeading);
    }

    public boolean isGap() {
        return nextCommand != null;
    }

    public static Finding of(FindingKind kind, String text, Confidence confidence, Integer... lines) {
        return new Finding(kind, text, confidence, java.util.Arrays.stream(lines).filter(l -> l != null && l > 0).distinct().sorted().toList(), null);
    }

    public static Finding gap(String text, String command, Integer... lines) {
        return new Finding(FindingKind.GAP, text, Confidence.HIGH, java.util.Arrays.stream(lines).filter(l -> l != null && l > 0).distinct().sorted().toList(),
                command);
    }
}
