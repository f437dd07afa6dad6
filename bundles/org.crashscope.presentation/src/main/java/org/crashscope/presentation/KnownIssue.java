package org.crashscope.presentation;

import java.util.List;

/**
 * A rule matched against the transcript (a known issue, or a rule that explains a kind of crash),
 * with what holds, what is missing and where the running kernel stands against its fixes.
 *
 * @param what          {@code Known issue} or {@code Crash kind}, for headings
 * @param adviceLabel   what its workaround text is: {@code Workaround}, or {@code What to check next} for a kind
 * @param confidence    the share of the rule's symptoms that hold (0..1)
 * @param level         {@code high}, {@code medium} or {@code low}
 * @param kernelStatus  the contract's id ({@code affected}, {@code fixed}, {@code unknown})
 * @param kernelVerdict the same in words
 */
public record KnownIssue(String id, String title, String what, String adviceLabel, boolean explainsAKind, String summary, double confidence, String level,
        List<String> fixedIn, String category, String workaround, String workaroundText, String kernel, String kernelStatus, String kernelVerdict,
        List<String> held, List<String> missing, List<String> references, List<Integer> evidence) {

    /** The rule's title, else its id: what a heading calls it. */
    public String name() {
        return title == null || title.isBlank() ? id : title;
    }

    public boolean affected() {
        return "affected".equals(kernelStatus);
    }

    public boolean kernelKnown() {
        return !"unknown".equals(kernelStatus);
    }
}
