package org.crashscope.transcript.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A walk's levels held as arrays give back the levels they were given, in any order: on lines one after the other or
 * not, with the flags' text crash printed beside a level (s390x) or without, zero-padded addresses or not, names of
 * any architecture; one level, or more than the arrays hold, stay records.
 */
class WalkLevelsTest {

    private static final String[][] NAMES = {{"PGD", "PUD", "PMD", "PTE"}, {"PGD", "P4D", "PUD", "PMD", "PTE"}, {"RFTE", "RSTE", "RTTE", "STE", "PTE"},
            {"PGD", "PMD"}};

    @Test
    void levelsComeBackAsGiven() {
        Random random = new Random(13);
        for (int round = 0; round < 2_000; round++) {
            int size = round % 100 == 0 ? WalkLevels.MOST + 1 + random.nextInt(3) : random.nextInt(7);
            String[] names = NAMES[random.nextInt(NAMES.length)];
            boolean gaps = random.nextBoolean(); // (a flags line under a level, as s390x prints it)
            boolean flags = random.nextInt(4) == 0;
            boolean padded = random.nextBoolean();
            List<WalkLevel> given = new ArrayList<>();
            int line = 5 + random.nextInt(1000);
            for (int i = 0; i < size; i++) {
                given.add(new WalkLevel(line, names[i % names.length], random.nextLong(), random.nextInt(5) == 0 ? 0 : random.nextLong(),
                        flags && random.nextBoolean() ? "flags = " + random.nextInt(4096) : null, padded && random.nextBoolean()));
                line += gaps && random.nextBoolean() ? 2 : 1;
            }
            List<WalkLevel> levels = WalkLevels.of(given);
            assertEquals(size >= 2 && size <= WalkLevels.MOST, levels instanceof WalkLevels, "size " + size);
            assertEquals(given, levels, "round " + round);
            assertEquals(given.hashCode(), levels.hashCode());
            for (int i = size - 1; i >= 0; i--) {
                assertEquals(given.get(i), levels.get(i));
            }
            assertThrows(IndexOutOfBoundsException.class, () -> levels.get(size));
            assertThrows(UnsupportedOperationException.class, () -> levels.add(null));
        }
    }
}
