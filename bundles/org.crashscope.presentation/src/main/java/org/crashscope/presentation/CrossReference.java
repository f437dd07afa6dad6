package org.crashscope.presentation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.crashscope.analysis.TranscriptAnalysis;
import org.crashscope.transcript.model.StableOrder;

/**
 * One cross-reference of the values of an analysis, built once: each value to the typed places
 * the analysis knows it at (walk, walk level, table slot, stack word, register, VMA, page, symbol,
 * slab object), each with its line. Properties, hyperlinks, the views' links and the occurrences
 * ask it. Held as columns sorted by value: each place's value, its record (kind, number, which of the
 * record's places) and its order, 20 bytes, the sentence made when the value is asked for (a meaning
 * and its sentence each were 150 bytes: a 64 MB dump or bt -FF has millions); a lookup is a binary
 * search plus the few ranges (VMAs, huge pages) the value may lie in.
 */
public final class CrossReference {

    /** 0, 1 and small flags are everywhere: below this a value links nothing and is not highlighted. */
    public static final long SMALLEST_LINKED = 0x10000;

    private static final ValueMeanings.Source[] SOURCES = ValueMeanings.Source.values();
    /** the most places of one record and records of one kind a place's number can tell */
    private static final int PLACES = 0xffff;
    private static final long RECORDS = (1L << 40) - 1;

    private final TranscriptAnalysis analysis;
    private final ValueMeanings.Starts starts;
    private final long[] values;
    /** the source's ordinal (8 bits), the record's number among its kind's (40), which of its places (16) */
    private final long[] places;
    private final int[] orders;
    private final List<ValueMeanings.Range> ranges;

    private CrossReference(TranscriptAnalysis analysis, long[] values, long[] places, int[] orders, List<ValueMeanings.Range> ranges) {
        this.analysis = analysis;
        this.starts = new ValueMeanings.Starts(analysis);
        this.values = values;
        this.places = places;
        this.orders = orders;
        this.ranges = ranges;
    }

    static CrossReference of(TranscriptAnalysis analysis) {
        Builder b = new Builder();
        ValueMeanings.collect(analysis, b);
        int[] sorted = StableOrder.of(b.values, b.size);
        return new CrossReference(analysis, StableOrder.arranged(sorted, b.values), StableOrder.arranged(sorted, b.places),
                StableOrder.arranged(sorted, b.orders), List.copyOf(b.ranges));
    }

    /** The places as the records give them: the value, where it is, its order among all meanings; the ranges made whole. */
    private static final class Builder implements ValueMeanings.Records {
        long[] values = new long[1024];
        long[] places = new long[1024];
        int[] orders = new int[1024];
        int size;
        int order;
        final List<ValueMeanings.Range> ranges = new ArrayList<>();

        @Override
        public ValueMeanings.Sink record(ValueMeanings.Source source, long number) {
            long record = (long) source.ordinal() << 56 | number << 16;
            return new ValueMeanings.Sink() {
                private int place;

                @Override
                public void add(Long value, ValueMeanings.Meaning.Kind kind, Supplier<String> text, int line) {
                    if (value == null) {
                        return;
                    }
                    if (place > PLACES || number > RECORDS) {
                        order++; // (never: a record has a few dozen places, a kind a few million records; not indexed rather than found wrong)
                        return;
                    }
                    if (size == values.length) {
                        values = Arrays.copyOf(values, size * 2);
                        places = Arrays.copyOf(places, size * 2);
                        orders = Arrays.copyOf(orders, size * 2);
                    }
                    values[size] = value;
                    places[size] = record | place++;
                    orders[size++] = order++;
                }

                @Override
                public void range(long start, long end, long except, ValueMeanings.Meaning.Kind kind, Supplier<String> text, int line) {
                    ranges.add(new ValueMeanings.Range(start, end, except, new ValueMeanings.Meaning(kind, text.get(), line, order++)));
                }
            };
        }
    }

    /** What {@code value} is, in the order of the views (walks, tables, stack, registers, pages); empty when nothing. */
    public List<ValueMeanings.Meaning> meanings(long value) {
        List<ValueMeanings.Meaning> out = new ArrayList<>();
        int first = StableOrder.first(values, value);
        for (int k = first; k >= 0 && k < values.length && values[k] == value; k++) {
            out.add(meaning(places[k], orders[k]));
        }
        for (ValueMeanings.Range r : ranges) {
            if (Long.compareUnsigned(value, r.start()) >= 0 && Long.compareUnsigned(value, r.end()) < 0 && value != r.except()) {
                out.add(r.meaning());
            }
        }
        out.sort(java.util.Comparator.comparingInt(ValueMeanings.Meaning::order));
        return out;
    }

    /** The meaning at {@code place}: its record's meanings made again, the one wanted with its sentence. */
    private ValueMeanings.Meaning meaning(long place, int order) {
        int wanted = (int) (place & 0xffff);
        ValueMeanings.Meaning[] found = new ValueMeanings.Meaning[1];
        ValueMeanings.record(analysis, starts, SOURCES[(int) (place >>> 56)], place >>> 16 & (1L << 40) - 1, new ValueMeanings.Sink() {
            private int at;

            @Override
            public void add(Long v, ValueMeanings.Meaning.Kind kind, Supplier<String> text, int line) {
                if (v != null && at++ == wanted) {
                    found[0] = new ValueMeanings.Meaning(kind, text.get(), line, order);
                }
            }

            @Override
            public void range(long start, long end, long except, ValueMeanings.Meaning.Kind kind, Supplier<String> text, int line) {
            }
        });
        return found[0];
    }

    /** Whether {@code value} is worth linking or highlighting: not 0, 1 or a small flag. */
    public static boolean linkable(Long value) {
        return value != null && Long.compareUnsigned(value, SMALLEST_LINKED) >= 0;
    }
}
