package org.crashscope.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.crashscope.transcript.TerminalText;

/**
 * The JSON writer of the reports and the CLI, with names and values in the order they are written,
 * nulls written out, and no HTML escaping (the JSON is a file of its own, never inlined into a page).
 * It writes what Gson's streaming writer wrote, byte for byte (two-space indent, {@code ": "}, the
 * same escapes), as UTF-8 into a buffer of its own. Onto a terminal (the CLI's standard output), it
 * also escapes what a terminal could act on ({@link TerminalText#unsafe}) as it goes: the full JSON of
 * a big dump is hundreds of MB of short names and numbers, and Gson's writer, then a filter of every
 * character, then an encoder each went over it again (half the time of a 64 MB {@code rd}'s).
 */
public final class Json {

    /** The scopes of the values being written, as Gson names them. */
    private static final byte EMPTY_ARRAY = 1;
    private static final byte NONEMPTY_ARRAY = 2;
    private static final byte EMPTY_OBJECT = 3;
    private static final byte DANGLING_NAME = 4;
    private static final byte NONEMPTY_OBJECT = 5;
    private static final byte EMPTY_DOCUMENT = 6;
    private static final byte NONEMPTY_DOCUMENT = 7;

    /** How a character below 128 is written inside a string, or {@code null} for itself. */
    private static final String[] ESCAPES = new String[128];

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

    /** One of the two is set: where the JSON goes as text, or as UTF-8. */
    private final Writer out;
    private final OutputStream bytes;
    private final boolean pretty;
    /** Whether what a terminal could act on is escaped too ({@link TerminalText#unsafe}). */
    private final boolean terminal;
    /** UTF-8, every character's bytes whole (a drain never splits one) */
    private final byte[] buffer = new byte[1 << 14];
    private int used;
    private byte[] stack = new byte[32];
    private int depth;
    private String deferredName;

    public Json(boolean pretty) {
        this(new StringWriter(), pretty);
    }

    /**
     * A writer of JSON onto {@code out}, as it is written (nothing held but a buffer of 16 KB, handed on when full, at
     * each whole top-level value and at {@link #flush}): {@link #toString} is then not the JSON.
     */
    public Json(Writer out, boolean pretty) {
        this(out, null, pretty, false);
    }

    /**
     * A writer of JSON onto a terminal's stream, as UTF-8: also escaped ({@code \\uXXXX}) is every character a terminal
     * could act on, as {@link TerminalText#json(String)} does; flushed, never closed.
     */
    public static Json forTerminal(OutputStream out, boolean pretty) {
        return new Json(null, java.util.Objects.requireNonNull(out), pretty, true);
    }

    private Json(Writer out, OutputStream bytes, boolean pretty, boolean terminal) {
        this.out = out;
        this.bytes = bytes;
        this.pretty = pretty;
        this.terminal = terminal;
        stack[depth++] = EMPTY_DOCUMENT;
    }

    public Json beginObject() {
        return open(EMPTY_OBJECT, '{');
    }

    public Json endObject() {
        return close(EMPTY_OBJECT, NONEMPTY_OBJECT, '}');
    }

    public Json beginArray() {
        return open(EMPTY_ARRAY, '[');
    }

    public Json endArray() {
        return close(EMPTY_ARRAY, NONEMPTY_ARRAY, ']');
    }

    public Json name(String name) {
        java.util.Objects.requireNonNull(name, "name");
        if (deferredName != null) {
            throw new IllegalStateException("a name after the name " + deferredName);
        }
        byte scope = stack[depth - 1];
        if (scope != EMPTY_OBJECT && scope != NONEMPTY_OBJECT) {
            throw new IllegalStateException("a name outside an object: " + name);
        }
        deferredName = name;
        return this;
    }

    public Json value(String s) {
        if (s == null) {
            return literal("null");
        }
        writeDeferredName();
        beforeValue();
        string(s);
        return ended();
    }

    public Json value(long n) {
        writeDeferredName();
        beforeValue();
        if (n < 0) {
            ascii(Long.toString(n));
            return ended();
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
        return ended();
    }

    public Json value(boolean b) {
        return literal(b ? "true" : "false");
    }

    /** Writes a number already formatted as JSON (e.g. a timestamp with fixed decimals). */
    public Json raw(String number) {
        return literal(number == null ? "null" : number);
    }

    public Json field(String name, String value) {
        return name(name).value(value);
    }

    public Json field(String name, long value) {
        return name(name).value(value);
    }

    /** Writes what is buffered through to the writer it was made with, and flushes that. */
    public Json flush() {
        drain();
        try {
            if (out != null) {
                out.flush();
            } else {
                bytes.flush();
            }
        } catch (IOException e) {
            throw failed(e);
        }
        return this;
    }

    /** Ends the document with a line break, and {@link #flush}es. */
    public Json finish() {
        if (depth != 1 || stack[0] != NONEMPTY_DOCUMENT) {
            throw new IllegalStateException("the document is not whole");
        }
        put('\n');
        return flush();
    }

    @Override
    public String toString() {
        drain();
        return String.valueOf(out);
    }

    private Json literal(String text) {
        writeDeferredName();
        beforeValue();
        ascii(text);
        return ended();
    }

    private Json open(byte empty, char bracket) {
        writeDeferredName();
        beforeValue();
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = empty;
        put(bracket);
        return this;
    }

    private Json close(byte empty, byte nonempty, char bracket) {
        byte scope = stack[depth - 1];
        if (scope != empty && scope != nonempty) {
            throw new IllegalStateException("'" + bracket + "' closes no " + (bracket == '}' ? "object" : "array"));
        }
        if (deferredName != null) {
            throw new IllegalStateException("a name without a value: " + deferredName);
        }
        depth--;
        if (scope == nonempty) {
            newline();
        }
        put(bracket);
        return ended();
    }

    /** After a value: a whole document is handed on at once. */
    private Json ended() {
        if (depth == 1) {
            drain();
        }
        return this;
    }

    private void writeDeferredName() {
        if (deferredName == null) {
            return;
        }
        byte scope = stack[depth - 1];
        if (scope == NONEMPTY_OBJECT) {
            put(',');
        } else if (scope != EMPTY_OBJECT) {
            throw new IllegalStateException("a name outside an object: " + deferredName);
        }
        newline();
        stack[depth - 1] = DANGLING_NAME;
        string(deferredName);
        deferredName = null;
    }

    private void beforeValue() {
        switch (stack[depth - 1]) {
            case EMPTY_DOCUMENT -> stack[depth - 1] = NONEMPTY_DOCUMENT;
            case EMPTY_ARRAY -> {
                stack[depth - 1] = NONEMPTY_ARRAY;
                newline();
            }
            case NONEMPTY_ARRAY -> {
                put(',');
                newline();
            }
            case DANGLING_NAME -> {
                put(':');
                if (pretty) {
                    put(' ');
                }
                stack[depth - 1] = NONEMPTY_OBJECT;
            }
            case NONEMPTY_DOCUMENT -> throw new IllegalStateException("a second value at the top of the document");
            default -> throw new IllegalStateException("a value in an object without its name");
        }
    }

    private void newline() {
        if (!pretty) {
            return;
        }
        int indent = 2 * (depth - 1);
        if (1 + indent > buffer.length) {
            put('\n');
            for (int i = 1; i < depth; i++) {
                ascii("  ");
            }
            return;
        }
        room(1 + indent);
        buffer[used++] = '\n';
        Arrays.fill(buffer, used, used + indent, (byte) ' ');
        used += indent;
    }

    /**
     * A string in quotes, escaped as Gson did (below 128, and U+2028 and U+2029), and onto a terminal what it could act
     * on as {@code \\uXXXX}; the rest as UTF-8, a lone surrogate as {@code ?} (as Java's encoder writes it).
     */
    private void string(String s) {
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

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private void put(char c) {
        room(1);
        buffer[used++] = (byte) c;
    }

    /** Text of ASCII only (a number, a literal, an indent). */
    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            put(s.charAt(i));
        }
    }

    /** Makes room for {@code n} bytes (at most the buffer's length). */
    private void room(int n) {
        if (used + n > buffer.length) {
            drain();
        }
    }

    private void drain() {
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
            throw failed(e);
        }
        used = 0;
    }

    /** A failed write as an unchecked exception: a StringWriter does not fail; a stream that fails ends the writing. */
    private static UncheckedIOException failed(IOException e) {
        return new UncheckedIOException(e);
    }
}
