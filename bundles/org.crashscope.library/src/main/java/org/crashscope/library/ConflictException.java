package org.crashscope.library;

/** A change to a case that someone else changed since it was read: nothing was written; read it again and redo the change. */
public final class ConflictException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
