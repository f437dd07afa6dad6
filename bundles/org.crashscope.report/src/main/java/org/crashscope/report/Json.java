package org.crashscope.report;

/**
 * A small streaming JSON writer: objects and arrays are opened and closed explicitly, commas and
 * indentation are placed automatically, and every string is escaped (control characters,
 * quotes, backslashes, and {@code </} so that the output is safe inside an HTML script block).
 */
public final class Json {

    private final StringBuilder out = new StringBuilder();
    private final boolean pretty;
    private int depth;
    private boolean first = true;
    private boolean afterName;

    public Json(boolean pretty) {
        this.pretty = pretty;
    }

    public Json beginObject() {
        value();
        out.append('{');
        return open();
    }

    public Json endObject() {
        return close('}');
    }

    public Json beginArray() {
        value();
        out.append('[');
        return open();
    }

    public Json endArray() {
        return close(']');
    }

    public Json name(String name) {
        separate();
        string(name);
        out.append(pretty ? ": " : ":");
        afterName = true;
        return this;
    }

    public Json value(String s) {
        value();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        return this;
    }

    public Json value(long n) {
        value();
        out.append(n);
        return this;
    }

    public Json value(boolean b) {
        value();
        out.append(b);
        return this;
    }

    /** Writes a number already formatted as JSON (e.g. a timestamp with fixed decimals). */
    public Json raw(String number) {
        value();
        out.append(number);
        return this;
    }

    public Json field(String name, String value) {
        return name(name).value(value);
    }

    public Json field(String name, long value) {
        return name(name).value(value);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private Json open() {
        depth++;
        first = true;
        return this;
    }

    private Json close(char c) {
        depth--;
        if (!first) {
            newline();
        }
        out.append(c);
        first = false;
        return this;
    }

    private void value() {
        if (afterName) {
            afterName = false;
            return;
        }
        separate();
    }

    private void separate() {
        if (!first) {
            out.append(',');
        }
        if (depth > 0) {
            newline();
        }
        first = false;
    }

    private void newline() {
        if (pretty) {
            out.append('\n');
            out.append("  ".repeat(depth));
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '/' -> out.append(i > 0 && s.charAt(i - 1) == '<' ? "\\/" : "/");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
