package org.crashscope.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineIndexTest {

    private static LineIndex index(String text) {
        return LineIndex.build(ByteSource.of(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8, (n, o, b, f, t) -> { });
    }

    @Test
    void everyLineIsReachableAcrossCheckpoints() {
        StringBuilder text = new StringBuilder();
        int lines = LineIndex.STRIDE * 3 + 7;
        for (int i = 1; i <= lines; i++) {
            text.append("line ").append(i).append('\n');
        }
        LineIndex index = index(text.toString());
        assertEquals(lines, index.lineCount());
        for (int i = 1; i <= lines; i++) {
            assertEquals("line " + i, index.line(i));
        }
        assertEquals(text.indexOf("line 100\n"), index.offsetOf(100));
    }

    @Test
    void aLongBlocksLinesReadInAnyOrderAreTheFilesLines() {
        StringBuilder text = new StringBuilder();
        int lines = Transcript.WINDOW * 3 + 11;
        for (int i = 1; i <= lines; i++) {
            text.append("0x").append(Integer.toHexString(i)).append(i % 7 == 0 ? " \u00e9\u4e2d" : "").append('\n');
        }
        try (Transcript t = Transcript.of("long.txt", text.toString().getBytes(StandardCharsets.UTF_8))) {
            List<String> block = t.lines(2, lines - 1);
            assertEquals(lines - 2, block.size());
            java.util.function.IntConsumer check = i -> assertEquals("0x" + Integer.toHexString(i + 2) + ((i + 2) % 7 == 0 ? " \u00e9\u4e2d" : ""), block.get(i));
            for (int i = 0; i < block.size(); i++) {
                check.accept(i);
            }
            for (int i = block.size() - 1; i >= 0; i -= 3) {
                check.accept(i);
            }
            java.util.Random random = new java.util.Random(3);
            for (int n = 0; n < 2_000; n++) {
                check.accept(random.nextInt(block.size()));
            }
            assertThrows(IndexOutOfBoundsException.class, () -> block.get(block.size()));
            assertEquals(List.of("0x1", "0x2"), t.lines(1, 2));
        }
    }

    @Test
    void offsetsAndLinesAgreeBothWaysIncludingCrLfLongLinesAndAMissingLastNewline() {
        StringBuilder text = new StringBuilder();
        int lines = LineIndex.STRIDE * 4 + 3;
        for (int i = 1; i <= lines; i++) {
            text.append(i % 17 == 0 ? "x".repeat(20_000) : "line " + i).append(i % 5 == 0 ? "\r\n" : "\n");
        }
        text.append("last line without newline");
        String s = text.toString();
        Transcript transcript = Transcript.of("t", s.getBytes(StandardCharsets.US_ASCII));
        int expectedStart = 0;
        for (int line = 1; line <= lines + 1; line++) {
            assertEquals(expectedStart, transcript.lineOffset(line), "start of line " + line);
            assertEquals(line, transcript.lineAt(expectedStart), "line at its start offset");
            int next = s.indexOf('\n', expectedStart);
            int end = next < 0 ? s.length() : next;
            assertEquals(line, transcript.lineAt(end), "line at its newline");
            expectedStart = end + 1;
        }
        assertEquals(lines + 1, transcript.lineAt(s.length()));
        byte[] buf = new byte[4];
        assertEquals(4, transcript.read(s.indexOf("line 3"), buf, 0, 4));
        assertEquals("line", new String(buf, StandardCharsets.US_ASCII));
        assertEquals(2, transcript.read(s.length() - 2, buf, 0, 4));
    }

    @Test
    void findLocatesTextAcrossChunksIgnoringCaseWhenAskedAndFromAGivenOffset() {
        StringBuilder text = new StringBuilder();
        while (text.length() < (9 << 20)) {
            text.append("[    1.000000] nvme nvme0: I/O 123 QID 4 timeout, completion polled\n");
        }
        int chunkEdge = (4 << 20) - 3; // the needle straddles the first 4 MiB read
        text.replace(chunkEdge, chunkEdge + 14, "Hardware Error");
        int later = 8 << 20;
        text.replace(later, later + 14, "hardware error");
        Transcript transcript = Transcript.of("t", text.toString().getBytes(StandardCharsets.US_ASCII));
        byte[] needle = "Hardware Error".getBytes(StandardCharsets.US_ASCII);
        assertEquals(chunkEdge, transcript.find(needle, 0, false, () -> false));
        assertEquals(-1, transcript.find(needle, chunkEdge + 1, false, () -> false), "case matters unless ignored");
        assertEquals(later, transcript.find(needle, chunkEdge + 1, true, () -> false));
        assertEquals(-1, transcript.find("absent".getBytes(StandardCharsets.US_ASCII), 0, true, () -> false));
        assertThrows(java.util.concurrent.CancellationException.class, () -> transcript.find("absent".getBytes(StandardCharsets.US_ASCII), 0, true, () -> true));
    }

    @Test
    void openingStopsWhenCancelled(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("big.txt");
        java.nio.file.Files.writeString(file, "crash> log\n" + "[    1.000000] message\n".repeat(200_000));
        int[] asked = {0};
        assertThrows(java.util.concurrent.CancellationException.class, () -> Transcript.open(file, () -> ++asked[0] >= 2));
        assertEquals(2, asked[0]);
        try (Transcript whole = Transcript.open(file, () -> false)) {
            assertEquals(200_001, whole.lineCount());
        }
    }

    @Test
    void pipelinedScanOfALargeFileSeesTheSameLinesAsTheSimpleScan() {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (text.length() < LineIndex.PIPELINE_THRESHOLD + 3_000_000) {
            text.append("[").append(i).append(".000] line ").append(i).append(i % 1000 == 0 ? "x".repeat(3_000_000 / 7) : "").append('\n');
            i++;
        }
        text.append("tail without newline");
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        List<Long> simple = new ArrayList<>();
        List<Long> pipelined = new ArrayList<>();
        LineIndex small = LineIndex.build(ByteSource.of(bytes), StandardCharsets.UTF_8, (n, o, b, f, t) -> { });
        small.visit(1, small.lineCount(), (n, o, b, f, t) -> simple.add(o * 31 + (t - f)));
        LineIndex big = LineIndex.build(ByteSource.of(bytes), StandardCharsets.UTF_8, (n, o, b, f, t) -> pipelined.add(o * 31 + (t - f)));
        assertEquals(i + 1, big.lineCount());
        assertEquals(simple, pipelined);
        assertEquals("tail without newline", big.line(i + 1));
        assertEquals("[77.000] line 77", big.line(78));
        // a file of whole chunks (the readers take every other 1 MiB chunk; the last is as long as the others), and one
        // a byte longer
        for (int length : new int[] {17 << 20, (17 << 20) + 1, (17 << 20) - 1}) {
            byte[] cut = java.util.Arrays.copyOf(bytes, length);
            List<Long> whole = new ArrayList<>();
            List<Long> chunked = new ArrayList<>();
            LineIndex simpleCut = LineIndex.build(ByteSource.of(cut), StandardCharsets.UTF_8, (n, o, b, f, t) -> { });
            simpleCut.visit(1, simpleCut.lineCount(), (n, o, b, f, t) -> whole.add(o * 31 + (t - f)));
            LineIndex.build(ByteSource.of(cut), StandardCharsets.UTF_8, (n, o, b, f, t) -> chunked.add(o * 31 + (t - f)));
            assertEquals(whole, chunked, "a file of " + length + " bytes");
        }
    }

    @Test
    void linesLongerThanTheReadBufferAreWhole() {
        String longLine = "x".repeat(200_000);
        LineIndex index = index("a\n" + longLine + "\nb");
        assertEquals(3, index.lineCount());
        assertEquals(longLine, index.line(2));
        assertEquals("b", index.line(3));
    }

    @Test
    void visitHandsOverARangeInOrder() {
        LineIndex index = index("1\n2\n3\n4\n5\n");
        List<String> seen = new ArrayList<>();
        index.visit(2, 4, (n, o, b, f, t) -> seen.add(n + ":" + new String(b, f, t - f, StandardCharsets.UTF_8)));
        assertEquals(List.of("2:2", "3:3", "4:4"), seen);
    }

    @Test
    void linesOutsideTheFileAreRejected() {
        LineIndex index = index("only\n");
        assertThrows(IndexOutOfBoundsException.class, () -> index.line(0));
        assertThrows(IndexOutOfBoundsException.class, () -> index.line(2));
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() {
        LineIndex index = LineIndex.build(ByteSource.of(new byte[] {'a', (byte) 0xff, 'b', '\n', 0, 1, 2}), StandardCharsets.UTF_8, (n, o, b, f, t) -> { });
        assertEquals(2, index.lineCount());
        assertEquals("a\uFFFDb", index.line(1));
    }
}
