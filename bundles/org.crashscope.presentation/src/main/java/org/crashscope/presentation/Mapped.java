package org.crashscope.presentation;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A list whose elements are made when asked, each from its position: the presentation of each of a
 * million records is not held beside the record. Unmodifiable; the function must give equal results
 * for one position (it is called on every {@link #get}).
 */
final class Mapped<B> extends AbstractList<B> implements RandomAccess {

    private final int size;
    private final IntFunction<B> at;

    Mapped(int size, IntFunction<B> at) {
        this.size = size;
        this.at = at;
    }

    /** Each of {@code from}'s elements mapped when asked. */
    static <A, B> Mapped<B> of(List<A> from, Function<A, B> map) {
        return new Mapped<>(from.size(), i -> map.apply(from.get(i)));
    }

    @Override
    public B get(int index) {
        return at.apply(java.util.Objects.checkIndex(index, size));
    }

    @Override
    public int size() {
        return size;
    }
}
