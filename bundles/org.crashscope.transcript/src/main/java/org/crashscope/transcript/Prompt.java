package org.crashscope.transcript;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code crash>} prompt as analysts paste it: indented by spaces or TABs, quoted with
 * {@code > } in mail, with or without a command and with trailing spaces.
 *
 * @param indent  the column of {@code crash>} (TAB stops every 8 columns)
 * @param quoted  whether the prompt is quoted with {@code >} (its output lines then are too)
 * @param command the command text, trimmed; empty for a bare prompt
 */
record Prompt(int indent, boolean quoted, String command) {

    private static final Pattern PROMPT = Pattern.compile("^([ \\t]*(?:>[ \\t]*)*)crash>(?:[ \\t]+(.*?))?[ \\t]*$");
    private static final byte[] MARK = {'c', 'r', 'a', 's', 'h', '>'};

    /** The command's first word: {@code bt} for {@code bt -FFls}, {@code log} for {@code log | tail}. */
    String kind() {
        int end = 0;
        while (end < command.length() && !Character.isWhitespace(command.charAt(end)) && command.charAt(end) != '|') {
            end++;
        }
        return command.substring(0, end);
    }

    static Optional<Prompt> parse(String line) {
        Matcher m = PROMPT.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        String command = m.group(2) == null ? "" : m.group(2).strip();
        String lead = m.group(1);
        int column = 0;
        for (int i = 0; i < lead.length(); i++) {
            column = lead.charAt(i) == '\t' ? (column / 8 + 1) * 8 : column + 1;
        }
        return Optional.of(new Prompt(column, lead.indexOf('>') >= 0, command));
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
