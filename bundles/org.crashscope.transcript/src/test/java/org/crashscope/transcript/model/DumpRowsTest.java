package org.crashscope.transcript.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A dump's rows held as columns give back, row by row, the records they were given: whether their
 * lines and addresses step evenly or not, their ASCII column is the one the words make or another
 * (a big-endian machine's, an analyst's edit) or none, their values are numbers or symbols and slab
 * tags; across the chunks the words are held in.
 */
class DumpRowsTest {

    @Test
    void rowsComeBackAsGivenWhateverTheirShape() {
        Random random = new Random(7);
        for (int width : new int[] {1, 2, 4, 8}) {
            List<MemoryDump.Row> given = new ArrayList<>();
            DumpRows.Builder builder = new DumpRows.Builder(width);
            int line = 10;
            long address = 0xffff888100000000L;
            for (int r = 0; r < 40_000; r++) {
                line += random.nextInt(50) == 0 ? 2 : 1; // now and then a line that is no row
                address += random.nextInt(60) == 0 ? 0x1000 : 16;
                int count = random.nextInt(70) == 0 ? 1 + random.nextInt(16 / width) : 16 / width;
                List<MemoryDump.Value> values = new ArrayList<>();
                StringBuilder ascii = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    long at = address + (long) i * width;
                    int kind = random.nextInt(200);
                    if (kind == 0) {
                        values.add(new MemoryDump.Value(at, null, "do_idle+0x" + i));
                    } else if (kind == 1) {
                        values.add(new MemoryDump.Value(at, null, null, 0xffff888104cbdc00L, "kmalloc-192"));
                    } else {
                        long word = random.nextInt(3) == 0 ? 0x2020414243444546L : random.nextLong();
                        values.add(new MemoryDump.Value(at, width == 8 ? word : word & ((1L << (8 * width)) - 1), null));
                        for (int b = 0; b < width; b++) {
                            int c = (int) (values.get(i).value() >>> (8 * b)) & 0xff;
                            ascii.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
                        }
                    }
                }
                String column = switch (random.nextInt(100)) {
                    case 0 -> null;
                    case 1 -> ascii.reverse().toString() + "x"; // not what the words make
                    default -> ascii.toString();
                };
                given.add(new MemoryDump.Row(line, address, List.copyOf(values), column));
                builder.add(line, address, values, column);
            }
            DumpRows rows = builder.build();
            assertEquals(given, rows, "width " + width);
            assertEquals(given.size(), rows.size());
            for (int r = 0; r < rows.size(); r++) {
                List<MemoryDump.Value> values = given.get(r).values();
                assertEquals(values.size(), rows.count(r));
                assertEquals(values, rows.values(r));
                assertEquals(values.stream().anyMatch(v -> v.value() == null), rows.tagged(r), "a row with a symbol or a slab tag");
                for (int c = 0; c < values.size(); c++) {
                    assertEquals(values.get(c).value() != null, rows.isNumber(r, c));
                    if (rows.isNumber(r, c)) {
                        assertEquals(values.get(c).value(), rows.word(r, c));
                    }
                    assertEquals(values.get(c).address(), rows.address(r, c));
                }
            }
        }
    }

    @Test
    void evenRowsAreOneSequenceOfWords() {
        DumpRows.Builder builder = new DumpRows.Builder(8);
        for (int r = 0; r < 20_000; r++) {
            long address = 0x2d49ef2000L + 16L * r;
            builder.add(100 + r, address, List.of(new MemoryDump.Value(address, 0x80000000000008e7L + r, null),
                    new MemoryDump.Value(address + 8, 0x80000000002008e7L + r, null)), "................");
        }
        DumpRows rows = builder.build();
        assertEquals(2, rows.fixedCount());
        assertEquals(0x80000000002008e7L + 19_999, rows.word(19_999, 1));
        assertEquals(100 + 12_345, rows.line(12_345));
        assertEquals(new MemoryDump.Row(101, 0x2d49ef2010L, List.of(new MemoryDump.Value(0x2d49ef2010L, 0x80000000000008e8L, null),
                new MemoryDump.Value(0x2d49ef2018L, 0x80000000002008e8L, null)), "................"), rows.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> rows.get(20_000));
        assertThrows(IndexOutOfBoundsException.class, () -> rows.word(0, 2));
        assertThrows(UnsupportedOperationException.class, () -> rows.remove(0));
    }

    @Test
    void aRowWithASymbolBreaksTheSequence() {
        DumpRows rows = new DumpRows.Builder(8).add(1, 0x1000, List.of(new MemoryDump.Value(0x1000, 5L, null), new MemoryDump.Value(0x1008, null, "jiffies")), null)
                .add(2, 0x1010, List.of(new MemoryDump.Value(0x1010, 6L, null), new MemoryDump.Value(0x1018, 7L, null)), null).build();
        assertEquals(-1, rows.fixedCount());
        assertTrue(rows.isNumber(0, 0));
        assertFalse(rows.isNumber(0, 1));
        assertEquals(5L, rows.word(0, 0));
        assertEquals(7L, rows.word(1, 1));
        assertEquals("jiffies", rows.get(0).values().get(1).symbol());
    }

    @Test
    void aValueOutOfItsColumnIsRefused() {
        DumpRows.Builder builder = new DumpRows.Builder(8);
        assertThrows(IllegalArgumentException.class, () -> builder.add(1, 0x1000, List.of(new MemoryDump.Value(0x1010, 5L, null)), null));
    }
}
