package org.crashscope.transcript.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One copy of a text that repeats across records: a function name in every frame of a thousand
 * backtraces, a page flag in every row of {@code kmem -p}, a dump's ASCII column of dots. The
 * records of a large transcript held 1.4 million such strings of about a hundred texts; with the
 * records taking their texts through here, the full JSON of a generated 64 MB mix needs a fifth less
 * heap.
 *
 * <p>The copies are kept in a table of 16 Ki slots by hash, the last text of a slot kept: bounded
 * for a workbench open for weeks, and one hash and one comparison a text (the JVM's string pool
 * made the parse of a big transcript 5 % slower). Threads share it without locks: a text one
 * thread misses is only held twice.
 */
public final class Shared {

    private static final int SLOTS = 1 << 14;
    private static final String[] TEXTS = new String[SLOTS];

    private Shared() {
    }

    /** The one copy of {@code text}, or {@code null}. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        int h = text.hashCode();
        int slot = (h ^ h >>> 14) & SLOTS - 1;
        String held = TEXTS[slot];
        if (text.equals(held)) {
            return held;
        }
        TEXTS[slot] = text;
        return text;
    }

    /** {@code texts} (unmodifiable) with one copy of each, or {@code null}. */
    public static List<String> texts(List<String> texts) {
        if (texts == null) {
            return null;
        }
        String[] out = new String[texts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = text(texts.get(i));
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }
}
