package org.crashscope.transcript.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.Disassembly;
import org.crashscope.transcript.model.Span;

/** {@code dis}: {@code 0xffffffff81a0c0a0 <schedule+16>:\tpush %rbx}; {@code -l} adds {@code /path/file.c: 123} lines. */
final class DisParser {
    private static final Pattern INSTRUCTION = Pattern.compile("^\\s*(?:=?>\\s*)?(0x[0-9a-fA-F]{1,16})\\s*<([^>]+)>:\\s*(.*?)\\s*$");
    private static final Pattern SOURCE = Pattern.compile("^\\s*(/\\S+|\\S+\\.[chS]):\\s*(\\d{1,9})\\s*$");

    private DisParser() {
    }

    static Disassembly parse(String command, BlockText text) {
        List<Disassembly.Instruction> instructions = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        String source = null;
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            if (line.isBlank() || i == 0 && line.contains("crash>")) {
                continue;
            }
            Matcher m = INSTRUCTION.matcher(line);
            if (m.matches()) {
                instructions.add(new Disassembly.Instruction(text.lineNo(i), Hex.parse(m.group(1)), Symbols.parse(m.group(2)),
                        m.group(3).replace('\t', ' ').replaceAll(" {2,}", " "), source));
            } else if ((m = SOURCE.matcher(line)).matches()) {
                source = m.group(1) + ":" + m.group(2);
            } else {
                diagnostics.add(Diagnostic.info(text.lineNo(i), "dis line not understood: " + line.strip()));
            }
        }
        return new Disassembly(new Span(text.first(), text.last()), command, List.copyOf(instructions), List.copyOf(diagnostics));
    }
}
