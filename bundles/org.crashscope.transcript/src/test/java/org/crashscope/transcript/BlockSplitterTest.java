package org.crashscope.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class BlockSplitterTest {

    private static List<String> summary(Transcript t) {
        return t.blocks().stream().map(b -> b.firstLine() + "-" + b.lastLine() + " " + b.kind() + " [" + b.command() + "]").toList();
    }

    @Test
    void seedArticleHasItsFiveCommandsAtTheirLines() {
        try (Transcript seed = Fixtures.open("seed-kcs-ghes-hugepage-gpf.txt")) {
            assertEquals(List.of(
                    "100-139 log [log]",
                    "143-145 ptov [ptov 0x00000010af886040]",
                    "147-160 vtop [vtop ffff98262f886040]",
                    "164-188 bt [bt -FFls]",
                    "192-207 vtop [vtop 00007f1148cdf000]"), summary(seed));
        }
    }

    @Test
    void emptyFileHasNoLinesAndNoBlocks() {
        try (Transcript t = Fixtures.open("empty.txt")) {
            assertEquals(0, t.lineCount());
            assertTrue(t.blocks().isEmpty());
        }
    }

    @Test
    void proseWithoutPromptsHasNoBlocks() {
        try (Transcript t = Fixtures.open("no-prompts.txt")) {
            assertEquals(4, t.lineCount());
            assertTrue(t.blocks().isEmpty());
        }
    }

    @Test
    void crlfLinesAreSplitAndStripped() {
        try (Transcript t = Fixtures.open("crlf.txt")) {
            assertEquals(List.of("1-4 sys [sys]", "6-8 bt [bt]"), summary(t));
            assertEquals("        CPUS: 4", t.line(4));
            assertEquals("", t.line(5));
        }
    }

    @Test
    void indentedPromptsEndWhereTheProseResumes() {
        try (Transcript t = Fixtures.open("indented-in-prose.txt")) {
            assertEquals(List.of("5-7 bt [bt]", "11-13 kmem [kmem -i]"), summary(t));
            assertEquals(6, t.blocks().get(0).indent());
            assertEquals(8, t.blocks().get(1).indent(), "a TAB reaches column 8");
        }
    }

    @Test
    void barePromptsAndQuotedPromptsAreBlocksOfTheirOwn() {
        try (Transcript t = Fixtures.open("bare-and-empty-prompts.txt")) {
            assertEquals(List.of(
                    "1-1  []",
                    "2-3 ps [ps | grep bash]",
                    "4-4  []",
                    "5-5 log [log]",
                    "6-7 dis [dis -l schedule]",
                    "9-9 q [q]"), summary(t));
            assertTrue(t.blocks().get(0).isBare());
            assertEquals(0, t.blocks().get(3).outputLines(), "a prompt with no output");
        }
    }

    @Test
    void lastLineWithoutTerminatorIsALine() {
        try (Transcript t = Transcript.of("mem", "crash> sys\nKERNEL: vmlinux".getBytes(StandardCharsets.UTF_8))) {
            assertEquals(2, t.lineCount());
            assertEquals("KERNEL: vmlinux", t.line(2));
            assertEquals(List.of("1-2 sys [sys]"), summary(t));
        }
    }
}
