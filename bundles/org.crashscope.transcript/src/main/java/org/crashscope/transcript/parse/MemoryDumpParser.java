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
        int width = widthFromCommand(command);
        DumpRows.Builder rows = null;
        List<Annotation> annotations = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            int lineNo = text.lineNo(i);
            if (line.isBlank() || i == 0 && line.contains("crash>")) {
                continue;
            }
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
            long address = Hex.parse(m.group(1));
            String rest = m.group(2);
            if (width == 0) {
                width = widthOf(rest, m.group(1));
            }
            List<MemoryDump.Value> values = new ArrayList<>();
            int pos = 0;
            int perRow = Math.max(1, 16 / Math.max(1, width));
            while (values.size() < perRow) {
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
                String token = rest.substring(pos, end);
                long at = address + (long) values.size() * width;
                Matcher slab = SLAB.matcher(token);
                if (token.length() == width * 2 && Hex.parse(token) != null) {
                    values.add(new MemoryDump.Value(at, Hex.parse(token), null));
                } else if (slab.matches() && !isAsciiStart(rest, pos, values.size())) {
                    values.add(new MemoryDump.Value(at, null, null, slab.group(1) == null ? null : Hex.parse(slab.group(1)), slab.group(2)));
                } else if (Symbols.looksLikeSymbol(token) && values.size() < perRow && !isAsciiStart(rest, pos, values.size())) {
                    values.add(new MemoryDump.Value(at, null, token));
                } else {
                    break;
                }
                pos = end;
            }
            if (values.isEmpty()) {
                diagnostics.add(Diagnostic.warning(lineNo, "value column is not hex"));
            }
            String tail = rest.substring(Math.min(pos, rest.length())).strip();
            String ascii = null;
            if (!tail.isEmpty()) {
                int bytes = values.size() * width;
                String afterValues = Words.withoutLeadingSpaces(rest.substring(pos), 3);
                if (afterValues.length() >= bytes && bytes > 0 && isPrintable(afterValues.substring(0, bytes))) {
                    ascii = afterValues.substring(0, bytes);
                    tail = afterValues.substring(bytes).strip();
                }
                if (!tail.isEmpty()) {
                    annotations.add(new Annotation(lineNo, tail));
                }
            }
            if (rows == null) {
                rows = new DumpRows.Builder(width);
            }
            rows.add(lineNo, address, values, ascii);
        }
        DumpRows dumped = (rows == null ? new DumpRows.Builder(width == 0 ? 8 : width) : rows).build();
        int first = dumped.isEmpty() ? text.first() : Math.min(text.first(), dumped.line(0));
        return new MemoryDump(new Span(first, Math.max(first, text.last())), command, width == 0 ? 8 : width, dumped,
                List.copyOf(annotations), List.copyOf(diagnostics));
    }

    /** An ASCII column starts where a symbolic token would follow fewer values than a full row: be strict. */
    private static boolean isAsciiStart(String rest, int pos, int valuesSoFar) {
        return valuesSoFar > 0 && pos >= 2 && rest.startsWith("  ", pos - 2);
    }

    private static boolean isPrintable(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
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
