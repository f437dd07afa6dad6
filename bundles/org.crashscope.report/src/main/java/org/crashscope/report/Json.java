package org.crashscope.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

import com.google.gson.stream.JsonWriter;

/**
 * The JSON writer of the reports and the CLI: Gson's streaming {@link JsonWriter} (the same library
 * reads notes and rules), with names and values in the order they are written, nulls written out,
 * and no HTML escaping (the JSON is a file of its own, never inlined into a page).
 */
public final class Json {

    private final Writer out;
    private final JsonWriter w;

    public Json(boolean pretty) {
        this(new StringWriter(), pretty);
    }

    /** A writer of JSON onto {@code out}, as it is written (nothing held): {@link #toString} is then not the JSON. */
    public Json(Writer out, boolean pretty) {
        this.out = out;
        w = new JsonWriter(out);
        w.setSerializeNulls(true);
        w.setHtmlSafe(false);
        if (pretty) {
            w.setIndent("  ");
        }
    }

    public Json beginObject() {
        try {
            w.beginObject();
        } catch (IOException e) {
            throw failed(e);
        }
        return this;
    }

    public Json endObject() {
        try {
            w.endObject();
        } catch (IOException e) {
            throw failed(e);
        }
        return this;
    }

    public Json beginArray() {
        try {
            w.beginArray();
        } catch (IOException e) {
            throw failed(e);
        }
        return this;
    }

    public Json endArray() {
        try {
            w.endArray();
        } catch (IOException e) {
            throw failed(e);
        }
        return this;
    }

    public Json name(String name) {
        try {
            w.name(name);
        } catch (IOException e) {
            throw failed(e);
        }
        return this;
    }

    public Json value(String s) {
        try {
            w.value(s);
        } catch (IOException e) {
            throw failed(e);
        }
        return this;
    }

    public Json value(long n) {
        try {
            w.value(n);
        } catch (IOException e) {
            throw failed(e);
        }
        return this;
    }

    public Json value(boolean b) {
        try {
            w.value(b);
        } catch (IOException e) {
            throw failed(e);
        }
        return this;
    }

    /** Writes a number already formatted as JSON (e.g. a timestamp with fixed decimals). */
    public Json raw(String number) {
        try {
            w.jsonValue(number);
        } catch (IOException e) {
            throw failed(e);
        }
        return this;
    }

    public Json field(String name, String value) {
        return name(name).value(value);
    }

    public Json field(String name, long value) {
        return name(name).value(value);
    }

    /** Writes what is buffered through to the writer it was made with. */
    public Json flush() {
        try {
            w.flush();
        } catch (IOException e) {
            throw failed(e);
        }
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /**
     * A failed write as an unchecked exception: a StringWriter does not fail; a stream that fails ends the writing.
     * (Each method calls Gson itself: one lambda per call through a shared helper kept the JIT from inlining the
     * writes, a twentieth of a big transcript's full JSON.)
     */
    private static UncheckedIOException failed(IOException e) {
        return new UncheckedIOException(e);
    }
}
