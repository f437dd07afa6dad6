package org.crashscope.analysis.stack;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;

import org.crashscope.transcript.model.StableOrder;
import org.crashscope.transcript.model.StackSlot;

/**
 * The annotated words of every trace in address order, each as a number: a plain word as its place among the
 * words of all traces (trace after trace), a label as -1 minus its index among the labels. The order is that of a stable sort by address
 * of each trace's plain words (in the trace's order) followed by its labels (in the order made), trace
 * after trace, without a record or a boxed address per word: each trace's words are in address order
 * already (bt prints a stack upwards; a trace whose words are not is sorted by itself), the traces are merged.
 */
final class WordOrder {

    final List<List<StackSlot>> traces = new ArrayList<>();
    /** where each trace's words start among the words of all traces */
    private int[] starts = new int[8];
    private int words;
    final List<AnnotatedSlot> labels = new ArrayList<>();
    private final List<Run> runs = new ArrayList<>();
    private int size;

    /** One trace's words in address order: its plain words (by {@code order}, or rising) merged with its labels. */
    private record Run(int trace, BitSet plain, int[] order, int firstLabel, int labelCount) {
    }

    /** Adds a trace: the positions of its plain words, and its labels. */
    void trace(List<StackSlot> words, TraceWords byAddress, BitSet plain, Collection<AnnotatedSlot> traceLabels) {
        int trace = traces.size();
        traces.add(words);
        if (trace == starts.length) {
            starts = java.util.Arrays.copyOf(starts, trace * 2);
        }
        starts[trace] = this.words;
        this.words = Math.addExact(this.words, words.size());
        int firstLabel = labels.size();
        List<AnnotatedSlot> sorted = new ArrayList<>(traceLabels);
        sorted.sort(java.util.Comparator.comparingLong(l -> l.slot().address())); // stable: the order made among equals
        labels.addAll(sorted);
        runs.add(new Run(trace, plain, rising(byAddress, plain) ? null : sortedByAddress(byAddress, plain), firstLabel, sorted.size()));
        size += plain.cardinality() + sorted.size();
    }

    private static boolean rising(TraceWords byAddress, BitSet plain) {
        long before = Long.MIN_VALUE;
        for (int i = plain.nextSetBit(0); i >= 0; i = plain.nextSetBit(i + 1)) {
            long address = byAddress.address(i);
            if (address < before) {
                return false;
            }
            before = address;
        }
        return true;
    }

    /** The plain words' positions in a stable order by address. */
    private static int[] sortedByAddress(TraceWords byAddress, BitSet plain) {
        int[] positions = plain.stream().toArray();
        long[] addresses = new long[positions.length];
        for (int k = 0; k < positions.length; k++) {
            addresses[k] = byAddress.address(positions[k]);
        }
        return StableOrder.arranged(StableOrder.of(addresses, positions.length), positions);
    }

    /** What a number stands for: a word of {@link #traces} or one of {@link #labels}. */
    static final class Words {
        private final List<List<StackSlot>> traces;
        private final int[] starts;
        final List<AnnotatedSlot> labels;

        private Words(WordOrder order) {
            traces = List.copyOf(order.traces);
            starts = java.util.Arrays.copyOf(order.starts, order.traces.size());
            labels = List.copyOf(order.labels);
        }

        /** The plain word number {@code ref} (not a label) stands for. */
        StackSlot word(int ref) {
            int trace = java.util.Arrays.binarySearch(starts, ref);
            if (trace < 0) {
                trace = -trace - 2;
            }
            while (trace + 1 < starts.length && starts[trace + 1] == ref) {
                trace++; // (past the traces without a word)
            }
            return traces.get(trace).get(ref - starts[trace]);
        }
    }

    /** What the numbers {@link #refs} gives stand for. */
    Words words() {
        return new Words(this);
    }

    /** Every trace's words merged in address order (the earlier trace first among equal addresses). */
    int[] refs() {
        int[] out = new int[size];
        PriorityQueue<Cursor> heads = new PriorityQueue<>((a, b) -> a.address != b.address ? Long.compare(a.address, b.address)
                : Integer.compare(a.run.trace, b.run.trace));
        for (Run run : runs) {
            Cursor c = new Cursor(run);
            if (c.advance()) {
                heads.add(c);
            }
        }
        int n = 0;
        while (!heads.isEmpty()) {
            Cursor c = heads.poll();
            out[n++] = c.ref;
            if (c.advance()) {
                heads.add(c);
            }
        }
        return out;
    }

    /** Where a run is: its next plain word and its next label, the lower of them its head (a plain word first among equals). */
    private final class Cursor {
        final Run run;
        private int plainAt; // the next plain word: a position in the trace, or an index of run.order
        private int labelAt;
        long address;
        int ref;

        Cursor(Run run) {
            this.run = run;
            plainAt = run.order == null ? run.plain.nextSetBit(0) : 0;
        }

        /** Takes the next head; false when the run is done. */
        boolean advance() {
            int position = run.order == null ? plainAt : plainAt < run.order.length ? run.order[plainAt] : -1;
            boolean hasPlain = position >= 0;
            boolean hasLabel = labelAt < run.labelCount;
            if (!hasPlain && !hasLabel) {
                return false;
            }
            long plainAddress = hasPlain ? TraceWords.addressOf(traces.get(run.trace), position) : 0;
            AnnotatedSlot label = hasLabel ? labels.get(run.firstLabel + labelAt) : null;
            if (hasPlain && (!hasLabel || plainAddress <= label.slot().address())) {
                address = plainAddress;
                ref = starts[run.trace] + position;
                plainAt = run.order == null ? run.plain.nextSetBit(position + 1) : plainAt + 1;
            } else {
                address = label.slot().address();
                ref = -1 - (run.firstLabel + labelAt);
                labelAt++;
            }
            return true;
        }
    }
}
