package org.crashscope.analysis.rules;

import java.util.List;
import org.crashscope.analysis.Confidence;

/**
 * A known issue matched against a transcript.
 *
 * @param confidence    the share of the rule's symptoms that hold (0..1)
 * @param held          the symptoms that hold, in words
 * @param missing       the symptoms that do not (or could not be checked)
 * @param kernel        the running kernel, or {@code null} when the transcript does not say
 * @param kernelStatus  where the running kernel stands against the rule's fixes
 * @param evidence      the lines behind the symptoms that hold
 */
public record Diagnosis(Rule rule, double confidence, List<String> held, List<String> missing, String kernel, KernelStatus kernelStatus,
        List<Integer> evidence) {

    public Confidence level() {
        return confidence >= 0.8 ? Confidence.HIGH : confidence >= 0.5 ? Confidence.MEDIUM : Confidence.LOW;
    }
}
