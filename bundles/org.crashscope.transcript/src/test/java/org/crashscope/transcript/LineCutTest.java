package org.crashscope.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Bytes decoded and cut as they are decoded give what the whole text decoded, then cut, gives: lines at the limit and
 * one past it, lines longer than the decoder's chunk, CR before LF, no newline at the end, letters of two to four bytes
 * cut by a chunk's end, bytes that are no UTF-8, and Latin-1.
 */
class LineCutTest {

    private static final byte[][] PIECES = {"a".getBytes(StandardCharsets.UTF_8), "\n".getBytes(StandardCharsets.UTF_8), "\r\n".getBytes(StandardCharsets.UTF_8),
        "\u00e9".getBytes(StandardCharsets.UTF_8), "\u4e2d".getBytes(StandardCharsets.UTF_8), "\ud83d\ude00".getBytes(StandardCharsets.UTF_8), {(byte) 0xff},
        {(byte) 0xc3}, {(byte) 0xe4, (byte) 0xb8}, {0}, "crash> bt".getBytes(StandardCharsets.UTF_8)};

    @Test
    void decodedAsTheWholeTextCut() throws CharacterCodingException {
        Random r = new Random(53);
        int cut = 0;
        for (int round = 0; round < 400; round++) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            int lines = 1 + r.nextInt(6);
            for (int l = 0; l < lines; l++) {
                int length = switch (r.nextInt(5)) {
                    case 0 -> LineCut.LIMIT;
                    case 1 -> LineCut.LIMIT + 1;
                    case 2 -> 70_000 + r.nextInt(100_000);
                    default -> r.nextInt(200);
                };
                for (int i = 0; i < length; i++) {
                    byte[] piece = PIECES[r.nextInt(40) == 0 ? 1 + r.nextInt(PIECES.length - 1) : 0];
                    if (piece[piece.length - 1] == '\n') {
                        piece = PIECES[0];
                    }
                    bytes.writeBytes(piece);
                }
                if (l < lines - 1 || r.nextBoolean()) {
                    bytes.writeBytes(PIECES[r.nextBoolean() ? 1 : 2]);
                }
            }
            byte[] all = bytes.toByteArray();
            int length = all.length - r.nextInt(Math.min(all.length, 3) + 1);
            for (Charset charset : new Charset[] {StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1}) {
                String whole = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
                        .decode(ByteBuffer.wrap(all, 0, length)).toString();
                String expected = cut(whole);
                assertEquals(expected, LineCut.decoded(all, length, charset), "round " + round + " " + charset);
                cut += expected.equals(whole) ? 0 : 1;
            }
        }
        assertTrue(cut > 100, "texts with a line cut: " + cut);
    }

    /** The whole text cut, as the editor cut it before it cut as it decoded: each long line's beginning and its length. */
    private static String cut(String text) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            out.append(line.length() > LineCut.LIMIT ? line.substring(0, LineCut.LIMIT) + String.format(" \u2026 [line cut: %,d characters]", line.length()) : line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
