package org.crashscope.analysis;

import java.util.List;
import java.util.Map;

/**
 * A known issue, read from a rule file: what it looks like (symptoms), which kernels have it and
 * which fix it, what to do about it.
 */
public record Rule(String id, String title, String summary, List<Symptom> symptoms, List<String> fixedIn, String workaround, String workaroundText,
        String preconditions, List<String> references, String source) {

    /**
     * One symptom. Exactly one test is set: {@code function} (a regex over the RIP, exception
     * RIPs, call traces and frames), {@code oops} (a regex over oops and panic messages),
     * {@code machineCheck} (a regex over machine-check lines), {@code finding} (a kind of the
     * correlation chain, optionally {@code contains} text or {@code withinSeconds} of the oops)
     * or {@code kernelAffected}.
     */
    public record Symptom(String id, String text, boolean required, Map<String, Object> test) {
    }
}
