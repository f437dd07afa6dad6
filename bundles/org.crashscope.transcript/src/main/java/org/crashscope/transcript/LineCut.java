package org.crashscope.transcript;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * Lines too long to show, cut: a binary file or a log without newlines can hold a line of megabytes, which SWT lays
 * out as one piece and the colouring scans as one word, for seconds on the UI thread. A cut line keeps its beginning
 * and says how long it was; line numbers stay.
 */
public final class LineCut {

    /** Longer lines are cut: transcripts' longest real lines (a wrapped Code:, a VMA path) are far shorter. */
    public static final int LIMIT = 4096;

    private LineCut() {
    }

    /**
     * {@code bytes[0..length)} decoded ({@code charset}, what cannot be decoded replaced) with every line over
     * {@link #LIMIT} characters cut, as it is decoded. The characters past a line's first {@link #LIMIT} are only
     * counted, so a window of a 30 MB line without a newline is not decoded into a string of 30 million characters on
     * the UI thread first.
     */
    public static String decoded(byte[] bytes, int length, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        CharBuffer chunk = CharBuffer.allocate(1 << 16);
        Cutter out = new Cutter(Math.min(length, 1 << 16));
        while (decoder.decode(in, chunk, true).isOverflow()) {
            out.add(chunk);
        }
        while (decoder.flush(chunk).isOverflow()) {
            out.add(chunk);
        }
        out.add(chunk);
        return out.finish();
    }

    private static String said(int characters) {
        return String.format(" \u2026 [line cut: %,d characters]", characters);
    }

    /** The text as it is decoded, each line's first {@link #LIMIT} characters kept and the rest counted. */
    private static final class Cutter {
        private final StringBuilder out;
        /** the characters of the line so far */
        private int line;

        Cutter(int capacity) {
            out = new StringBuilder(capacity);
        }

        /** Takes what {@code chunk} holds (written, then flipped here) and clears it. */
        void add(CharBuffer chunk) {
            chunk.flip();
            char[] chars = chunk.array();
            int from = chunk.arrayOffset() + chunk.position();
            int to = chunk.arrayOffset() + chunk.limit();
            while (from < to) {
                int end = from;
                while (end < to && chars[end] != '\n') {
                    end++;
                }
                int kept = Math.max(0, Math.min(end - from, LIMIT - line));
                out.append(chars, from, kept);
                line += end - from;
                if (end < to) {
                    endLine();
                    out.append('\n');
                    end++;
                }
                from = end;
            }
            chunk.clear();
        }

        private void endLine() {
            if (line > LIMIT) {
                out.append(said(line));
            }
            line = 0;
        }

        String finish() {
            endLine();
            return out.toString();
        }
    }
}
