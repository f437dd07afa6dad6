package org.crashscope.arch.paging;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;
import java.util.function.Function;

import org.crashscope.transcript.model.DumpRows;

/**
 * The slots of a table read from its dump when asked for: where each slot's word is in the dump
 * (its row and column), the slot, its decoded entry and what a non-present entry is made anew on
 * every {@link #get}. A dump of millions of entries held a slot, an entry and two boxed addresses
 * per word for as long as the analysis lived (160 MB of a 64 MB dump); this holds five bytes.
 * Unmodifiable.
 */
final class TableSlots extends AbstractList<TableSlot> implements RandomAccess {

    private final DumpRows rows;
    private final Words words;
    private final X86Level level;
    private final Long vaBase;
    private final boolean fiveLevel;
    private final Function<Entry, NonPresent> classify;

    /**
     * @param vaBase the first virtual address the table maps, or {@code null} when its owner is unknown
     */
    TableSlots(DumpRows rows, Words words, X86Level level, Long vaBase, boolean fiveLevel, Function<Entry, NonPresent> classify) {
        this.rows = rows;
        this.words = words.trimmed();
        this.level = level;
        this.vaBase = vaBase;
        this.fiveLevel = fiveLevel;
        this.classify = classify;
    }

    @Override
    public int size() {
        return words.size();
    }

    @Override
    public TableSlot get(int i) {
        java.util.Objects.checkIndex(i, words.size());
        int row = words.row(i);
        int column = words.column(i);
        long address = rows.address(row, column);
        int index = (int) ((address & 0xfff) >>> 3);
        X86Entry entry = new X86Entry(rows.word(row, column), level);
        Long from = null;
        Long to = null;
        if (vaBase != null) {
            long span = level.entrySpan(fiveLevel);
            from = PageTables.signExtend(vaBase + index * span, fiveLevel);
            to = from + span;
        }
        return new TableSlot(rows.line(row), address, index, entry, from, to, classify.apply(entry));
    }

    /**
     * Where a page's words are in a dump, in the order dumped: a run of the dump's values (nearly
     * always: a page dumped once, in order, every row as long) held as its first value and its length;
     * else row and column of each.
     */
    static final class Words {
        /** The values per row when every row of the dump has as many, else -1. */
        private final int perRow;
        private int first = -1;
        private int size;
        private int[] rows;
        private byte[] columns;

        Words(DumpRows dump) {
            this.perRow = dump.fixedCount();
        }

        void add(int row, int column) {
            if (rows == null && perRow > 0) {
                int at = row * perRow + column;
                if (size == 0) {
                    first = at;
                }
                if (at == first + size) {
                    size++;
                    return;
                }
            }
            if (rows == null) {
                // the run so far, written out (read while this is still a run: row(i) and column(i) read the arrays once set)
                int[] runRows = new int[Math.max(16, size * 2)];
                byte[] runColumns = new byte[runRows.length];
                for (int i = 0; i < size; i++) {
                    runRows[i] = row(i);
                    runColumns[i] = (byte) column(i);
                }
                rows = runRows;
                columns = runColumns;
            } else if (size == rows.length) {
                rows = Arrays.copyOf(rows, size * 2);
                columns = Arrays.copyOf(columns, size * 2);
            }
            rows[size] = row;
            columns[size] = (byte) column;
            size++;
        }

        /** These words with no room to grow. */
        Words trimmed() {
            if (rows != null && rows.length > size) {
                rows = Arrays.copyOf(rows, size);
                columns = Arrays.copyOf(columns, size);
            }
            return this;
        }

        int size() {
            return size;
        }

        int row(int i) {
            return rows != null ? rows[i] : (first + i) / perRow;
        }

        int column(int i) {
            return rows != null ? columns[i] : (first + i) % perRow;
        }
    }
}
