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
        return run(() -> w.beginObject());
    }

    public Json endObject() {
        return run(() -> w.endObject());
    }

    public Json beginArray() {
        return run(() -> w.beginArray());
    }

    public Json endArray() {
        return run(() -> w.endArray());
    }

    public Json name(String name) {
        return run(() -> w.name(name));
    }

    public Json value(String s) {
        return run(() -> w.value(s));
    }

    public Json value(long n) {
        return run(() -> w.value(n));
    }

    public Json value(boolean b) {
        return run(() -> w.value(b));
    }

    /** Writes a number already formatted as JSON (e.g. a timestamp with fixed decimals). */
    public Json raw(String number) {
        return run(() -> w.jsonValue(number));
    }

    public Json field(String name, String value) {
        return name(name).value(value);
    }

    public Json field(String name, long value) {
        return name(name).value(value);
    }

    /** Writes what is buffered through to the writer it was made with. */
    public Json flush() {
        return run(() -> w.flush());
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private interface Write {
        void run() throws IOException;
    }

    private Json run(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail; a stream that fails ends the writing
        }
        return this;
    }
}
