package org.crashscope.transcript.model;

import java.util.function.Supplier;

/**
 * A value made when first asked for, once, whichever thread asks (the others wait for it): what a view or a
 * writer may never need, such as the Problems view's list of a big transcript, is not made for them all.
 */
public final class Once<T> implements Supplier<T> {

    private final Supplier<? extends T> make;
    private volatile T made;

    public Once(Supplier<? extends T> make) {
        this.make = make;
    }

    @Override
    public T get() {
        T value = made;
        if (value == null) {
            synchronized (this) {
                value = made;
                if (value == null) {
                    value = make.get();
                    made = value;
                }
            }
        }
        return value;
    }
}
