package org.crashscope.transcript.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Columns of the records a big block holds by the million (a dump's words, {@code kmem -p}'s rows):
 * appended one by one into chunks of {@value #CHUNK} (only the first grows, while a block is small), never
 * one array the heap must find room for whole, never a big one copied to grow.
 */
final class Columns {

    private static final int SHIFT = 13;
    private static final int CHUNK = 1 << SHIFT;

    private Columns() {
    }

    /** Chunks of some kind of array: the one the next value goes in, made or grown as needed. */
    private abstract static class Chunked {
        private Object[] chunks = new Object[4];
        private int firstLength;
        int size;

        abstract Object make(int length);

        abstract Object grown(Object chunk, int length);

        /** The chunk value {@link #size} goes in (at {@code size & (CHUNK - 1)}). */
        final Object next() {
            int chunk = size >>> SHIFT;
            if (chunk == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunk * 2);
            }
            if (chunks[chunk] == null) {
                chunks[chunk] = make(chunk == 0 ? (firstLength = 64) : CHUNK);
            } else if (chunk == 0 && size == firstLength && size < CHUNK) {
                firstLength = Math.min(CHUNK, size * 4);
                chunks[0] = grown(chunks[0], firstLength); // a small block stays small
            }
            return chunks[chunk];
        }

        final Object chunk(int i) {
            return chunks[i >>> SHIFT];
        }
    }

    /** Numbers. */
    static final class Longs extends Chunked {
        void add(long value) {
            ((long[]) next())[size++ & (CHUNK - 1)] = value;
        }

        long get(int i) {
            return ((long[]) chunk(i))[i & (CHUNK - 1)];
        }

        @Override
        Object make(int length) {
            return new long[length];
        }

        @Override
        Object grown(Object chunk, int length) {
            return Arrays.copyOf((long[]) chunk, length);
        }
    }

    /** Numbers that fit an int. */
    static final class Ints extends Chunked {
        void add(int value) {
            ((int[]) next())[size++ & (CHUNK - 1)] = value;
        }

        int get(int i) {
            return ((int[]) chunk(i))[i & (CHUNK - 1)];
        }

        @Override
        Object make(int length) {
            return new int[length];
        }

        @Override
        Object grown(Object chunk, int length) {
            return Arrays.copyOf((int[]) chunk, length);
        }
    }

    /**
     * Numbers that may be missing ({@code null}): 4 bytes each while every one fits an int (a {@code kmem -p} row's
     * index mostly does), else 8; a missing one a marker ({@link Long#MIN_VALUE}, as an int {@link Integer#MIN_VALUE}).
     * A number that is the marker itself (one in billions, but right) is kept aside.
     */
    static final class Nullable {
        private static final long NONE = Long.MIN_VALUE;
        private static final int SMALL_NONE = Integer.MIN_VALUE;
        /** the numbers while each fits an int, or {@code null} from the first that does not */
        private Ints small = new Ints();
        /** the numbers from the first that does not fit an int on (all of them, copied over then) */
        private Longs held;
        private final Map<Integer, Long> marker = new HashMap<>();

        void add(Long value) {
            long v = value == null ? NONE : value;
            if (value != null && v == NONE || small != null && v != NONE && (v != (int) v || v == SMALL_NONE)) {
                widen();
            }
            if (value != null && v == NONE) {
                marker.put(size(), value);
            }
            if (small != null) {
                small.add(value == null ? SMALL_NONE : (int) v);
            } else {
                held.add(v);
            }
        }

        Long get(int i) {
            long value = small != null ? (small.get(i) == SMALL_NONE ? NONE : small.get(i)) : held.get(i);
            return value != NONE ? Long.valueOf(value) : marker.get(i);
        }

        private int size() {
            return small != null ? small.size : held.size;
        }

        private void widen() {
            if (small == null) {
                return;
            }
            held = new Longs();
            for (int i = 0; i < small.size; i++) {
                int v = small.get(i);
                held.add(v == SMALL_NONE ? NONE : v);
            }
            small = null;
        }
    }

    /**
     * Values of few kinds (a page's count, its flags and their names): a byte each, the value's place in a table of the
     * values seen, while there are at most 256 of them; a reference each from the first that makes more.
     */
    static final class Codes<T> {
        private static final int MOST = 256;
        private Bytes codes = new Bytes();
        private java.util.List<T> table = new java.util.ArrayList<>();
        private Map<T, Integer> seen = new HashMap<>();
        private Refs<T> refs;

        void add(T value) {
            if (refs != null) {
                refs.add(value);
                return;
            }
            Integer code = seen.get(value);
            if (code == null && table.size() == MOST) {
                Refs<T> all = new Refs<>();
                for (int i = 0; i < codes.size; i++) {
                    all.add(table.get(codes.get(i) & 0xff));
                }
                all.add(value);
                refs = all;
                codes = null;
                table = null;
                seen = null;
                return;
            }
            if (code == null) {
                code = table.size();
                table.add(value);
                seen.put(value, code);
            }
            codes.add((byte) (int) code);
        }

        T get(int i) {
            return refs != null ? refs.get(i) : table.get(codes.get(i) & 0xff);
        }
    }

    /** References: to values held once ({@link Shared}), four bytes a record. */
    static final class Refs<T> extends Chunked {
        void add(T value) {
            ((Object[]) next())[size++ & (CHUNK - 1)] = value;
        }

        @SuppressWarnings("unchecked")
        T get(int i) {
            return (T) ((Object[]) chunk(i))[i & (CHUNK - 1)];
        }

        @Override
        Object make(int length) {
            return new Object[length];
        }

        @Override
        Object grown(Object chunk, int length) {
            return Arrays.copyOf((Object[]) chunk, length);
        }
    }

    /** Small numbers: a byte each. */
    static final class Bytes extends Chunked {
        void add(byte value) {
            ((byte[]) next())[size++ & (CHUNK - 1)] = value;
        }

        byte get(int i) {
            return ((byte[]) chunk(i))[i & (CHUNK - 1)];
        }

        /** Appends {@code bytes}. */
        void addAll(byte[] bytes) {
            for (byte b : bytes) {
                add(b);
            }
        }

        /** Bytes {@code from..from+length-1}, copied out. */
        byte[] get(int from, int length) {
            byte[] out = new byte[length];
            for (int k = 0; k < length; k++) {
                out[k] = get(from + k);
            }
            return out;
        }

        @Override
        Object make(int length) {
            return new byte[length];
        }

        @Override
        Object grown(Object chunk, int length) {
            return Arrays.copyOf((byte[]) chunk, length);
        }
    }

    /**
     * Numbers that each differ a little from the one before (a stack word's line, address and frame): a byte each,
     * the difference, with the number itself every {@value #MARK} and wherever the difference does not fit a byte
     * (then 9 bytes: numbers that jump about cost about what {@link Longs} does); a number is read by adding up at
     * most {@value #MARK} differences.
     */
    static final class Deltas {
        private static final int MARK = 32;
        private static final byte WIDE = Byte.MIN_VALUE;
        private final Bytes deltas = new Bytes();
        private final Longs marks = new Longs();
        /** how many numbers {@link #wide} held before each mark */
        private final Longs wideBefore = new Longs();
        private final Longs wide = new Longs();
        private long last;
        private int size;

        void add(long value) {
            long d = value - last;
            if (size % MARK == 0) {
                marks.add(value);
                wideBefore.add(wide.size);
                deltas.add((byte) 0);
            } else if (d > WIDE && d <= Byte.MAX_VALUE) {
                deltas.add((byte) d);
            } else {
                deltas.add(WIDE);
                wide.add(value);
            }
            last = value;
            size++;
        }

        long get(int i) {
            int mark = i / MARK;
            long value = marks.get(mark);
            int w = (int) wideBefore.get(mark);
            for (int k = mark * MARK + 1; k <= i; k++) {
                byte d = deltas.get(k);
                value = d == WIDE ? wide.get(w++) : value + d;
            }
            return value;
        }
    }

    /**
     * Numbers that often go in even steps (a page table's entries, 2 MiB or 4 KiB apart; a dump of zeros): in pages of
     * {@value #PAGE}, a page whose numbers step evenly held as its first and the step (16 bytes for 64 numbers), any
     * other page whole; 8 bytes a number plus 20 a page where nothing steps.
     */
    static final class Progressions {
        private static final int PAGE = 64;
        private static final int STEPPING = -1;
        private final long[] open = new long[PAGE];
        /** each closed page's first number and step, and where its numbers start in {@link #whole} ({@link #STEPPING}: not held) */
        private final Longs firsts = new Longs();
        private final Longs steps = new Longs();
        private final Ints starts = new Ints();
        private final Longs whole = new Longs();
        private int size;

        void add(long value) {
            open[size++ % PAGE] = value;
            if (size % PAGE == 0) {
                close();
            }
        }

        long get(int i) {
            int page = i / PAGE;
            if (page == size / PAGE) {
                return open[i % PAGE];
            }
            int start = starts.get(page);
            return start == STEPPING ? firsts.get(page) + steps.get(page) * (i % PAGE) : whole.get(start + i % PAGE);
        }

        private void close() {
            long step = open[1] - open[0];
            boolean even = true;
            for (int k = 2; k < PAGE && even; k++) {
                even = open[k] - open[k - 1] == step;
            }
            firsts.add(open[0]);
            steps.add(step);
            starts.add(even ? STEPPING : whole.size);
            if (!even) {
                for (long value : open) {
                    whole.add(value);
                }
            }
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
