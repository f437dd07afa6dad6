package org.crashscope.ui.editor;

/**
 * Cuts lines too long to show: a binary file or a log without newlines can hold a line of
 * megabytes, which SWT lays out as one piece and the colouring scans as one word, for seconds on
 * the UI thread. A cut line keeps its beginning and says how long it was; line numbers stay.
 */
final class LongLines {

    /** Longer lines are cut: transcripts' longest real lines (a wrapped Code:, a VMA path) are far shorter. */
    static final int LIMIT = 4096;

    private LongLines() {
    }

    /** {@code text} with every line over {@link #LIMIT} characters cut, or {@code text} itself when none is. */
    static String cut(String text) {
        int start = 0;
        int length = text.length();
        StringBuilder out = null;
        while (start < length) {
            int end = text.indexOf('\n', start);
            int lineEnd = end < 0 ? length : end;
            if (lineEnd - start > LIMIT) {
                if (out == null) {
                    out = new StringBuilder(Math.min(length, 1 << 20)).append(text, 0, start);
                }
                out.append(text, start, start + LIMIT).append(String.format(" \u2026 [line cut: %,d characters]", lineEnd - start));
            } else if (out != null) {
                out.append(text, start, lineEnd);
            }
            if (end < 0) {
                break;
            }
            if (out != null) {
                out.append('\n');
            }
            start = end + 1;
        }
        return out == null ? text : out.toString();
    }
}
