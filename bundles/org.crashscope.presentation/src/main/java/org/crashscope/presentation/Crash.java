package org.crashscope.presentation;

import java.util.List;

import org.crashscope.transcript.model.Oops;

/**
 * The crash a report shows: its kind, title and blamed frame, and why.
 *
 * @param line        the report's line (an oops's message, or crash's PANIC line)
 * @param kind        the contract's id of the kind ({@code general-protection-fault})
 * @param meaning     what the kind means, in words
 * @param fault       whether the kind is a fault the kernel took (a page fault, a GPF), not a report it chose to print
 * @param guiltyFrame the function blamed, or {@code null}
 * @param evidence    why this kind and this frame, in words
 * @param oops        the log report it comes from, or {@code null} (crash's session header only)
 * @param altTitles   other titles the same bug is known by
 */
public record Crash(int line, String kind, String meaning, boolean fault, String title, String guiltyFrame, boolean deliberate, String evidence, Oops oops,
        List<Integer> lines, List<String> altTitles) {

    /** The title, with "(deliberate)" for a crash asked for (sysrq, a test module). */
    public String headline() {
        return title + (deliberate ? " (deliberate)" : "");
    }
}
