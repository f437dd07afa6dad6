package org.crashscope.transcript.model;

import java.lang.ref.SoftReference;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A list whose elements are made when first asked for, {@value #CHUNK} at a time, and held softly: while the heap
 * has room each is made once; when it is short the collector takes chunks back and they are made again when asked.
 * The checked walks of a transcript of 200,000 vtops are three times its text; the full JSON of one, under a heap
 * of a quarter of the file, needs them one at a time. The function must give equal results for one position, from
 * any thread (it is called again after the collector took a chunk, and two threads may make one chunk both: each
 * gets its own, equal, elements). Unmodifiable.
 */
public final class SoftList<T> extends AbstractList<T> implements RandomAccess {

    static final int CHUNK = 256;

    private final int size;
    private final IntFunction<? extends T> make;
    private final AtomicReferenceArray<SoftReference<Object[]>> chunks;

    public SoftList(int size, IntFunction<? extends T> make) {
        this.size = size;
        this.make = make;
        this.chunks = new AtomicReferenceArray<>((size + CHUNK - 1) / CHUNK);
    }

    /** Each of {@code from}'s elements mapped when asked. */
    public static <A, B> SoftList<B> of(List<A> from, Function<? super A, ? extends B> map) {
        return new SoftList<>(from.size(), i -> map.apply(from.get(i)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        Objects.checkIndex(index, size);
        int chunk = index / CHUNK;
        SoftReference<Object[]> held = chunks.get(chunk);
        Object[] made = held == null ? null : held.get();
        if (made == null) {
            int first = chunk * CHUNK;
            made = new Object[Math.min(CHUNK, size - first)];
            for (int i = 0; i < made.length; i++) {
                made[i] = make.apply(first + i);
            }
            chunks.set(chunk, new SoftReference<>(made));
        }
        return (T) made[index - chunk * CHUNK];
    }

    @Override
    public int size() {
        return size;
    }
}
