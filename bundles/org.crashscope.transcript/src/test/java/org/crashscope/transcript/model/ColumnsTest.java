package org.crashscope.transcript.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A column of numbers held as differences gives back every number: differences at the edges of a byte (-128 is
 * the marker of a number held whole, -127 and 127 fit, 128 does not), the longest jumps, a run of jumps only, and
 * across the marks and the chunks.
 */
class ColumnsTest {

    @Test
    void differencesGiveBackEveryNumber() {
        Random random = new Random(17);
        List<Long> given = new ArrayList<>();
        long value = 0;
        long[] steps = {-128, -127, 127, 128, -129, 0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE};
        for (int i = 0; i < 50_000; i++) {
            if (i < 2_000) {
                value += steps[i % steps.length]; // the edges, again and again, in every place between two marks
            } else if (i < 3_000) {
                value = random.nextLong(); // jumps only
            } else {
                value += random.nextInt(300) - 150;
            }
            given.add(value);
        }
        Columns.Deltas deltas = new Columns.Deltas();
        given.forEach(deltas::add);
        for (int i = 0; i < given.size(); i++) {
            assertEquals(given.get(i), deltas.get(i), "number " + i);
        }
    }

    @Test
    void missingNumbersAndTheMarkerComeBack() {
        Columns.Nullable numbers = new Columns.Nullable();
        List<Long> given = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            given.add(i % 7 == 0 ? null : i % 101 == 0 ? Long.MIN_VALUE : (long) i * 0x1000);
        }
        given.forEach(numbers::add);
        for (int i = 0; i < given.size(); i++) {
            assertEquals(given.get(i), numbers.get(i), "number " + i);
        }
    }

    @Test
    void numbersHeldAsIntsComeBackBeforeAndAfterOneDoesNotFit() {
        for (int wideAt : new int[] {0, 1, 8_191, 8_192, 30_000, -1}) {
            Columns.Nullable numbers = new Columns.Nullable();
            List<Long> given = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                long edge = switch (i % 5) {
                    case 0 -> Integer.MAX_VALUE;
                    case 1 -> Integer.MIN_VALUE + 1L;
                    case 2 -> -1;
                    default -> i;
                };
                // Integer.MIN_VALUE is the ints' marker of a missing number, so it is held as a long
                given.add(i == wideAt ? Long.valueOf(i % 2 == 0 ? Integer.MIN_VALUE : 1L << 40) : i % 7 == 0 ? null : Long.valueOf(edge));
            }
            given.forEach(numbers::add);
            for (int i = 0; i < given.size(); i++) {
                assertEquals(given.get(i), numbers.get(i), "number " + i + " with the first wide one at " + wideAt);
            }
        }
    }

    @Test
    void valuesOfFewKindsComeBackAsCodesAndPastTheTable() {
        for (int kinds : new int[] {1, 255, 256, 257, 1_000}) {
            Columns.Codes<Long> codes = new Columns.Codes<>();
            List<Long> given = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                given.add(i % 11 == 0 ? null : Long.valueOf((long) (i * 7 % kinds) << 20));
            }
            given.forEach(codes::add);
            for (int i = 0; i < given.size(); i++) {
                assertEquals(given.get(i), codes.get(i), "value " + i + " of " + kinds + " kinds");
            }
        }
    }

    @Test
    void numbersInEvenStepsAndOthersComeBackAcrossPages() {
        Random random = new Random(29);
        List<Long> given = new ArrayList<>();
        long value = 0x80000000000008e7L;
        for (int i = 0; i < 20_000; i++) {
            int part = i / 1_000 % 4;
            // 2 MiB apart (a PMD table of huge pages), zeros, a page broken by its last number, numbers that jump
            value = part == 0 ? value + 0x200000 : part == 1 ? 0 : part == 2 ? (i % 64 == 63 ? value + 1 : value + 0x1000) : random.nextLong();
            given.add(value);
        }
        for (int size : new int[] {0, 1, 63, 64, 65, 8_192 * 64 / 1_000, given.size()}) {
            Columns.Progressions numbers = new Columns.Progressions();
            given.subList(0, size).forEach(numbers::add);
            for (int i = 0; i < size; i++) {
                assertEquals(given.get(i), numbers.get(i), "number " + i + " of " + size);
            }
        }
    }
}
