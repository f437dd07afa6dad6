package org.crashscope.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.crashscope.transcript.TerminalText;

/**
 * The text of a JSON document as {@link Json} writes it: UTF-8 in a buffer of 16 KB, handed on to a writer or a stream
 * when full and when asked, every character's bytes whole. Strings are escaped as Gson escapes them (below 128, and
 * U+2028 and U+2029) and, onto a terminal, what a terminal could act on as well ({@link TerminalText#unsafe}); a lone
 * surrogate is written as {@code ?}, as Java's UTF-8 encoder writes it (no UTF-8 file can hold one).
 */
final class JsonText {

    /** How a character below 128 is written inside a string, or {@code null} for itself. */
    private static final String[] ESCAPES = new String[128];
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = String.format("\\u%04x", c);
        }
        ESCAPES['"'] = "\\\"";
        ESCAPES['\\'] = "\\\\";
        ESCAPES['\t'] = "\\t";
        ESCAPES['\b'] = "\\b";
        ESCAPES['\n'] = "\\n";
        ESCAPES['\r'] = "\\r";
        ESCAPES['\f'] = "\\f";
    }

    /** One of the two is set: where the text goes as characters, or as UTF-8. */
    private final Writer out;
    private final OutputStream bytes;
    /** Whether what a terminal could act on is escaped too. */
    private final boolean terminal;
    private final byte[] buffer = new byte[1 << 14];
    private int used;

    JsonText(Writer out) {
        this(out, null, false);
    }

    /** Onto a terminal's stream: what a terminal could act on is escaped too. */
    JsonText(OutputStream terminal) {
        this(null, terminal, true);
    }

    private JsonText(Writer out, OutputStream bytes, boolean terminal) {
        this.out = out;
        this.bytes = bytes;
        this.terminal = terminal;
    }

    /** A character of ASCII. */
    void put(char c) {
        room(1);
        buffer[used++] = (byte) c;
    }

    /** Text of ASCII only (a number, a literal). */
    void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            put(s.charAt(i));
        }
    }

    /** A number, its digits written straight into the buffer. */
    void number(long n) {
        if (n < 0) {
            ascii(Long.toString(n));
            return;
        }
        room(20);
        int digits = 1;
        for (long rest = n / 10; rest != 0; rest /= 10) {
            digits++;
        }
        for (int i = used + digits - 1; i >= used; i--) {
            buffer[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        used += digits;
    }

    /** A line break and {@code blanks} blanks. */
    void newline(int blanks) {
        if (1 + blanks > buffer.length) {
            put('\n');
            for (int i = 0; i < blanks; i++) {
                put(' ');
            }
            return;
        }
        room(1 + blanks);
        buffer[used++] = '\n';
        Arrays.fill(buffer, used, used + blanks, (byte) ' ');
        used += blanks;
    }

    /** A string in quotes, escaped. */
    void string(String s) {
        put('"');
        int length = s.length();
        for (int i = 0; i < length;) {
            // room for the longest a character becomes (an escape of 6 bytes) for a run of them, then no more checks
            int end = Math.min(length, i + (buffer.length - 8) / 6);
            room(6 * (end - i) + 2);
            byte[] b = buffer;
            int at = used;
            for (; i < end; i++) {
                char c = s.charAt(i);
                if (c < 0x7f && ESCAPES[c] == null) {
                    b[at++] = (byte) c;
                    continue;
                }
                String escape = c < 0x80 ? ESCAPES[c] : c == '\u2028' ? "\\u2028" : c == '\u2029' ? "\\u2029" : null;
                if (escape == null && terminal && TerminalText.unsafe(c)) {
                    escape = "\\u" + HEX[c >> 12 & 0xf] + HEX[c >> 8 & 0xf] + HEX[c >> 4 & 0xf] + HEX[c & 0xf];
                }
                if (escape != null) {
                    for (int k = 0; k < escape.length(); k++) {
                        b[at++] = (byte) escape.charAt(k);
                    }
                } else if (c < 0x80) {
                    b[at++] = (byte) c; // (DEL, not onto a terminal)
                } else if (c < 0x800) {
                    b[at++] = (byte) (0xc0 | c >> 6);
                    b[at++] = (byte) (0x80 | c & 0x3f);
                } else if (!Character.isSurrogate(c)) {
                    b[at++] = (byte) (0xe0 | c >> 12);
                    b[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                    b[at++] = (byte) (0x80 | c & 0x3f);
                } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[at++] = (byte) (0xf0 | cp >> 18);
                    b[at++] = (byte) (0x80 | cp >> 12 & 0x3f);
                    b[at++] = (byte) (0x80 | cp >> 6 & 0x3f);
                    b[at++] = (byte) (0x80 | cp & 0x3f);
                } else {
                    b[at++] = '?';
                }
            }
            used = at;
        }
        put('"');
    }

    /** Hands on what is buffered. */
    void drain() {
        if (used == 0) {
            return;
        }
        try {
            if (out != null) {
                out.write(new String(buffer, 0, used, StandardCharsets.UTF_8));
            } else {
                bytes.write(buffer, 0, used);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        used = 0;
    }

    /** Hands on what is buffered and flushes the writer or the stream. */
    void flush() {
        drain();
        try {
            if (out != null) {
                out.flush();
            } else {
                bytes.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text written into a {@link java.io.StringWriter}, whole; {@code null} onto a stream. */
    String written() {
        drain();
        return out == null ? null : out.toString();
    }

    /** Makes room for {@code n} bytes (at most the buffer's length). */
    private void room(int n) {
        if (used + n > buffer.length) {
            drain();
        }
    }
}
