package org.crashscope.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineIndexTest {

    private static LineIndex index(String text) {
        return LineIndex.build(ByteSource.of(text.getBytes(StandardCharsets.UTF_8)), (n, o, b, f, t) -> { });
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
        LineIndex index = LineIndex.build(ByteSource.of(new byte[] {'a', (byte) 0xff, 'b', '\n', 0, 1, 2}), (n, o, b, f, t) -> { });
        assertEquals(2, index.lineCount());
        assertEquals("a\uFFFDb", index.line(1));
    }
}
