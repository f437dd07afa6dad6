package org.crashscope.transcript.model;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The rows of a {@code kmem -p} held as columns, each {@link PageRow} made when asked: a big machine's
 * listing is millions of rows, and as records (a row, its boxed index and count) 76 bytes each; as
 * columns the line, struct page and physical address that step evenly take nothing, the count, the flags
 * and their names a byte each while a listing has few of them (a reference each and a boxed flags word
 * were 20 bytes more), the mapping its number and the index its number in 4 bytes while it fits.
 * Unmodifiable.
 */
public final class PageRowColumns extends AbstractList<PageRow> implements RandomAccess {

    private final int size;
    private final Columns.Steps lines;
    private final Columns.Steps pages;
    private final Columns.Steps physicals;
    private final Columns.Nullable mappings;
    private final Columns.Nullable indexes;
    private final Columns.Codes<Integer> counts;
    private final Columns.Codes<Long> flags;
    private final Columns.Codes<List<String>> flagNames;

    private PageRowColumns(Builder b) {
        size = b.size;
        lines = b.lines;
        pages = b.pages;
        physicals = b.physicals;
        mappings = b.mappings;
        indexes = b.indexes;
        counts = b.counts;
        flags = b.flags;
        flagNames = b.flagNames;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public PageRow get(int i) {
        java.util.Objects.checkIndex(i, size);
        return new PageRow((int) lines.get(i), pages.get(i), physicals.get(i), mappings.get(i), indexes.get(i), counts.get(i), flags.get(i),
                flagNames.get(i));
    }

    /** Rows added in order. */
    public static final class Builder {
        private int size;
        private final Columns.Steps lines = new Columns.Steps();
        private final Columns.Steps pages = new Columns.Steps();
        private final Columns.Steps physicals = new Columns.Steps();
        private final Columns.Nullable mappings = new Columns.Nullable();
        private final Columns.Nullable indexes = new Columns.Nullable();
        private final Columns.Codes<Integer> counts = new Columns.Codes<>();
        private final Columns.Codes<Long> flags = new Columns.Codes<>();
        private final Columns.Codes<List<String>> flagNames = new Columns.Codes<>();

        public Builder add(PageRow row) {
            lines.add(row.line());
            pages.add(row.page());
            physicals.add(row.physical());
            mappings.add(row.mapping());
            indexes.add(row.index());
            counts.add(row.count());
            flags.add(row.flags());
            flagNames.add(row.flagNames());
            size++;
            return this;
        }

        public PageRowColumns build() {
            return new PageRowColumns(this);
        }
    }
}
