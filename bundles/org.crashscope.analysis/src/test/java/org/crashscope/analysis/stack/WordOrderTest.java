package org.crashscope.analysis.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.crashscope.analysis.Confidence;
import org.crashscope.transcript.model.StackSlot;
import org.crashscope.transcript.model.StackSlots;
import org.junit.jupiter.api.Test;

/**
 * The words of every trace merged in address order are those a stable sort by address gives of each
 * trace's plain words followed by its labels, trace after trace: with traces whose words rise and traces
 * whose words do not, addresses shared by traces and by a word and a label, kernel addresses (negative
 * as signed numbers) and user ones.
 */
class WordOrderTest {

    @Test
    void mergesAsAStableSortByAddressWould() {
        Random random = new Random(3);
        for (int round = 0; round < 30; round++) {
            WordOrder order = new WordOrder();
            List<Object> expected = new ArrayList<>(); // plain words as {trace, position}, labels as themselves
            List<List<StackSlot>> given = new ArrayList<>();
            List<Long> addresses = new ArrayList<>();
            int traces = 1 + random.nextInt(6);
            for (int t = 0; t < traces; t++) {
                boolean rising = random.nextBoolean();
                long base = random.nextBoolean() ? 0xffffc90000a3f000L + (random.nextInt(4) << 12) : 0x7ffd5cdedd00L;
                StackSlots.Builder words = new StackSlots.Builder();
                List<StackSlot> trace = new ArrayList<>();
                given.add(trace);
                int size = random.nextInt(round == 0 ? 3 : 400);
                for (int i = 0; i < size; i++) {
                    long address = rising ? base + 8L * i : base + 8L * random.nextInt(Math.max(1, size / 2));
                    StackSlot slot = new StackSlot(i + 1, address, (long) t << 20 | i, null, null, null, -1, 8);
                    words.add(slot);
                    trace.add(slot);
                }
                List<StackSlot> slots = random.nextBoolean() ? words.build() : trace;
                TraceWords byAddress = new TraceWords(slots);
                BitSet plain = new BitSet();
                List<AnnotatedSlot> labels = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    if (random.nextInt(5) == 0) {
                        labels.add(new AnnotatedSlot(trace.get(random.nextInt(size)), AnnotatedSlot.Kind.DATA, "label " + t + "/" + i, null, null, null,
                                Confidence.LOW, Links.NONE));
                    } else if (byAddress.firstAt(i)) {
                        plain.set(i);
                    }
                }
                order.trace(slots, byAddress, plain, labels);
                for (int i = plain.nextSetBit(0); i >= 0; i = plain.nextSetBit(i + 1)) {
                    expected.add(List.of(t, i));
                    addresses.add(trace.get(i).address());
                }
                for (AnnotatedSlot label : labels) {
                    expected.add(label);
                    addresses.add(label.slot().address());
                }
            }
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                positions.add(i);
            }
            positions.sort(Comparator.comparingLong(addresses::get)); // stable
            int[] refs = order.refs();
            WordOrder.Words words = order.words();
            assertEquals(expected.size(), refs.length);
            for (int k = 0; k < refs.length; k++) {
                Object want = expected.get(positions.get(k));
                Object got = refs[k] < 0 ? words.labels.get(-1 - refs[k]) : words.word(refs[k]);
                if (want instanceof List<?> at) {
                    want = given.get((Integer) at.get(0)).get((Integer) at.get(1));
                }
                assertEquals(want, got, "round " + round + ", word " + k);
            }
        }
    }
}
