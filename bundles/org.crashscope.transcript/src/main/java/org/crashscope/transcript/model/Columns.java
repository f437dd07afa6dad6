package org.crashscope.transcript.model;

import java.util.Arrays;

/**
 * Columns of the records a big block holds by the million (a dump's words, {@code kmem -p}'s rows):
 * appended one by one into chunks of {@value #CHUNK}, never copied to grow, never one array the heap
 * must find room for whole.
 */
final class Columns {

    private static final int SHIFT = 13;
    private static final int CHUNK = 1 << SHIFT;

    private Columns() {
    }

    /** Numbers. */
    static final class Longs {
        private long[][] chunks = new long[4][];
        private int size;

        void add(long value) {
            int chunk = size >>> SHIFT;
            if (chunk == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunk * 2);
            }
            if (chunks[chunk] == null) {
                chunks[chunk] = new long[chunk == 0 ? 64 : CHUNK];
            } else if (chunk == 0 && size == chunks[0].length && size < CHUNK) {
                chunks[0] = Arrays.copyOf(chunks[0], Math.min(CHUNK, size * 4)); // a small block stays small
            }
            chunks[chunk][size & (CHUNK - 1)] = value;
            size++;
        }

        long get(int i) {
            return chunks[i >>> SHIFT][i & (CHUNK - 1)];
        }
    }

    /** References: to values held once ({@link Shared}), four bytes a record. */
    static final class Refs<T> {
        private Object[][] chunks = new Object[4][];
        private int size;

        void add(T value) {
            int chunk = size >>> SHIFT;
            if (chunk == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunk * 2);
            }
            if (chunks[chunk] == null) {
                chunks[chunk] = new Object[chunk == 0 ? 64 : CHUNK];
            } else if (chunk == 0 && size == chunks[0].length && size < CHUNK) {
                chunks[0] = Arrays.copyOf(chunks[0], Math.min(CHUNK, size * 4));
            }
            chunks[chunk][size & (CHUNK - 1)] = value;
            size++;
        }

        @SuppressWarnings("unchecked")
        T get(int i) {
            return (T) chunks[i >>> SHIFT][i & (CHUNK - 1)];
        }
    }

    /**
     * Numbers held as the first and a step while every one is the one before plus the step (lines,
     * addresses, the pages of {@code kmem -p}: nearly always), in {@link Longs} from the first that is not.
     */
    static final class Steps {
        private int size;
        private long first;
        private long step;
        private Longs held;

        void add(long value) {
            if (held == null) {
                if (size == 0) {
                    first = value;
                } else if (size == 1) {
                    step = value - first;
                } else if (value != first + step * size) {
                    held = new Longs();
                    for (int i = 0; i < size; i++) {
                        held.add(first + step * i);
                    }
                }
            }
            if (held != null) {
                held.add(value);
            }
            size++;
        }

        long get(int i) {
            return held != null ? held.get(i) : first + step * i;
        }

        boolean regular() {
            return held == null;
        }

        long step() {
            return step;
        }
    }
}
