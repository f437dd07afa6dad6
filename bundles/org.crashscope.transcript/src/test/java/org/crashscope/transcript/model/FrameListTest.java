package org.crashscope.transcript.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A backtrace's frames held as arrays give back the frames they were given, in any order: with and without an
 * address, a module, a source line, one exception frame or several, unreliable ones and pseudo frames (index -1),
 * stack addresses near each other or far apart (a frame without one); a few frames stay records.
 */
class FrameListTest {

    @Test
    void framesComeBackAsGiven() {
        Random random = new Random(9);
        ExceptionFrame exception = new ExceptionFrame(new Span(40, 46), null, null, new Registers(Map.of("rip", 0xffffffff81000000L)), false, false);
        for (int size : new int[] {0, 1, 3, 4, 5, 40, 40, 40, 40, 5_000, 5_000, 5_000}) {
            List<Frame> given = new ArrayList<>();
            boolean modules = random.nextBoolean();
            boolean gaps = random.nextBoolean(); // (lines one after the other, as foreach bt prints frames, or words between them)
            boolean pseudo = random.nextBoolean(); // (an index -1 now and then, or #0, #1 ... all through)
            boolean far = random.nextBoolean(); // (an offset too big for an int now and then)
            boolean stackless = random.nextBoolean(); // (a frame without a stack address now and then: 0, far from the others)
            int lone = random.nextBoolean() && size > 0 ? random.nextInt(size) : -1; // (one exception frame, or any number)
            int line = 10;
            for (int i = 0; i < size; i++) {
                line += gaps ? 1 + random.nextInt(5) : 1;
                given.add(new Frame(line, pseudo && random.nextInt(30) == 0 ? -1 : i, stackless && random.nextInt(20) == 0 ? 0 : 0xffffc90000a3f000L + 56L * i,
                        random.nextInt(8) == 0, "do_futex" + random.nextInt(5), far && random.nextInt(40) == 0 ? 1L << 33 : random.nextInt(500),
                        random.nextInt(10) == 0 ? null : random.nextLong(),
                        modules && random.nextInt(4) == 0 ? "xfs" : null, random.nextInt(50) == 0 ? "fs/xfs/xfs_log.c:1234" : null,
                        lone >= 0 ? i == lone ? exception : null : random.nextInt(25) == 0 ? exception : null));
            }
            List<Frame> frames = FrameList.of(given);
            assertEquals(size >= FrameList.SMALLEST, frames instanceof FrameList, "size " + size);
            assertEquals(given, frames);
            for (int n = 0; n < 200 && size > 0; n++) {
                int i = random.nextInt(size);
                assertEquals(given.get(i), frames.get(i));
            }
            assertThrows(UnsupportedOperationException.class, () -> frames.add(null));
            assertThrows(IndexOutOfBoundsException.class, () -> frames.get(size));
        }
        List<Frame> zeroOrNone = new ArrayList<>(); // an address of 0 is one, a missing one is none
        for (int i = 0; i < FrameList.SMALLEST; i++) {
            zeroOrNone.add(new Frame(i + 1, i, 0, false, "f", 0, i % 2 == 0 ? null : 0L, null, null, null));
        }
        List<Frame> held = FrameList.of(zeroOrNone);
        assertTrue(held instanceof FrameList);
        assertEquals(zeroOrNone, held);
        assertEquals(null, held.get(0).address());
        assertEquals(0L, held.get(1).address());
        assertFalse(held.get(1).unreliable());
    }
}
