package org.crashscope.transcript.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Symbol;

/** Parses {@code name+off} symbols: {@code gup_pgd_range+0x24c}, {@code kfree+328}, {@code .LC101+608}, {@code func.cold+96}. */
final class Symbols {
    static final Pattern SYMBOL = Pattern.compile("([A-Za-z_.$][\\w.$]*)(?:\\+(0x[0-9a-fA-F]{1,16}|\\d{1,18}))?(?:/(0x[0-9a-fA-F]{1,16}|\\d{1,18}))?");

    private Symbols() {
    }

    /** The symbol, or {@code null} when {@code text} is not one. */
    static Symbol parse(String text) {
        Matcher m = SYMBOL.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        Long offset = m.group(2) == null ? Long.valueOf(0) : Hex.parseOffset(m.group(2));
        return offset == null ? null : new Symbol(m.group(1), offset);
    }

    /** Whether {@code token} is a symbol ({@link #SYMBOL}, read by hand: a stack word or a dumped value asks) and not a hex word. */
    static boolean looksLikeSymbol(String token) {
        if (token.isEmpty() || !nameStart(token.charAt(0))) {
            return false;
        }
        int i = 1;
        while (i < token.length() && nameChar(token.charAt(i))) {
            i++;
        }
        if (i < token.length() && token.charAt(i) == '+') {
            i = number(token, i + 1);
            if (i < 0) {
                return false;
            }
        }
        if (i < token.length() && token.charAt(i) == '/') {
            i = number(token, i + 1);
            if (i < 0) {
                return false;
            }
        }
        if (i != token.length()) {
            return false;
        }
        for (int k = 0; k < token.length(); k++) {
            if (!Words.hex(token.charAt(k))) {
                return true;
            }
        }
        return false; // all hex digits: a value, not a name
    }

    private static boolean nameStart(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '.' || c == '$';
    }

    private static boolean nameChar(char c) {
        return nameStart(c) || c >= '0' && c <= '9';
    }

    /**
     * Where {@code 0x[0-9a-fA-F]{1,16}|\d{1,18}} starting at {@code at} ends when what follows is the end or a
     * {@code /}, else -1.
     */
    private static int number(String s, int at) {
        if (s.startsWith("0x", at)) {
            int i = at + 2;
            while (i < s.length() && Words.hex(s.charAt(i))) {
                i++;
            }
            if (i - at - 2 >= 1 && i - at - 2 <= 16 && (i == s.length() || s.charAt(i) == '/')) {
                return i;
            }
        }
        int i = at;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - at >= 1 && i - at <= 18 && (i == s.length() || s.charAt(i) == '/') ? i : -1;
    }
}
