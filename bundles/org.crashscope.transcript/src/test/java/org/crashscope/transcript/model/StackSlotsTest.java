package org.crashscope.transcript.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A trace's stack words held as columns give back the words they were given, word by word and in any
 * order: values, symbols (a name and a decimal offset, held apart, and every other shape held as printed), slab
 * tags and both of a kind no bt prints; lines, addresses and frames that
 * step a little, jump far (another stack pasted after) or go back; words of 4 and 8 bytes.
 */
class StackSlotsTest {

    @Test
    void wordsComeBackAsGivenWhateverTheirShape() {
        Random random = new Random(5);
        for (int size : new int[] {1, 31, 32, 33, StackSlots.SMALLEST - 1, StackSlots.SMALLEST, StackSlots.SMALLEST + 1, 100_000}) {
            List<StackSlot> given = new ArrayList<>();
            StackSlots.Builder builder = new StackSlots.Builder();
            int line = 8;
            long address = 0xffffc90000a3f000L;
            int frame = -1;
            for (int i = 0; i < size; i++) {
                line += random.nextInt(2) + (random.nextInt(40) == 0 ? 300 : 0);
                address += random.nextInt(60) == 0 ? -random.nextLong(1L << 40) : random.nextInt(20) == 0 ? 24 : 8;
                frame += random.nextInt(10) == 0 ? 1 : 0;
                int width = random.nextInt(500) == 0 ? 4 : 8;
                StackSlot slot = switch (random.nextInt(8)) {
                    case 0 -> new StackSlot(line, address, null, symbol(random), null, random.nextInt(30) == 0 ? "filp" : null, frame, width);
                    case 1 -> new StackSlot(line, address, null, null, 0xffff888104cbdc00L + i, "kmalloc-192", frame, width);
                    case 2 -> new StackSlot(line, address, random.nextLong(), "ep_poll+213", null, null, frame, width); // bt -t
                    case 3 -> new StackSlot(line, address, random.nextLong(), "x", random.nextLong(), "filp", frame, width); // no bt prints this
                    case 4 -> new StackSlot(line, address, null, null, null, null, frame, width);
                    default -> new StackSlot(line, address, random.nextInt(3) == 0 ? 0L : random.nextLong(), null, null, null, frame, width);
                };
                given.add(slot);
                builder.add(slot);
            }
            List<StackSlot> slots = builder.build();
            assertEquals(size >= StackSlots.SMALLEST, slots instanceof StackSlots, "size " + size);
            assertEquals(given, slots, "size " + size);
            for (int n = 0; n < 2_000; n++) {
                int i = random.nextInt(size);
                assertEquals(given.get(i), slots.get(i), "word " + i + " read out of order");
                if (slots instanceof StackSlots columns) {
                    assertEquals(given.get(i).address(), columns.address(i));
                }
            }
            assertThrows(IndexOutOfBoundsException.class, () -> slots.get(size));
            assertThrows(UnsupportedOperationException.class, () -> slots.add(given.get(0)));
        }
        assertEquals(List.of(), new StackSlots.Builder().build());
    }

    /** A symbol as bt prints it (a name and a decimal offset, held apart), or of a shape that must be held as printed. */
    private static String symbol(Random random) {
        return switch (random.nextInt(13)) {
            case 0 -> "do_futex+0x" + Integer.toHexString(random.nextInt(500));
            case 1 -> "do_futex+0" + random.nextInt(10);
            case 2 -> "do_futex";
            case 3 -> "+" + random.nextInt(500);
            case 4 -> "do_futex+";
            case 5 -> "a+b+" + random.nextInt(500);
            case 6 -> "do_futex+" + Long.MAX_VALUE + "9";
            case 7 -> "do_futex+\u0661\u0662";
            case 8 -> "do_futex+-5";
            case 9 -> "do_futex+0";
            case 10 -> "do_futex+" + (random.nextLong() >>> 5);
            case 11 -> "f" + random.nextInt(400) + "+" + random.nextInt(50); // (more names than a trace's table of 256 holds)
            default -> "do_futex+" + random.nextInt(500);
        };
    }
}
