package org.crashscope.transcript.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * What the parsers did with a regular expression per line, done by hand and to the same result: the white space of
 * {@code \s} (space, tab, newline, vertical tab, form feed, carriage return; not {@link Character#isWhitespace}'s wider
 * set), words split on it, hex and decimal columns recognised. {@code String.split("\\s+")} and {@code replaceAll}
 * compile their pattern on every call: on a gigabyte of rows that was most of the parse.
 */
final class Words {
    private Words() {
    }

    /** Whether {@code c} is white space as {@code \s} of a Java pattern means it. */
    static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    /** {@code text.strip().split("\\s+")} without its empty words. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        String s = text.strip();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && space(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !space(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    /** The length of {@code text.strip().split("\\s+", 2)[0]}: of its first word (a mail's every line is asked). */
    static int firstLength(String text) {
        int start = 0;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        int last = text.length();
        while (last > start && Character.isWhitespace(text.charAt(last - 1))) {
            last--;
        }
        int end = start;
        while (end < last && !space(text.charAt(end))) {
            end++;
        }
        return end - start;
    }

    /** {@code text.replaceAll(" {2,}", " ")}. */
    static String singleSpaces(String text) {
        int at = text.indexOf("  ");
        if (at < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, at + 1);
        for (int i = at + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' || text.charAt(i - 1) != ' ') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The length of {@code text.strip().replaceAll("\\s+", " ")}. */
    static int collapsedLength(String text) {
        String s = text.strip();
        int length = 0;
        boolean inSpace = false;
        for (int i = 0; i < s.length(); i++) {
            boolean sp = space(s.charAt(i));
            if (!sp || !inSpace) {
                length++;
            }
            inSpace = sp;
        }
        return length;
    }

    /** {@code text.replaceFirst("^\\s{1,3}", "")}. */
    static String withoutLeadingSpaces(String text, int most) {
        int i = 0;
        while (i < most && i < text.length() && space(text.charAt(i))) {
            i++;
        }
        return text.substring(i);
    }

    /** Where the first character of {@code line} that is neither {@code \s} nor {@code >} is (what {@code ^[\s>]*} skips), or its length. */
    static int start(String line) {
        int i = 0;
        while (i < line.length() && (space(line.charAt(i)) || line.charAt(i) == '>')) {
            i++;
        }
        return i;
    }

    /** Whether {@code c} is a hex digit as {@code [0-9a-fA-F]} means it. */
    static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** Whether {@code s} is {@code [0-9a-fA-F]{min,max}}. */
    static boolean hex(String s, int min, int max) {
        if (s.length() < min || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!hex(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} is {@code -?\d{1,9}}. */
    static boolean decimal(String s) {
        int from = s.startsWith("-") ? 1 : 0;
        if (s.length() - from < 1 || s.length() - from > 9) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
