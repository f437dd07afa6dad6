package org.crashscope.transcript.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Symbol;

/** Parses {@code name+off} symbols: {@code gup_pgd_range+0x24c}, {@code kfree+328}, {@code .LC101+608}, {@code func.cold+96}. */
final class Symbols {
    private static final Pattern SYMBOL = Pattern.compile("([A-Za-z_.$][\\w.$]*)(?:\\+(0x[0-9a-fA-F]{1,16}|\\d{1,18}))?(?:/(0x[0-9a-fA-F]{1,16}|\\d{1,18}))?");

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

    static boolean looksLikeSymbol(String token) {
        return SYMBOL.matcher(token).matches() && !token.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
