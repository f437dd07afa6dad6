package org.crashscope.presentation;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * A list whose elements are made from another's when asked: the presentation of each of a million
 * records is not held beside the record. Unmodifiable; the function must give equal results for one
 * element (it is called on every {@link #get}).
 */
final class Mapped<A, B> extends AbstractList<B> implements RandomAccess {

    private final List<A> from;
    private final Function<A, B> map;

    Mapped(List<A> from, Function<A, B> map) {
        this.from = from;
        this.map = map;
    }

    @Override
    public B get(int index) {
        return map.apply(from.get(index));
    }

    @Override
    public int size() {
        return from.size();
    }
}
