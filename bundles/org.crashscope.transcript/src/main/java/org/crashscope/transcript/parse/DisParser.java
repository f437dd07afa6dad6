package org.crashscope.transcript.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.Disassembly;
import org.crashscope.transcript.model.Instructions;
import org.crashscope.transcript.model.Span;

/** {@code dis}: {@code 0xffffffff81a0c0a0 <schedule+16>:\tpush %rbx}; {@code -l} adds {@code /path/file.c: 123} lines. */
final class DisParser {
    private static final Pattern INSTRUCTION = Pattern.compile("^\\s*(?:=?>\\s*)?(0x[0-9a-fA-F]{1,16})\\s*<([^>]+)>:\\s*(.*?)\\s*$");
    private static final Pattern SOURCE = Pattern.compile("^\\s*(/\\S+|\\S+\\.[chS]):\\s*(\\d{1,9})\\s*$");

    private DisParser() {
    }

    static Disassembly parse(String command, BlockText text) {
        Instructions.Builder instructions = new Instructions.Builder();
        List<Diagnostic> diagnostics = new ArrayList<>();
        String source = null;
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            if (line.isBlank() || i == 0 && line.contains("crash>")) {
                continue;
            }
            String[] parts = instruction(line);
            Matcher m;
            if (parts != null) {
                instructions.add(new Disassembly.Instruction(text.lineNo(i), Hex.parse(parts[0]), Symbols.parse(parts[1]),
                        Words.singleSpaces(parts[2].replace('\t', ' ')), source));
            } else if ((m = SOURCE.matcher(line)).matches()) {
                source = m.group(1) + ":" + m.group(2);
            } else {
                diagnostics.add(Diagnostic.info(text.lineNo(i), "dis line not understood: " + line.strip()));
            }
        }
        return new Disassembly(new Span(text.first(), text.last()), command, instructions.build(), List.copyOf(diagnostics));
    }

    /** The address, symbol and instruction of an instruction line ({@link #INSTRUCTION}'s three groups), or {@code null}. */
    static String[] instruction(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return byPattern(line); // where the pattern's . and $ stop at a line terminator
            }
        }
        int i = skipSpace(line, 0);
        if (line.startsWith("=>", i)) {
            i = skipSpace(line, i + 2);
        } else if (line.startsWith(">", i)) {
            i = skipSpace(line, i + 1);
        }
        if (!line.startsWith("0x", i)) {
            return null;
        }
        int digits = i + 2;
        int end = digits;
        while (end < line.length() && Words.hex(line.charAt(end))) {
            end++;
        }
        if (end == digits || end - digits > 16) {
            return null;
        }
        String address = line.substring(i, end);
        int open = skipSpace(line, end);
        if (!line.startsWith("<", open)) {
            return null;
        }
        int close = line.indexOf('>', open + 1);
        if (close <= open + 1 || !line.startsWith(":", close + 1)) {
            return null;
        }
        int from = skipSpace(line, close + 2);
        int to = line.length();
        while (to > from && Words.space(line.charAt(to - 1))) {
            to--;
        }
        return new String[] {address, line.substring(open + 1, close), line.substring(from, to)};
    }

    /** {@link #instruction} by the pattern. */
    static String[] byPattern(String line) {
        Matcher m = INSTRUCTION.matcher(line);
        return m.matches() ? new String[] {m.group(1), m.group(2), m.group(3)} : null;
    }

    private static int skipSpace(String line, int i) {
        while (i < line.length() && Words.space(line.charAt(i))) {
            i++;
        }
        return i;
    }
}
