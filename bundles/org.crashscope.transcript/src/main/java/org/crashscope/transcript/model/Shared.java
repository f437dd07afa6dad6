package org.crashscope.transcript.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One copy of a value that repeats across records: a function name in every frame of a thousand
 * backtraces, a page's flags and their names in every row of {@code kmem -p}, a dump's ASCII column
 * of dots. The records of a large transcript held 1.4 million such strings of about a hundred texts;
 * with the records taking their values through here, the full JSON of a generated 64 MB mix needs a
 * fifth less heap, of a 64 MB {@code kmem -p} a quarter less.
 *
 * <p>The copies are kept in tables of a few thousand slots by hash, the last value of a slot kept:
 * bounded for a workbench open for weeks, and one hash and one comparison a value (the JVM's string
 * pool made the parse of a big transcript 5 % slower). Threads share them without locks: a value one
 * thread misses is only held twice.
 */
public final class Shared {

    private static final int SLOTS = 1 << 14;
    private static final String[] TEXTS = new String[SLOTS];
    private static final Object[] LISTS = new Object[1 << 12];
    private static final Long[] NUMBERS = new Long[1 << 12];
    /** (set and read with release and acquire: an array, unlike a string, has no final field that publishes it whole) */
    private static final java.util.concurrent.atomic.AtomicReferenceArray<Object> ARRAYS = new java.util.concurrent.atomic.AtomicReferenceArray<>(1 << 12);

    private Shared() {
    }

    /** The one copy of {@code text}, or {@code null}. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        int slot = slot(text.hashCode(), SLOTS);
        String held = TEXTS[slot];
        if (text.equals(held)) {
            return held;
        }
        TEXTS[slot] = text;
        return text;
    }

    /** The one copy of {@code texts} (unmodifiable), each of its texts the one copy, or {@code null}. */
    public static List<String> texts(List<String> texts) {
        if (texts == null) {
            return null;
        }
        int slot = slot(texts.hashCode(), LISTS.length);
        if (LISTS[slot] instanceof List<?> held && held.equals(texts)) {
            @SuppressWarnings("unchecked")
            List<String> same = (List<String>) held;
            return same;
        }
        String[] each = new String[texts.size()];
        for (int i = 0; i < each.length; i++) {
            each[i] = text(texts.get(i));
        }
        List<String> copy = Collections.unmodifiableList(Arrays.asList(each));
        LISTS[slot] = copy;
        return copy;
    }

    /**
     * The one copy of {@code number} among those that repeat (a page's flags word, the mapping its
     * file's pages share), or {@code null}.
     */
    public static Long number(Long number) {
        if (number == null) {
            return null;
        }
        int slot = slot(number.hashCode(), NUMBERS.length);
        Long held = NUMBERS[slot];
        if (number.equals(held)) {
            return held;
        }
        NUMBERS[slot] = number;
        return number;
    }

    /**
     * The one copy of an array of numbers or texts that a record keeps and never changes: the traces of a
     * {@code foreach bt} whose tasks sleep in the same calls share their function names, offsets and return addresses.
     */
    @SuppressWarnings("unchecked")
    static <A> A array(A array) {
        if (array == null) {
            return null;
        }
        int hash = switch (array) {
            case long[] a -> Arrays.hashCode(a);
            case int[] a -> Arrays.hashCode(a);
            case byte[] a -> Arrays.hashCode(a);
            case Object[] a -> Arrays.hashCode(a);
            default -> throw new IllegalArgumentException("not an array of numbers or references: " + array.getClass());
        };
        int slot = slot(hash ^ array.getClass().getName().hashCode(), ARRAYS.length());
        Object held = ARRAYS.getAcquire(slot);
        if (held != null && held.getClass() == array.getClass() && java.util.Objects.deepEquals(held, array)) {
            return (A) held;
        }
        ARRAYS.setRelease(slot, array);
        return array;
    }

    private static int slot(int hash, int slots) {
        return (hash ^ hash >>> 16) & slots - 1;
    }
}
