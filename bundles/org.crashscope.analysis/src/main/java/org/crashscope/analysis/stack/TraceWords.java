package org.crashscope.analysis.stack;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.crashscope.transcript.model.StackSlot;
import org.crashscope.transcript.model.StackSlots;

/**
 * A trace's words by stack address, as a map of what was put last under an address, in the order
 * the addresses first came. Words held as columns ({@link StackSlots}) whose addresses rise, as bt prints
 * them, are found by a binary search over their addresses and need nothing more; others through an
 * open-addressing table of positions (32-64 bytes a word, held while the trace is annotated, where a map of
 * boxed addresses held 110: a {@code bt -FF} of a million words is all one trace). Read-only.
 */
final class TraceWords extends AbstractMap<Long, StackSlot> {

    private final List<StackSlot> slots;
    /** the words, when their addresses rise: searched, no table */
    private final StackSlots rising;
    private final long[] keys;
    private final int[] first;
    private final int[] last;
    private final int mask;
    private final int shift;
    private int distinct;

    TraceWords(List<StackSlot> slots) {
        this.slots = slots;
        if (slots instanceof StackSlots words && rises(words)) {
            rising = words;
            keys = null;
            first = null;
            last = null;
            mask = 0;
            shift = 0;
            distinct = words.size();
            return;
        }
        rising = null;
        int capacity = Integer.highestOneBit(Math.max(4, slots.size() * 2 - 1)) << 1;
        keys = new long[capacity];
        first = new int[capacity];
        last = new int[capacity];
        java.util.Arrays.fill(first, -1);
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        for (int i = 0; i < slots.size(); i++) {
            int at = find(slots.get(i).address());
            if (first[at] < 0) {
                keys[at] = slots.get(i).address();
                first[at] = i;
                distinct++;
            }
            last[at] = i;
        }
    }

    private static boolean rises(StackSlots words) {
        for (int i = 1; i < words.size(); i++) {
            if (words.address(i) <= words.address(i - 1)) {
                return false;
            }
        }
        return true;
    }

    /** The stack address of the word at {@code position} of {@code words}, read without making the word where it can be. */
    static long addressOf(List<StackSlot> words, int position) {
        return words instanceof StackSlots columns ? columns.address(position) : words.get(position).address();
    }

    /** The stack address of the word at {@code position} of the trace. */
    long address(int position) {
        return addressOf(slots, position);
    }

    /** The table's place of {@code address}: where it is, or the empty place where it would go. */
    private int find(long address) {
        int at = (int) (address * 0x9E3779B97F4A7C15L >>> shift); // the product's top bits: every bit of the address counts
        while (first[at] >= 0 && keys[at] != address) {
            at = at + 1 & mask;
        }
        return at;
    }

    /** The position of {@code address} among words whose addresses rise, or -1. */
    private int search(long address) {
        int lo = 0;
        int hi = rising.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long at = rising.address(mid);
            if (at < address) {
                lo = mid + 1;
            } else if (at > address) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Whether the words are found by a search over their rising addresses (no table was made). */
    boolean searched() {
        return rising != null;
    }

    /** Whether the word at {@code position} of the trace is the first at its address. */
    boolean firstAt(int position) {
        return rising != null || first[find(slots.get(position).address())] == position;
    }

    @Override
    public StackSlot get(Object key) {
        if (!(key instanceof Long address)) {
            return null;
        }
        if (rising != null) {
            int at = search(address);
            return at < 0 ? null : rising.get(at);
        }
        int at = find(address);
        return first[at] < 0 ? null : slots.get(last[at]);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return distinct;
    }

    @Override
    public Set<Map.Entry<Long, StackSlot>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<Long, StackSlot>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(int from) {
                        int i = from;
                        while (i < slots.size() && !firstAt(i)) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < slots.size();
                    }

                    @Override
                    public Map.Entry<Long, StackSlot> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        long address = address(next);
                        next = advance(next + 1);
                        return Map.entry(address, get(address));
                    }
                };
            }

            @Override
            public int size() {
                return distinct;
            }
        };
    }
}
