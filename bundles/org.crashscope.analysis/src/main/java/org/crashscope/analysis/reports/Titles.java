package org.crashscope.analysis.reports;

import java.util.regex.Pattern;

/**
 * A title that stays the same for the same bug: what changes from one boot or run to the next
 * (addresses, numbers, PIDs of syzkaller's executors, source line numbers, CPU numbers, offsets
 * into functions) replaced by a word, control characters dropped, at most 120 characters. The
 * patterns are fixed and the title is short: Java's regular expressions, whose replacement syntax
 * these use.
 */
final class Titles {
    private static final String[][] REPLACEMENTS = {
        {"syz-executor\\.?[0-9]+((/|:)[0-9]+)?", "syz-executor"},
        {"syzkaller[0-9]+((/|:)[0-9]+)?", "syzkaller"},
        {"([^a-zA-Z0-9])(?:0x)?[0-9a-f]{6,}", "$1ADDR"},
        {"([0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3})", "IP"},
        {"(\\.\\w+)(:[0-9]+)+", "$1:LINE"},
        {"([a-zA-Z][a-zA-Z0-9_.]+)\\+0x[0-9a-z]+/0x[0-9a-z]+", "$1"},
        {"CPU#[0-9]+", "CPU"},
        {"(\\W)(\\d+)(\\W|$)", "$1NUM$3"},
        {"(\\d+){7,}", "NUM"},
    };
    private static final Pattern[] PATTERNS = new Pattern[REPLACEMENTS.length];

    static {
        for (int i = 0; i < REPLACEMENTS.length; i++) {
            PATTERNS[i] = Pattern.compile(REPLACEMENTS[i][0]);
        }
    }

    private static final int MAX = 120;

    private Titles() {
    }

    static String sanitize(String title) {
        String t = title;
        for (int i = 0; i < PATTERNS.length; i++) {
            // overlapping numbers ("0,1,2") need more than one pass
            for (String before = null; !t.equals(before);) {
                before = t;
                t = PATTERNS[i].matcher(t).replaceAll(REPLACEMENTS[i][1]);
            }
        }
        StringBuilder b = new StringBuilder();
        char prev = ' ';
        for (int i = 0; i < t.length() && i < MAX; i++) {
            char c = t.charAt(i);
            if (c == '\t') {
                c = ' ';
            } else if (c < 0x20 || c >= 0x7f) {
                continue;
            }
            if (c == ' ' && prev == ' ') {
                continue;
            }
            b.append(c);
            prev = c;
        }
        return b.toString().strip();
    }
}
