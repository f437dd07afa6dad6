package org.crashscope.transcript.model;

import java.util.List;

/**
 * One copy of a text that repeats across records: a function name in every frame of a thousand
 * backtraces, a page flag in every row of {@code kmem -p}, a dump's ASCII column of dots. The
 * records of a large transcript held 1.4 million such strings of about a hundred texts; with the
 * records taking their texts through here, the full JSON of a 64 MB mix runs in a heap of 259 MB
 * instead of 334 MB.
 */
public final class Shared {

    private Shared() {
    }

    /** The one copy of {@code text}, or {@code null}. */
    public static String text(String text) {
        return text == null ? null : text.intern();
    }

    /** {@code texts} with one copy of each, or {@code null}. */
    public static List<String> texts(List<String> texts) {
        return texts == null ? null : texts.stream().map(String::intern).toList();
    }
}
