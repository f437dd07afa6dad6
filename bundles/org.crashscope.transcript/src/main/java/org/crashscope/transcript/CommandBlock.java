package org.crashscope.transcript;

import java.util.Set;

/**
 * One {@code crash>} command and its output: the prompt is on {@link #firstLine()}, the output
 * runs to {@link #lastLine()} (inclusive, trailing blank lines excluded).
 *
 * @param firstLine the line of the prompt (1-based)
 * @param lastLine  the last line of the output, or {@code firstLine} when there is none
 * @param command   the command as typed, e.g. {@code bt -FFls}; empty for a bare prompt
 * @param kind      the command's first word, e.g. {@code bt}; empty for a bare prompt
 * @param indent    how many characters precede {@code crash>} on the prompt line
 */
public record CommandBlock(int firstLine, int lastLine, String command, String kind, int indent) {

    /** The kinds of the commands that print the kernel's log: their output is read by the log parser. */
    public static final Set<String> LOG_KINDS = Set.of("log", "dmesg");

    public CommandBlock {
        if (firstLine < 1 || lastLine < firstLine) {
            throw new IllegalArgumentException("bad span " + firstLine + ".." + lastLine);
        }
    }

    /** True when the prompt carried no command. */
    public boolean isBare() {
        return command.isEmpty();
    }

    /** The number of output lines after the prompt. */
    public int outputLines() {
        return lastLine - firstLine;
    }
}
