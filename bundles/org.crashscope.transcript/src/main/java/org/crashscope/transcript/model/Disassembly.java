package org.crashscope.transcript.model;

import java.util.List;

/** {@code dis}: {@code 0xffffffff81a0c0a0 <schedule+16>:  push %rbx}, with or without a TAB after the colon. */
public record Disassembly(Span span, String command, List<Instruction> instructions, List<Diagnostic> diagnostics) implements ParsedRecord {

    public record Instruction(int line, long address, Symbol symbol, String text, String source) {

        public Instruction {
            source = Shared.text(source);
        }
    }
}
