package org.crashscope.transcript.model;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The rows of an {@code rd} dump held as columns, its {@link MemoryDump.Row}s and
 * {@link MemoryDump.Value}s made when asked for. A dump of millions of words is what a big page-table
 * or memory transcript is: as records (a row, a list, a value and a boxed word each) a 64 MB dump of 2
 * million words held 250 MB; as columns it holds 8 bytes a word (16 bytes for 64 words that step evenly, as
 * a page table's entries do: {@link Columns.Progressions}), and a row's line, address and ASCII column only
 * where they do not follow from the rows before and from its words (16 MB). A row with a symbol or a slab
 * tag ({@code rd -s/-S}) keeps its values as records. Unmodifiable.
 */
public final class DumpRows extends AbstractList<MemoryDump.Row> implements RandomAccess {

    private final int size;
    private final int width;
    private final Columns.Steps lines;
    private final Columns.Steps addresses;
    /**
     * The rows whose ASCII column is not the one their words make ({@link #asciiOf}), ascending, and theirs: a row
     * with no words, a tag, or an ASCII column cut short or none.
     */
    private final Columns.Ints otherAsciiRows;
    private final Columns.Refs<String> otherAscii;
    /** Where each row's words start in {@link #words}: row times a fixed count while every row has as many. */
    private final Columns.Steps starts;
    private final Columns.Progressions words;
    /** The values of the rows that have a symbol or a slab tag, by row. */
    private final Map<Integer, List<MemoryDump.Value>> tagged;

    private DumpRows(Builder b) {
        size = b.size;
        width = b.width;
        lines = b.lines;
        addresses = b.addresses;
        otherAsciiRows = b.otherAsciiRows;
        otherAscii = b.otherAscii;
        starts = b.starts;
        words = b.words;
        tagged = b.tagged.isEmpty() ? Map.of() : Map.copyOf(b.tagged);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public MemoryDump.Row get(int row) {
        return new MemoryDump.Row(line(row), address(row), values(row), ascii(row));
    }

    public int line(int row) {
        return (int) lines.get(check(row));
    }

    public long address(int row) {
        return addresses.get(check(row));
    }

    /** How many values the row has. */
    public int count(int row) {
        List<MemoryDump.Value> values = tagged.get(check(row));
        return values != null ? values.size() : numbers(row);
    }

    /** The number of words held for the row (none for a tagged row). */
    private int numbers(int row) {
        return (int) (starts.get(row + 1) - starts.get(row));
    }

    /**
     * The count of values every row has, when all have as many and none has a symbol or a slab tag,
     * else -1: then the values are in one sequence, value {@code i} at row {@code i / count}.
     */
    public int fixedCount() {
        return tagged.isEmpty() && starts.regular() ? (int) starts.step() : -1;
    }

    /** Whether the value at {@code column} of a row is a number (not a symbol or a slab tag). */
    public boolean isNumber(int row, int column) {
        List<MemoryDump.Value> values = tagged.get(check(row));
        if (values != null) {
            return column >= 0 && column < values.size() && values.get(column).value() != null;
        }
        return column >= 0 && column < numbers(row);
    }

    /** The number at {@code column} of a row, where {@link #isNumber}: read without making a record. */
    public long word(int row, int column) {
        if (!isNumber(row, column)) {
            throw new IndexOutOfBoundsException("no number at row " + row + ", column " + column);
        }
        List<MemoryDump.Value> values = tagged.get(row);
        return values != null ? values.get(column).value() : words.get((int) starts.get(row) + column);
    }

    /** The address of the value at {@code column} of a row. */
    public long address(int row, int column) {
        return address(row) + (long) column * width;
    }

    private String ascii(int row) {
        String held = null;
        for (int low = 0, high = otherAsciiRows.size - 1; low <= high;) {
            int mid = (low + high) >>> 1;
            int at = otherAsciiRows.get(mid);
            if (at == row) {
                held = otherAscii.get(mid);
                break;
            } else if (at < row) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        if (held == null) {
            return asciiOf(words, (int) starts.get(row), numbers(row), width);
        }
        return held == NO_ASCII ? null : held;
    }

    /** Whether a row has a symbol or a slab tag: the only rows with values that are no number. */
    public boolean tagged(int row) {
        return !tagged.isEmpty() && tagged.containsKey(check(row));
    }

    /** The values of a row, as records (without making the row). */
    public List<MemoryDump.Value> values(int row) {
        List<MemoryDump.Value> values = tagged.get(check(row));
        if (values != null) {
            return values;
        }
        MemoryDump.Value[] out = new MemoryDump.Value[numbers(row)];
        int at = (int) starts.get(row);
        for (int i = 0; i < out.length; i++) {
            out[i] = new MemoryDump.Value(address(row, i), words.get(at + i), null);
        }
        return List.of(out);
    }

    private int check(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " of " + size);
        }
        return row;
    }

    /** Held for a row that printed no ASCII column (a row not held aside has the one its words make). */
    private static final String NO_ASCII = new String("");

    /**
     * The ASCII column {@code rd} prints for words (x86's byte order: each word's lowest byte first),
     * a dot for a byte that is not printable; {@code null} for no words.
     */
    static String asciiOf(Columns.Progressions words, int from, int count, int width) {
        if (count == 0) {
            return null;
        }
        byte[] out = new byte[count * width];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) shown(words.get(from + i / width), i % width);
        }
        return Shared.text(new String(out, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** Whether {@code ascii} is what {@link #asciiOf} makes of the words. */
    static boolean madeOf(String ascii, Columns.Progressions words, int from, int count, int width) {
        if (ascii == null || count == 0) {
            return ascii == null && count == 0;
        }
        if (ascii.length() != count * width) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (ascii.charAt(i) != shown(words.get(from + i / width), i % width)) {
                return false;
            }
        }
        return true;
    }

    /** How {@code rd} shows byte {@code b} of a word (its lowest first): itself when printable, else a dot. */
    private static char shown(long word, int b) {
        int c = (int) (word >>> (8 * b)) & 0xff;
        return c >= 0x20 && c < 0x7f ? (char) c : '.';
    }

    /**
     * Rows added in order; a value's address is its row's plus its column times the width. Nothing is added after
     * {@link #build}: the rows share its columns.
     */
    public static final class Builder {
        private final int width;
        private int size;
        private final Columns.Steps lines = new Columns.Steps();
        private final Columns.Steps addresses = new Columns.Steps();
        private final Columns.Steps starts = new Columns.Steps();
        private final Columns.Ints otherAsciiRows = new Columns.Ints();
        private final Columns.Refs<String> otherAscii = new Columns.Refs<>();
        private final Columns.Progressions words = new Columns.Progressions();
        private final Map<Integer, List<MemoryDump.Value>> tagged = new HashMap<>();

        public Builder(int width) {
            this.width = width;
            starts.add(0);
        }

        /** Adds a row; its values must lie at its address plus their column times the width. */
        public Builder add(int line, long address, List<MemoryDump.Value> values, String asciiColumn) {
            boolean numbers = true;
            for (int i = 0; i < values.size(); i++) {
                MemoryDump.Value v = values.get(i);
                if (v.address() != address + (long) i * width) {
                    throw new IllegalArgumentException("the value at 0x" + Long.toHexString(v.address()) + " is not in column " + i + " of its row");
                }
                numbers &= v.value() != null && v.symbol() == null && v.slabObject() == null && v.slabCache() == null;
            }
            if (numbers) {
                long[] words = new long[values.size()];
                for (int i = 0; i < words.length; i++) {
                    words[i] = values.get(i).value();
                }
                return addNumbers(line, address, words, words.length, asciiColumn);
            }
            tagged.put(size, List.copyOf(values));
            return row(line, address, 0, asciiColumn == null, asciiColumn);
        }

        /** Adds a row of numbers only, {@code numbers[0..count)}, the first at {@code address}: no record is made. */
        public Builder addNumbers(int line, long address, long[] numbers, int count, String asciiColumn) {
            int at = (int) starts.get(size);
            for (int i = 0; i < count; i++) {
                words.add(numbers[i]);
            }
            return row(line, address, count, madeOf(asciiColumn, words, at, count, width), asciiColumn);
        }

        private Builder row(int line, long address, int numbers, boolean made, String asciiColumn) {
            if (!made) {
                otherAsciiRows.add(size);
                otherAscii.add(asciiColumn == null ? NO_ASCII : Shared.text(asciiColumn));
            }
            lines.add(line);
            addresses.add(address);
            starts.add(starts.get(size) + numbers);
            size++;
            return this;
        }

        public DumpRows build() {
            return new DumpRows(this);
        }
    }
}
