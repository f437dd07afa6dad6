package org.crashscope.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Many blocks, read the ways the parser and the views read them: the column store of blocks gives
 * back what was split, the prompt is read by hand as the regex read it, and lines read block by
 * block in order, backwards or at random are the same lines.
 */
class BlocksAtScaleTest {

    @Test
    void aHundredThousandBlocksComeBackAsTheyWereSplit() {
        StringBuilder text = new StringBuilder();
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String command = switch (i % 5) {
                case 0 -> "vtop " + Long.toHexString(0x7f0000000000L + i * 4096L);
                case 1 -> "";
                case 2 -> "bt -FFls " + i;
                case 3 -> "log | grep 'Hardware Error' # é ü " + i;
                default -> "kmem -p";
            };
            commands.add(command);
            text.append(i % 7 == 0 ? "\t" : "").append("crash> ").append(command).append(i % 3 == 0 ? "   \n" : "\n");
            text.append("output of ").append(i).append('\n');
        }
        try (Transcript t = Transcript.of("many.txt", text.toString().getBytes(StandardCharsets.UTF_8))) {
            List<CommandBlock> blocks = t.blocks();
            assertEquals(100_000, blocks.size());
            // every 997th, and either side of the blocks' chunks (16,384 blocks each, the first one grown from 16)
            java.util.stream.IntStream picked = java.util.stream.IntStream.concat(java.util.stream.IntStream.iterate(0, i -> i < 100_000, i -> i + 997),
                    java.util.stream.IntStream.of(15, 16, 17, 16_383, 16_384, 16_385, 32_767, 32_768, 98_303, 98_304, 99_999));
            for (int i : picked.toArray()) {
                CommandBlock b = blocks.get(i);
                assertEquals(commands.get(i), b.command(), "block " + i);
                assertEquals(commands.get(i).isEmpty() ? "" : commands.get(i).split("[ |]")[0], b.kind());
                assertEquals(2 * i + 1, b.firstLine());
                assertEquals(i % 7 == 0 ? 8 : 0, b.indent(), "a TAB indents to column 8");
            }
            assertEquals(blocks.get(5), blocks.get(5), "a block read twice is the same block");
        }
    }

    @Test
    void promptsAreReadAsCrashPrintsThem() {
        assertEquals("bt -a", Prompt.parse("crash> bt -a").orElseThrow().command());
        assertEquals("", Prompt.parse("crash>").orElseThrow().command());
        assertEquals("", Prompt.parse("crash>   ").orElseThrow().command());
        assertEquals("log", Prompt.parse("crash>\tlog \t").orElseThrow().command());
        Prompt quoted = Prompt.parse("> > crash> vtop 1000").orElseThrow();
        assertTrue(quoted.quoted());
        assertEquals(4, quoted.indent());
        assertEquals(8, Prompt.parse("\tcrash> bt").orElseThrow().indent());
        assertFalse(Prompt.parse("crash>bt").isPresent(), "no blank after the prompt: not crash's prompt");
        assertFalse(Prompt.parse("the crash> prompt").isPresent());
        assertFalse(Prompt.parse("crash").isPresent());
    }

    @Test
    void linesReadBlockByBlockInAnyOrderAreTheSameLines() {
        StringBuilder text = new StringBuilder();
        int lines = 20_000;
        for (int i = 1; i <= lines; i++) {
            text.append(i % 3 == 0 ? "crash> rd " + i : "  " + "w".repeat(i % 211) + " line " + i).append('\n');
        }
        try (Transcript t = Transcript.of("lines.txt", text.toString().getBytes(StandardCharsets.UTF_8))) {
            List<CommandBlock> blocks = t.blocks();
            for (CommandBlock b : blocks) {
                check(t, b);
            }
            for (int i = blocks.size() - 1; i >= 0; i -= 3) {
                check(t, blocks.get(i));
            }
            Random random = new Random(7);
            for (int i = 0; i < 2_000; i++) {
                int line = 1 + random.nextInt(lines);
                assertTrue(t.line(line).endsWith(" " + line), t.line(line));
            }
        }
    }

    private static void check(Transcript t, CommandBlock b) {
        List<String> read = t.lines(b.firstLine(), b.lastLine());
        assertEquals(b.lastLine() - b.firstLine() + 1, read.size());
        for (int k = 0; k < read.size(); k++) {
            assertTrue(read.get(k).endsWith(" " + (b.firstLine() + k)), read.get(k));
        }
    }
}
