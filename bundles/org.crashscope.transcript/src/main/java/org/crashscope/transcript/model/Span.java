package org.crashscope.transcript.model;

/** Lines {@code first..last} (1-based, inclusive) of a transcript: where a record came from. */
public record Span(int first, int last) {

    public Span {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("bad span " + first + ".." + last);
        }
    }

    public static Span line(int line) {
        return new Span(line, line);
    }

    public boolean contains(int line) {
        return line >= first && line <= last;
    }
}
