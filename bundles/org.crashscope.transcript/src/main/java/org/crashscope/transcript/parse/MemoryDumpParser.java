package org.crashscope.transcript.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Annotation;
import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.DumpRows;
import org.crashscope.transcript.model.MemoryDump;
import org.crashscope.transcript.model.Span;

/**
 * {@code rd} output, with or without its prompt: {@code ADDR:  VALUE VALUE  ascii}. The width comes
 * from the command ({@code -8/-16/-32/-64}) or from the first value; the ASCII column is as wide
 * as the row's bytes; whatever follows it (an arrow, a remark) is the analyst's.
 */
final class MemoryDumpParser {
    private static final Pattern ROW = Pattern.compile("^[\\s>]*([0-9a-fA-F]{6,16}):\\s+(.*)$");
    private static final Pattern WIDE_ROW = Pattern.compile("^[\\s>]*([0-9a-fA-F]{17,}):\\s.*$");
    private static final Pattern SLAB = Pattern.compile("^\\[(?:([0-9a-fA-F]{1,16}):)?([\\w.@/-]+)\\]$");

    private MemoryDumpParser() {
    }

    static MemoryDump parse(String command, BlockText text) {
        return parse(command, text, true);
    }

    /** @param byHand false: every row read by the patterns and its values as records (what the hand-read rows are checked against) */
    static MemoryDump parse(String command, BlockText text, boolean byHand) {
        int width = widthFromCommand(command);
        DumpRows.Builder rows = null;
        List<Annotation> annotations = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        long[] numbers = new long[16];
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            int lineNo = text.lineNo(i);
            if (line.isBlank() || i == 0 && line.contains("crash>")) {
                continue;
            }
            // most rows of a big dump are printable ASCII, read here by hand; the rest by the patterns (what the hand reads
            // is what they read: in printable ASCII, \s is a blank and . any character)
            boolean plain = byHand && printableAscii(line);
            int restAt = plain ? restOfRow(line) : -1;
            String addressText;
            String rest;
            if (restAt >= 0) {
                int from = Words.start(line);
                addressText = line.substring(from, line.indexOf(':', from));
                rest = line.substring(restAt);
            } else {
                Matcher m = ROW.matcher(line);
                if (!m.matches()) {
                    Matcher wide = WIDE_ROW.matcher(line);
                    if (wide.matches()) {
                        diagnostics.add(Diagnostic.warning(lineNo, "the address " + wide.group(1) + " is wider than 64 bits: the row is not read"));
                    } else {
                        annotations.add(new Annotation(lineNo, line.strip()));
                    }
                    continue;
                }
                addressText = m.group(1);
                rest = m.group(2);
            }
            long address = Hex.parse(addressText);
            if (width == 0) {
                width = widthOf(rest, addressText);
            }
            // the row's numbers, and its values as records only once one is no number (a symbol, a slab tag)
            int perRow = Math.max(1, 16 / Math.max(1, width));
            if (numbers.length < perRow) {
                numbers = new long[perRow];
            }
            int count = 0;
            List<MemoryDump.Value> values = null;
            int pos = 0;
            while (count < perRow) {
                while (pos < rest.length() && rest.charAt(pos) == ' ') {
                    pos++;
                }
                int end = pos;
                while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
                    end++;
                }
                if (end == pos) {
                    break;
                }
                long at = address + (long) count * width;
                MemoryDump.Value value;
                if (byHand && end - pos == width * 2 && asciiHex(rest, pos, end)) {
                    value = null;
                    numbers[count] = Long.parseUnsignedLong(rest, pos, end, 16);
                } else {
                    String token = rest.substring(pos, end);
                    Matcher slab = SLAB.matcher(token);
                    if (token.length() == width * 2 && Hex.parse(token) != null) {
                        value = new MemoryDump.Value(at, Hex.parse(token), null);
                    } else if (slab.matches() && !isAsciiStart(rest, pos, count)) {
                        value = new MemoryDump.Value(at, null, null, slab.group(1) == null ? null : Hex.parse(slab.group(1)), slab.group(2));
                    } else if (Symbols.looksLikeSymbol(token) && count < perRow && !isAsciiStart(rest, pos, count)) {
                        value = new MemoryDump.Value(at, null, token);
                    } else {
                        break;
                    }
                }
                if ((value != null || !byHand) && values == null) {
                    values = new ArrayList<>();
                    for (int k = 0; k < count; k++) {
                        values.add(new MemoryDump.Value(address + (long) k * width, numbers[k], null));
                    }
                }
                if (values != null) {
                    values.add(value != null ? value : new MemoryDump.Value(at, numbers[count], null));
                }
                count++;
                pos = end;
            }
            if (count == 0) {
                diagnostics.add(Diagnostic.warning(lineNo, "value column is not hex"));
            }
            String ascii = null;
            String tail = plain ? null : rest.substring(Math.min(pos, rest.length())).strip();
            if (plain ? !blank(rest, Math.min(pos, rest.length())) : !tail.isEmpty()) {
                int bytes = count * width;
                int after = pos;
                for (int k = 0; k < 3 && after < rest.length() && Words.space(rest.charAt(after)); k++) {
                    after++; // (Words.withoutLeadingSpaces(rest.substring(pos), 3))
                }
                if (rest.length() - after >= bytes && bytes > 0 && (plain || printableAscii(rest.substring(after, after + bytes)))) {
                    ascii = rest.substring(after, after + bytes);
                    tail = rest.substring(after + bytes).strip();
                } else if (tail == null) {
                    tail = rest.substring(Math.min(pos, rest.length())).strip();
                }
                if (!tail.isEmpty()) {
                    annotations.add(new Annotation(lineNo, tail));
                }
            }
            if (rows == null) {
                rows = new DumpRows.Builder(width);
            }
            if (values == null) {
                rows.addNumbers(lineNo, address, numbers, count, ascii);
            } else {
                rows.add(lineNo, address, values, ascii);
            }
        }
        DumpRows dumped = (rows == null ? new DumpRows.Builder(width == 0 ? 8 : width) : rows).build();
        int first = dumped.isEmpty() ? text.first() : Math.min(text.first(), dumped.line(0));
        return new MemoryDump(new Span(first, Math.max(first, text.last())), command, width == 0 ? 8 : width, dumped,
                List.copyOf(annotations), List.copyOf(diagnostics));
    }

    /**
     * Where the values of a row of printable ASCII start, as {@link #ROW} reads it ({@code [\\s>]*}, 6 to 16 hex digits,
     * a colon, blanks), or -1 when it is no such row.
     */
    static int restOfRow(String line) {
        int i = Words.start(line);
        int digits = i;
        while (i < line.length() && Words.hex(line.charAt(i))) {
            i++;
        }
        if (i - digits < 6 || i - digits > 16 || i + 1 >= line.length() || line.charAt(i) != ':' || line.charAt(i + 1) != ' ') {
            return -1;
        }
        i++;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Whether every character of {@code line} is printable ASCII (a row of them is read by hand; so is a row's ASCII column). */
    static boolean printableAscii(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s[from..to)} is hex digits of ASCII only. */
    private static boolean asciiHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Words.hex(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} from {@code from} on is blanks only (what {@code strip()} leaves empty, in printable ASCII). */
    private static boolean blank(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) != ' ') {
                return false;
            }
        }
        return true;
    }

    /** An ASCII column starts where a symbolic token would follow fewer values than a full row: be strict. */
    private static boolean isAsciiStart(String rest, int pos, int valuesSoFar) {
        return valuesSoFar > 0 && pos >= 2 && rest.startsWith("  ", pos - 2);
    }

    static int widthFromCommand(String command) {
        for (String word : command.split("\\s+")) {
            switch (word) {
                case "-8" -> {
                    return 1;
                }
                case "-16" -> {
                    return 2;
                }
                case "-32" -> {
                    return 4;
                }
                case "-64" -> {
                    return 8;
                }
                default -> {
                }
            }
        }
        return 0;
    }

    /** The width of the row's first hex word; when it starts with a symbol or a slab tag, the address's width tells 32- from 64-bit. */
    private static int widthOf(String rest, String address) {
        for (String token : rest.strip().split("\\s+")) {
            if (Hex.parse(token) != null) {
                return switch (token.length()) {
                    case 2 -> 1;
                    case 4 -> 2;
                    case 8 -> 4;
                    default -> 8;
                };
            }
            if (!token.startsWith("[") && !Symbols.looksLikeSymbol(token)) {
                break;
            }
        }
        return address.length() <= 8 ? 4 : 8;
    }
}
