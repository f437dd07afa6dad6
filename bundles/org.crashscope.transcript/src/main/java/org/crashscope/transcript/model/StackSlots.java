package org.crashscope.transcript.model;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A backtrace's stack words held as columns, each {@link StackSlot} made when asked for. A {@code bt -FF}
 * of a big stack, or a {@code foreach bt -f} of a big machine, is millions of words: as records (a slot
 * and a boxed value each) 72 bytes a word; as columns about 14: the value (or the slab object) 8; the
 * symbol (or the slab cache) a byte, its place among the trace's texts while it has at most 256, else a
 * reference; which of them there are a byte; and the line, address, frame and width a byte each while
 * they differ a little from the word before. A symbol with a decimal offset ({@code ep_poll+213}) is held as
 * its name, and its offset in the value's place: a trace's names are few where its symbols with their offsets
 * are many, and its byte table holds 256. A trace of
 * fewer than {@value #SMALLEST} words keeps its records (the columns' arrays would outweigh them).
 * Unmodifiable.
 */
public final class StackSlots extends AbstractList<StackSlot> implements RandomAccess {

    private static final byte VALUE = 1;
    private static final byte SLAB_OBJECT = 2;
    private static final byte SYMBOL = 4;
    private static final byte SLAB_CACHE = 8;
    /** the symbol is {@code name+offset} with a decimal offset: the text holds the name, the number the offset */
    private static final byte NAME_AND_OFFSET = 16;

    private final int size;
    private final Columns.Deltas lines;
    private final Columns.Deltas addresses;
    private final Columns.Deltas frames;
    private final Columns.Deltas widths;
    private final Columns.Bytes kinds;
    /** the value, else the slab object, else 0 */
    private final Columns.Longs numbers;
    /** the symbol, else the slab cache, else {@code null} */
    private final Columns.Codes<String> texts;
    /** the slab objects and caches of words that have a value or a symbol too (no bt prints one) */
    private final Map<Integer, Long> slabObjects;
    private final Map<Integer, String> slabCaches;

    private StackSlots(Held b) {
        size = b.size;
        lines = b.lines;
        addresses = b.addresses;
        frames = b.frames;
        widths = b.widths;
        kinds = b.kinds;
        numbers = b.numbers;
        texts = b.texts;
        slabObjects = b.slabObjects.isEmpty() ? Map.of() : Map.copyOf(b.slabObjects);
        slabCaches = b.slabCaches.isEmpty() ? Map.of() : Map.copyOf(b.slabCaches);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public StackSlot get(int i) {
        java.util.Objects.checkIndex(i, size);
        byte kind = kinds.get(i);
        long number = numbers.get(i);
        String text = (kind & NAME_AND_OFFSET) != 0 ? texts.get(i) + "+" + number : texts.get(i);
        Long value = (kind & VALUE) != 0 ? number : null;
        Long slabObject = (kind & SLAB_OBJECT) == 0 ? null : value == null ? number : slabObjects.get(i);
        String symbol = (kind & SYMBOL) != 0 ? text : null;
        String slabCache = (kind & SLAB_CACHE) == 0 ? null : symbol == null ? text : slabCaches.get(i);
        return new StackSlot((int) lines.get(i), addresses.get(i), value, symbol, slabObject, slabCache, (int) frames.get(i), (int) widths.get(i));
    }

    /** The stack address of word {@code i}, read without making the word. */
    public long address(int i) {
        return addresses.get(java.util.Objects.checkIndex(i, size));
    }

    /** Below this many words a trace keeps its records: the columns' own arrays would outweigh them. */
    static final int SMALLEST = 128;

    /** Appends words one by one: records while they are few, columns from {@link #SMALLEST} on; {@link #build} gives the list. */
    public static final class Builder {
        private final java.util.List<StackSlot> few = new java.util.ArrayList<>();
        private Held columns;

        public void add(StackSlot slot) {
            if (columns != null) {
                columns.add(slot);
            } else if (few.size() + 1 < SMALLEST) {
                few.add(slot);
            } else {
                columns = new Held();
                few.forEach(columns::add);
                few.clear();
                columns.add(slot);
            }
        }

        public boolean isEmpty() {
            return columns == null && few.isEmpty();
        }

        /** The words added. */
        public java.util.List<StackSlot> build() {
            return columns != null ? new StackSlots(columns) : java.util.List.copyOf(few);
        }
    }

    /** The columns words are appended to. */
    private static final class Held {
        private int size;
        private final Columns.Deltas lines = new Columns.Deltas();
        private final Columns.Deltas addresses = new Columns.Deltas();
        private final Columns.Deltas frames = new Columns.Deltas();
        private final Columns.Deltas widths = new Columns.Deltas();
        private final Columns.Bytes kinds = new Columns.Bytes();
        private final Columns.Longs numbers = new Columns.Longs();
        private final Columns.Codes<String> texts = new Columns.Codes<>();
        private final Map<Integer, Long> slabObjects = new HashMap<>();
        private final Map<Integer, String> slabCaches = new HashMap<>();

        void add(StackSlot slot) {
            lines.add(slot.line());
            addresses.add(slot.address());
            frames.add(slot.frame());
            widths.add(slot.width());
            byte kind = (byte) ((slot.value() != null ? VALUE : 0) | (slot.slabObject() != null ? SLAB_OBJECT : 0)
                    | (slot.symbol() != null ? SYMBOL : 0) | (slot.slabCache() != null ? SLAB_CACHE : 0));
            if (slot.value() != null && slot.slabObject() != null) {
                slabObjects.put(size, slot.slabObject());
            }
            int plus = slot.value() == null && slot.slabObject() == null ? offsetAt(slot.symbol()) : -1;
            if (plus > 0) {
                // (the names are few, the offsets many: the name goes in the table, the offset in the number's place)
                kind |= NAME_AND_OFFSET;
                numbers.add(Long.parseLong(slot.symbol(), plus + 1, slot.symbol().length(), 10));
                texts.add(Shared.text(slot.symbol().substring(0, plus)));
            } else {
                numbers.add(slot.value() != null ? slot.value() : slot.slabObject() != null ? slot.slabObject() : 0);
                texts.add(slot.symbol() != null ? slot.symbol() : slot.slabCache());
            }
            kinds.add(kind);
            if (slot.symbol() != null && slot.slabCache() != null) {
                slabCaches.put(size, slot.slabCache());
            }
            size++;
        }

        /**
         * Where the {@code +} of {@code symbol}'s decimal offset is ({@code name+213}), written as {@link Long#toString} writes
         * it back; else -1 (no symbol, no offset, a hexadecimal one, leading zeros, a sign, more digits than a long holds).
         */
        private static int offsetAt(String symbol) {
            int plus = symbol == null ? -1 : symbol.lastIndexOf('+');
            int digits = plus < 0 ? 0 : symbol.length() - plus - 1;
            if (plus < 1 || digits < 1 || digits > 18 || digits > 1 && symbol.charAt(plus + 1) == '0') {
                return -1;
            }
            for (int i = plus + 1; i < symbol.length(); i++) {
                if (symbol.charAt(i) < '0' || symbol.charAt(i) > '9') {
                    return -1;
                }
            }
            return plus;
        }
    }
}
