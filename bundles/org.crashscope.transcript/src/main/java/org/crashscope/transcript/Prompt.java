package org.crashscope.transcript;

import java.util.Optional;

/**
 * A {@code crash>} prompt as analysts paste it: indented by spaces or TABs, quoted with
 * {@code > } in mail, with or without a command and with trailing spaces.
 *
 * @param indent  the column of {@code crash>} (TAB stops every 8 columns)
 * @param quoted  whether the prompt is quoted with {@code >} (its output lines then are too)
 * @param command the command text, trimmed; empty for a bare prompt
 */
record Prompt(int indent, boolean quoted, String command) {

    private static final byte[] MARK = {'c', 'r', 'a', 's', 'h', '>'};

    /** The command's first word: {@code bt} for {@code bt -FFls}, {@code log} for {@code log | tail}. */
    String kind() {
        return kindOf(command);
    }

    /** The first word of {@code command}, as {@link #kind()}. */
    static String kindOf(String command) {
        int end = 0;
        while (end < command.length() && !Character.isWhitespace(command.charAt(end)) && command.charAt(end) != '|') {
            end++;
        }
        return command.substring(0, end);
    }

    /**
     * The prompt of {@code line}: {@code [ \t>]*crash>} then the end of the line or blanks and the
     * command; {@code crash>bt} is not a prompt. Read by hand, not by a regex: every block's first
     * line is one.
     */
    static Optional<Prompt> parse(String line) {
        int i = 0;
        int column = 0;
        boolean quoted = false;
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                column = (column / 8 + 1) * 8;
            } else if (c == ' ' || c == '>') {
                column++;
                quoted |= c == '>';
            } else {
                break;
            }
        }
        if (!line.startsWith("crash>", i)) {
            return Optional.empty();
        }
        int rest = i + MARK.length;
        if (rest < line.length() && line.charAt(rest) != ' ' && line.charAt(rest) != '\t') {
            return Optional.empty();
        }
        return Optional.of(new Prompt(column, quoted, line.substring(rest).strip()));
    }

    /**
     * A cheap test on raw bytes that rejects nearly every line that cannot be a prompt, so that
     * only candidates are decoded and matched.
     */
    static boolean mayStart(byte[] buf, int from, int to) {
        int i = from;
        while (i < to && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '>')) {
            i++;
        }
        if (to - i < MARK.length) {
            return false;
        }
        for (int k = 0; k < MARK.length; k++) {
            if (buf[i + k] != MARK[k]) {
                return false;
            }
        }
        return true;
    }
}
