package org.crashscope.arch.paging;

import java.util.List;

/** An entry of an architecture whose paging Crashscope does not model: shown as crash printed it. */
public record RawEntry(long value, String level) implements Entry {

    @Override
    public boolean modelled() {
        return false;
    }

    @Override
    public boolean present() {
        return value != 0;
    }

    @Override
    public boolean leaf() {
        return false;
    }

    @Override
    public long pageSize() {
        return 0;
    }

    @Override
    public long physical() {
        return 0;
    }

    @Override
    public List<String> flagNames() {
        return List.of();
    }

    @Override
    public SwapEntry swap() {
        return null;
    }
}
