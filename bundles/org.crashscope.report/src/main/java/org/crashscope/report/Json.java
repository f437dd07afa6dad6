package org.crashscope.report;

import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Arrays;
import java.util.Objects;

import org.crashscope.transcript.TerminalText;

/**
 * The JSON writer of the reports and the CLI, with names and values in the order they are written,
 * nulls written out, and no HTML escaping (the JSON is a file of its own, never inlined into a page).
 * <p>
 * It writes what Gson's streaming writer wrote (two-space indent, {@code ": "}, the same escapes and
 * errors), byte for byte: JsonTest writes random documents with both. It is no library, against the
 * house's habit, because the full JSON of a big dump is hundreds of MB of short names and numbers, and
 * Gson's writer took a call of its own for each piece onto a writer, then a filter and an encoder went
 * over every character again: through Gson the full JSON of a 64 MB {@code rd} took 5.7 s, of a 64 MB
 * vtop transcript 7.0; written here as UTF-8 in one pass, 4.1 and 5.6.
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

    private final JsonText text;
    private final boolean pretty;
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
        this(new JsonText(Objects.requireNonNull(out)), pretty);
    }

    /**
     * A writer of JSON onto a terminal's stream, as UTF-8: also escaped ({@code \\uXXXX}) is every character a terminal
     * could act on, as {@link TerminalText#json(String)} does; flushed, never closed.
     */
    public static Json forTerminal(OutputStream out, boolean pretty) {
        return new Json(new JsonText(Objects.requireNonNull(out)), pretty);
    }

    private Json(JsonText text, boolean pretty) {
        this.text = text;
        this.pretty = pretty;
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
        Objects.requireNonNull(name, "name");
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
        text.string(s);
        return ended();
    }

    public Json value(long n) {
        writeDeferredName();
        beforeValue();
        text.number(n);
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

    /** Writes what is buffered through to the writer or stream it was made with, and flushes that. */
    public Json flush() {
        text.flush();
        return this;
    }

    /** Ends the document with a line break, and {@link #flush}es. */
    public Json finish() {
        if (depth != 1 || stack[0] != NONEMPTY_DOCUMENT) {
            throw new IllegalStateException("the document is not whole");
        }
        text.put('\n');
        return flush();
    }

    /** The JSON, when it was written into a string ({@link #Json(boolean)}); else what the writer says of itself. */
    @Override
    public String toString() {
        return String.valueOf(text.written());
    }

    private Json literal(String literal) {
        writeDeferredName();
        beforeValue();
        text.ascii(literal);
        return ended();
    }

    private Json open(byte empty, char bracket) {
        writeDeferredName();
        beforeValue();
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = empty;
        text.put(bracket);
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
        text.put(bracket);
        return ended();
    }

    /** After a value: a whole document is handed on at once. */
    private Json ended() {
        if (depth == 1) {
            text.drain();
        }
        return this;
    }

    private void writeDeferredName() {
        if (deferredName == null) {
            return;
        }
        byte scope = stack[depth - 1];
        if (scope == NONEMPTY_OBJECT) {
            text.put(',');
        } else if (scope != EMPTY_OBJECT) {
            throw new IllegalStateException("a name outside an object: " + deferredName);
        }
        newline();
        stack[depth - 1] = DANGLING_NAME;
        text.string(deferredName);
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
                text.put(',');
                newline();
            }
            case DANGLING_NAME -> {
                text.put(':');
                if (pretty) {
                    text.put(' ');
                }
                stack[depth - 1] = NONEMPTY_OBJECT;
            }
            case NONEMPTY_DOCUMENT -> throw new IllegalStateException("a second value at the top of the document");
            default -> throw new IllegalStateException("a value in an object without its name");
        }
    }

    private void newline() {
        if (pretty) {
            text.newline(2 * (depth - 1));
        }
    }
}
