package org.crashscope.transcript.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A {@code dis} output's instructions held as columns give back the instructions they were given, in any order:
 * with and without a symbol and a source line, texts of any length and in any script, addresses that step by an
 * instruction's length or jump to another function; a few instructions stay records.
 */
class InstructionsTest {

    @Test
    void instructionsComeBackAsGiven() {
        Random random = new Random(13);
        String[] texts = {"push %rbx", "mov 0x2a4(%rbx),%rax", "", "nopl 0x0(%rax,%rax,1)", "lea 0xee1(%rip),%rdi # 0xffffffff82a1c3c0",
            "call 0xffffffff81100000 <schédule>", "x".repeat(300)};
        for (int size : new int[] {0, 1, Instructions.SMALLEST - 1, Instructions.SMALLEST, Instructions.SMALLEST + 1, 100_000}) {
            List<Disassembly.Instruction> given = new ArrayList<>();
            Instructions.Builder builder = new Instructions.Builder();
            long address = 0xffffffff81100000L;
            long offset = 0;
            String source = null;
            for (int i = 0; i < size; i++) {
                int length = 1 + random.nextInt(15);
                if (random.nextInt(500) == 0) {
                    address += 1L << 20; // another function
                    offset = 0;
                }
                if (random.nextInt(40) == 0) {
                    source = random.nextBoolean() ? null : "kernel/sched/idle.c:" + random.nextInt(400);
                }
                Symbol symbol = random.nextInt(100) == 0 ? null : new Symbol(random.nextInt(300) == 0 ? "do_idle.cold" : "do_idle", offset);
                Disassembly.Instruction insn = new Disassembly.Instruction(8 + i + i / 50, address, symbol, texts[random.nextInt(texts.length)], source);
                given.add(insn);
                builder.add(insn);
                address += length;
                offset += length;
            }
            List<Disassembly.Instruction> instructions = builder.build();
            assertEquals(size >= Instructions.SMALLEST, instructions instanceof Instructions, "size " + size);
            assertEquals(given, instructions);
            for (int n = 0; n < 500 && size > 0; n++) {
                int i = random.nextInt(size);
                assertEquals(given.get(i), instructions.get(i));
            }
            assertThrows(UnsupportedOperationException.class, () -> instructions.add(given.isEmpty() ? null : given.get(0)));
            assertThrows(IndexOutOfBoundsException.class, () -> instructions.get(size));
            builder.add(new Disassembly.Instruction(1, 2, null, "ret", null));
            assertEquals(given, instructions, "what is added after build() is not in the list built");
        }
    }
}
