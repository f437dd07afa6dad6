package org.crashscope.analysis.rules;

import java.util.List;
import java.util.Map;

/**
 * A known issue, read from a rule file: what it looks like (symptoms), which kernels have it and
 * which fix it, what to do about it. A rule for a kind of crash (soft lockup, use-after-free) says
 * what the kind means and what to check next; a rule for a known issue names the rules it
 * {@code supersedes} when it matches (its own kind's rule, which says less).
 */
public record Rule(String id, String title, String summary, List<Symptom> symptoms, List<String> fixedIn, String workaround, String workaroundText,
        String preconditions, List<String> references, List<String> supersedes, String category, String source) {

    /** A rule that explains a kind of crash (what it means, what to check next), not a known issue with fixes. */
    public static final String KIND = "crash-kind";
    public static final String ISSUE = "known-issue";

    public boolean explainsAKind() {
        return KIND.equals(category);
    }

    /** What the rule is, for headings: {@code Known issue} or {@code Crash kind}. */
    public String what() {
        return explainsAKind() ? "Crash kind" : "Known issue";
    }

    /** What its workaround text is: a workaround of a known issue, what to check next for a kind. */
    public String adviceLabel() {
        return explainsAKind() ? "What to check next" : "Workaround";
    }

    /**
     * One symptom: its test, one of {@link #TESTS}: {@code crashKind} (a regex over the id of the
     * crash's kind, {@code soft-lockup}; optionally {@code deliberate} true or false),
     * {@code function} (a regex over the RIP, exception RIPs, call traces and frames), {@code oops}
     * (a regex over oops and panic messages), {@code machineCheck} (a regex over machine-check
     * lines), {@code finding} (a kind of the correlation chain, optionally {@code contains} text or
     * {@code withinSeconds} of the oops) or {@code kernelAffected}. Patterns are RE2 patterns,
     * matched in time linear in the text: no rule can hang an analysis.
     *
     * @param test      the test's name ({@code oops})
     * @param pattern   its compiled pattern for the regex tests, else {@code null}
     * @param modifiers the test's options ({@code deliberate}, {@code contains}, {@code withinSeconds}), typed
     */
    public record Symptom(String id, String text, boolean required, String test, com.google.re2j.Pattern pattern, String value,
            Map<String, Object> modifiers) {
    }

    /** The tests a symptom can have, and whether each is a pattern. */
    public static final Map<String, Boolean> TESTS = Map.of("crashKind", true, "function", true, "oops", true, "machineCheck", true, "finding", false,
            "kernelAffected", false);
}
