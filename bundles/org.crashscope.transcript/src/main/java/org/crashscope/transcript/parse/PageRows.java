package org.crashscope.transcript.parse;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.PageRow;

/** Struct page rows ({@code PAGE PHYSICAL MAPPING INDEX CNT FLAGS}), whose columns shift width between crash versions. */
final class PageRows {
    private static final Pattern ROW = Pattern.compile(
            "^\\s*([0-9a-fA-F]{8,16})\\s+([0-9a-fA-F]{1,16})\\s+([0-9a-fA-F]{1,16})?\\s+([0-9a-fA-F]{1,16})\\s+(-?\\d{1,9})\\s+([0-9a-fA-F]{1,16})"
                    // the flag names: words and commas only, so that a column too wide for its pattern never becomes a flag
                    + "(?:\\s+([A-Za-z_][\\w,]*(?:\\s+[A-Za-z_][\\w,]*)*))?\\s*\\\\?\\s*$");
    static final Pattern HEADER = Pattern.compile("^[\\s>]*PAGE\\s+PHYSICAL\\s+(?:MAPPING\\s+INDEX|INODE\\s+OFFSET)\\s+CNT\\s+FLAGS\\s*$");

    private PageRows() {
    }

    static PageRow parse(String line, int lineNo) {
        PageRow plain = plain(line, lineNo);
        return plain != null ? plain : byPattern(line, lineNo);
    }

    /** The row as {@link #ROW} reads it (what {@link #parse} gives, slower). */
    static PageRow byPattern(String line, int lineNo) {
        Matcher m = ROW.matcher(line);
        if (!m.matches()) {
            return null;
        }
        List<String> names = m.group(7) == null || m.group(7).isBlank() ? List.of()
                : Arrays.stream(m.group(7).split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
        return new PageRow(lineNo, Hex.parse(m.group(1)), Hex.parse(m.group(2)), m.group(3) == null ? null : Hex.parse(m.group(3)),
                Hex.parse(m.group(4)), Integer.valueOf(m.group(5)), Hex.parse(m.group(6)), names);
    }

    /**
     * The row as {@link #ROW} reads it when it is the plain form (six columns, the mapping given, then flag names of words
     * and commas), read word by word: the pattern's first way to match it is exactly these columns; {@code null} for any
     * other form, which the pattern then reads.
     */
    private static PageRow plain(String line, int lineNo) {
        for (int i = 0; i < line.length(); i++) {
            // printable ASCII and \s only: then strip() and the pattern's white space are the same
            char c = line.charAt(i);
            if ((c <= ' ' || c >= 0x7f) && !Words.space(c)) {
                return null;
            }
        }
        List<String> words = Words.split(line);
        if (words.size() < 6 || !Words.hex(words.get(0), 8, 16) || !Words.hex(words.get(1), 1, 16) || !Words.hex(words.get(2), 1, 16)
                || !Words.hex(words.get(3), 1, 16) || !Words.decimal(words.get(4)) || !Words.hex(words.get(5), 1, 16)) {
            return null;
        }
        List<String> names = new java.util.ArrayList<>();
        for (String flag : words.subList(6, words.size())) {
            char c = flag.charAt(0);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_')) {
                return null;
            }
            int from = 0;
            for (int i = 0; i <= flag.length(); i++) {
                if (i == flag.length() || flag.charAt(i) == ',') {
                    if (i > from) {
                        names.add(flag.substring(from, i));
                    }
                    from = i + 1;
                } else if (!word(flag.charAt(i))) {
                    return null;
                }
            }
        }
        return new PageRow(lineNo, Hex.parse(words.get(0)), Hex.parse(words.get(1)), Hex.parse(words.get(2)), Hex.parse(words.get(3)),
                Integer.valueOf(words.get(4)), Hex.parse(words.get(5)), List.copyOf(names));
    }

    /** {@code \w} of a Java pattern. */
    private static boolean word(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }
}
