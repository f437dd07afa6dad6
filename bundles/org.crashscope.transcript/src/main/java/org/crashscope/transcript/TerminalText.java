package org.crashscope.transcript;

/**
 * Text from a dump or a transcript made safe for a terminal. A task name or a log line of a
 * crashed (maybe compromised) machine can hold escape sequences: {@code ESC[2J} clears the
 * analyst's screen, OSC 52 writes their clipboard, others retitle the window or fake output. What
 * reaches a terminal shows such characters as visible escapes instead ({@code \x1b}, {@code \x9b},
 * {@code \u202e}), so nothing is lost and nothing is executed: the C0 controls but TAB and newline,
 * DEL, the C1 controls and the Unicode controls that reorder or hide text (bidi overrides and
 * isolates, zero-width and line/paragraph separators).
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** {@code text} with every control character but TAB and newline shown as an escape. */
    public static String safe(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !unsafe(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text; // the common case costs one scan
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unsafe(c)) {
                out.append(c);
            } else if (c < 0x100) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    /**
     * JSON with the characters a terminal would act on that JSON writers leave as they are (the C1
     * controls, bidi overrides; Gson escapes only C0) written as {@code \\uXXXX}: the same JSON to a
     * parser, inert on a terminal. Such characters only occur inside JSON strings, where the escape means them.
     */
    public static String json(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (unsafe(c) && c != '\r') {
                if (out == null) {
                    out = new StringBuilder(json.length() + 64).append(json, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? json : out.toString();
    }

    /**
     * A writer that passes JSON on to {@code out} as {@link #json(String)} would change it, for JSON written as a stream:
     * buffered (64 Ki characters go to {@code out} at a time, so {@code out} need not be), unsynchronized. Flushing and
     * closing it flush and close {@code out}.
     */
    public static java.io.Writer json(java.io.Writer out) {
        return new SafeJsonWriter(out);
    }

    /** {@link #json(java.io.Writer)}: a plain buffer, for the many small writes of a JSON writer. */
    private static final class SafeJsonWriter extends java.io.Writer {
        private final java.io.Writer out;
        /** The longest write taken a character at a time. */
        private static final int SHORT = 32;
        private final char[] buffer = new char[1 << 16];
        private int used;

        SafeJsonWriter(java.io.Writer out) {
            this.out = out;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            put((char) c);
        }

        @Override
        public void write(char[] chars, int offset, int length) throws java.io.IOException {
            int i = offset;
            int end = offset + length;
            while (i < end) {
                int n = room(end - i);
                System.arraycopy(chars, i, buffer, used, n);
                i += keepPrintable(n);
                if (i < end && used < buffer.length) { // stopped at a character to look at, not at a full buffer
                    put(chars[i++]);
                }
            }
        }

        @Override
        public void write(String text, int offset, int length) throws java.io.IOException {
            int i = offset;
            int end = offset + length;
            if (length <= SHORT && used + 6 * length <= buffer.length) {
                // most writes of a JSON writer are a few characters (an indent, a name, a number): one loop, no copy
                for (; i < end; i++) {
                    char c = text.charAt(i);
                    if (c >= 0x20 && c < 0x7f) {
                        buffer[used++] = c;
                    } else {
                        put(c);
                    }
                }
                return;
            }
            while (i < end) {
                int n = room(end - i);
                text.getChars(i, i + n, buffer, used);
                i += keepPrintable(n);
                if (i < end && used < buffer.length) { // stopped at a character to look at, not at a full buffer
                    put(text.charAt(i++));
                }
            }
        }

        /** How many of {@code wanted} characters fit after the buffer is drained when full (at least one). */
        private int room(int wanted) throws java.io.IOException {
            if (used == buffer.length) {
                drain();
            }
            return Math.min(wanted, buffer.length - used);
        }

        /**
         * Keeps the {@code n} characters just copied behind {@link #used} up to the first that is not printable
         * ASCII (a line break, anything a terminal could act on, which {@link #put} then writes); how many it kept.
         * JSON is almost all printable ASCII: copied in blocks, looked at in a tight loop.
         */
        private int keepPrintable(int n) {
            int from = used;
            int to = used + n;
            int k = from;
            while (k < to && buffer[k] >= 0x20 && buffer[k] < 0x7f) {
                k++;
            }
            used = k;
            return k - from;
        }

        private static boolean safe(char c) {
            return c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' || c == '\r' || !unsafe(c);
        }

        private void put(char c) throws java.io.IOException {
            if (used + 6 > buffer.length) {
                drain();
            }
            if (safe(c)) {
                buffer[used++] = c;
            } else {
                escape(c);
            }
        }

        private void escape(char c) {
            buffer[used++] = '\\';
            buffer[used++] = 'u';
            for (int shift = 12; shift >= 0; shift -= 4) {
                buffer[used++] = Character.forDigit(c >> shift & 0xf, 16);
            }
        }

        private void drain() throws java.io.IOException {
            out.write(buffer, 0, used);
            used = 0;
        }

        @Override
        public void flush() throws java.io.IOException {
            drain();
            out.flush();
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
            out.close();
        }
    }

    /** Whether {@code c} must not reach a terminal as it is. */
    public static boolean unsafe(char c) {
        if (c < 0x20) {
            return c != '\t' && c != '\n';
        }
        if (c < 0x7f) {
            return false;
        }
        return c <= 0x9f // DEL and C1 (0x9b is a one-byte CSI)
                || c == 0x061c || c == 0x200b || c == 0x200e || c == 0x200f || c >= 0x2028 && c <= 0x202e || c >= 0x2066 && c <= 0x2069
                || c == 0xfeff;
    }
}
