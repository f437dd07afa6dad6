package org.crashscope.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a finding states only numbers its lines show. Every hex number ({@code 0x...}) of its
 * text must be printed on one of the lines it cites, or be the result of a computation the text
 * states over such numbers ({@code RAX + 0x18 = 0x...}, with {@code RAX = 0x...} itself cited), or
 * come from a cited number by paging arithmetic the text names by its word: the frame an entry maps
 * (its physical address), a page's or table's base, a page frame number and its address, a slot's
 * index in its table, a page size, the end of a range of that size; or be bytes of a cited
 * {@code Code:} line read as the instruction's immediate (the decoded instruction).
 */
final class ClaimChecker {

    private static final Pattern HEX = Pattern.compile("0x([0-9a-fA-F]+)");
    private static final Pattern WORD = Pattern.compile("(?<![0-9a-zA-Z_])(?:0x)?([0-9a-fA-F]+)(?![0-9a-zA-Z_])");
    /** {@code EXPR = 0xN}: a stated computation; EXPR of registers, hex numbers, +, - and *k. */
    private static final Pattern COMPUTED = Pattern.compile("((?:[A-Z][A-Z0-9]{1,3}|0x[0-9a-f]+)(?:\\*\\d)?(?: [+-] (?:[A-Z][A-Z0-9]{1,3}|0x[0-9a-f]+)(?:\\*\\d)?)+) = 0x([0-9a-f]+)");
    private static final Pattern REGISTER_VALUE = Pattern.compile("\\b([A-Z][A-Z0-9]{1,3}) = 0x([0-9a-f]+)");
    private static final Pattern RD_ROW = Pattern.compile("^\\s*([0-9a-f]+):\\s+[0-9a-f]{16}\\s+[0-9a-f]{16}");
    private static final Pattern WORDS32 = Pattern.compile("(?<![0-9a-fA-F])([0-9a-f]{8})(?![0-9a-fA-F])");
    private static final long[] SIZES = {0x1000L, 0x200000L, 0x40000000L};

    private ClaimChecker() {
    }

    /** The numbers of {@code finding}'s text that none of its cited lines supports, with why; empty when every number is supported. */
    static List<String> unsupported(Finding finding, IntFunction<String> lineText) {
        List<Long> cited = new ArrayList<>();
        List<String> citedText = new ArrayList<>();
        for (int line : finding.evidence()) {
            String text = lineText.apply(line);
            if (text == null) {
                continue;
            }
            citedText.add(text.toLowerCase(Locale.ROOT).replace("<", "").replace(">", "").replace("(", " ").replace(")", " "));
            Matcher m = WORD.matcher(text);
            while (m.find()) {
                if (m.group(1).length() <= 16) {
                    cited.add(Long.parseUnsignedLong(m.group(1), 16));
                }
            }
        }
        for (int line : finding.evidence()) {
            String text = lineText.apply(line);
            if (text == null) {
                continue;
            }
            Matcher row = RD_ROW.matcher(text);
            if (row.find()) {
                cited.add(Long.parseUnsignedLong(row.group(1), 16) + 8); // the second word of an rd row is at the row's address + 8
            }
            Matcher words = WORDS32.matcher(text);
            List<Long> w = new ArrayList<>();
            while (words.find()) {
                w.add(Long.parseLong(words.group(1), 16));
            }
            for (int i = 0; i + 1 < w.size(); i++) {
                cited.add(w.get(i + 1) << 32 | w.get(i)); // a hex dump's two 32-bit words read as one little-endian 64-bit value
            }
        }
        if (text(finding).contains("LIST_POISON1")) {
            cited.add(0xdead000000000100L); // the kernel's constants, named in the text
        }
        if (text(finding).contains("LIST_POISON2")) {
            cited.add(0xdead000000000122L);
        }
        String text = finding.text();
        Map<Long, Boolean> computed = computations(text, cited);
        List<String> out = new ArrayList<>();
        Matcher m = HEX.matcher(text);
        while (m.find()) {
            if (m.group(1).length() > 16) {
                out.add(m.group() + " is longer than 64 bits");
                continue;
            }
            long v = Long.parseUnsignedLong(m.group(1), 16);
            if (cited.contains(v) || Boolean.TRUE.equals(computed.get(v)) || derived(v, cited) || codeBytes(v, citedText)) {
                continue;
            }
            out.add(m.group() + " is on none of lines " + finding.evidence() + " and no stated computation gives it");
        }
        return out;
    }

    private static String text(Finding f) {
        return f.text();
    }

    /** The results of the text's stated computations, each true when its terms are cited and it adds up. */
    private static Map<Long, Boolean> computations(String text, List<Long> cited) {
        Map<String, Long> registers = new HashMap<>();
        Matcher r = REGISTER_VALUE.matcher(text);
        while (r.find()) {
            long v = Long.parseUnsignedLong(r.group(2), 16);
            if (cited.contains(v)) {
                registers.put(r.group(1), v);
            }
        }
        Map<Long, Boolean> out = new HashMap<>();
        Matcher c = COMPUTED.matcher(text);
        while (c.find()) {
            long result = Long.parseUnsignedLong(c.group(2), 16);
            Long sum = evaluate(c.group(1), registers, cited);
            out.merge(result, sum != null && sum == result, Boolean::logicalOr);
            if (sum == null && cited.contains(result)) {
                // the one term the text does not cite is what the computation determines: it holds when it adds up
                Long term = solve(c.group(1), registers, cited, result);
                if (term != null) {
                    out.merge(term, true, Boolean::logicalOr);
                }
            }
        }
        return out;
    }

    /** The single uncited hex term of a sum whose result is cited, when adding it up gives the result; else {@code null}. */
    private static Long solve(String expression, Map<String, Long> registers, List<Long> cited, long result) {
        long sum = 0;
        Long unknown = null;
        int sign = 1;
        int unknownSign = 1;
        for (String term : expression.split(" ")) {
            if (term.equals("+") || term.equals("-")) {
                sign = term.equals("+") ? 1 : -1;
                continue;
            }
            if (!term.startsWith("0x") || term.contains("*")) {
                Long v = registers.get(term);
                if (v == null) {
                    return null;
                }
                sum += sign * v;
                continue;
            }
            long v = Long.parseUnsignedLong(term.substring(2), 16);
            if (cited.contains(v) || derived(v, cited)) {
                sum += sign * v;
            } else if (unknown == null) {
                unknown = v;
                unknownSign = sign;
            } else {
                return null;
            }
        }
        return unknown != null && sum + unknownSign * unknown == result ? unknown : null;
    }

    private static Long evaluate(String expression, Map<String, Long> registers, List<Long> cited) {
        long sum = 0;
        int sign = 1;
        for (String term : expression.split(" ")) {
            if (term.equals("+") || term.equals("-")) {
                sign = term.equals("+") ? 1 : -1;
                continue;
            }
            String[] scaled = term.split("\\*");
            Long v;
            if (scaled[0].startsWith("0x")) {
                v = Long.parseUnsignedLong(scaled[0].substring(2), 16);
                if (!cited.contains(v) && !derived(v, cited)) {
                    return null;
                }
            } else {
                v = registers.get(scaled[0]);
                if (v == null) {
                    return null; // a register whose printed value the text does not give from a cited line
                }
            }
            sum += sign * v * (scaled.length > 1 ? Long.parseLong(scaled[1]) : 1);
        }
        return sum;
    }

    /** Paging arithmetic over one cited number, each a computation the finding names by its word (page, table, slot, frame, size, range). */
    private static boolean derived(long v, List<Long> cited) {
        for (long size : SIZES) {
            if (v == size) {
                return true; // a page size, named as such
            }
        }
        for (long c : cited) {
            long frame = c & 0x000ffffffffff000L;
            if (v == frame || v == (frame & ~0x1000L) || v == c << 12 || v == c >>> 12 || v == (c & 0xfff) >>> 3) {
                return true; // an entry's frame (a huge one without its PAT bit), a pfn's address or an address's pfn, a slot's index
            }
            for (int shift = 12; shift <= 48; shift += 9) {
                if (v == ((c >>> shift) & 0x1ff)) {
                    return true; // a virtual address's index at a level
                }
            }
            for (long size : SIZES) {
                if (v == (c & ~(size - 1)) || v == c + size || v == c + size - 1 || v == (c & ~(size - 1)) + size || v == c - size) {
                    return true; // the page or table that holds it, the end of its range, the next or previous page of a run
                }
            }
        }
        return false;
    }

    /** An immediate or displacement of a decoded instruction: its little-endian bytes on a cited Code: line. */
    private static boolean codeBytes(long v, List<String> citedText) {
        List<String> forms = new ArrayList<>();
        if (v >= 0 && v < 1L << 32) {
            forms.add(bytes(v, Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 7) / 8)));
        } else if (v < 0 && v >= -(1L << 31)) {
            forms.add(bytes(v, 4)); // a sign-extended imm32 or disp32
            if (v >= -128) {
                forms.add(bytes(v, 1));
            }
        }
        for (String text : citedText) {
            if (text.contains("code:")) {
                for (String f : forms) {
                    if ((" " + text + " ").contains(" " + f + " ")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String bytes(long v, int n) {
        List<String> b = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            b.add(String.format("%02x", (v >>> (8 * i)) & 0xff));
        }
        return String.join(" ", b);
    }
}
