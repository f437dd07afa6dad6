package org.crashscope.transcript.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@code kmem -p} rows held as columns give back the rows they were given, whether their pages step evenly or not, with every field absent or odd. */
class PageRowColumnsTest {

    @Test
    void rowsComeBackAsGiven() {
        Random random = new Random(5);
        List<List<String>> names = List.of(List.of(), List.of("uptodate", "lru"), List.of("hwpoison"), List.of("reserved"));
        for (int size : new int[] {0, 1, 2, 3, 30_000}) {
            List<PageRow> given = new ArrayList<>();
            PageRowColumns.Builder builder = new PageRowColumns.Builder();
            long page = 0xffffea0004000000L;
            long physical = 0x100000000L;
            int line = 4;
            for (int i = 0; i < size; i++) {
                boolean gap = random.nextInt(100) == 0;
                line += gap ? 3 : 1;
                page += gap ? 0x4000 : 0x40;
                physical += gap ? 0x100000 : 0x1000;
                Long mapping = random.nextInt(3) == 0 ? null : random.nextInt(500) == 0 ? Long.MIN_VALUE : 0xffff888100001000L + random.nextInt(4) * 0x100;
                Long index = switch (random.nextInt(10)) {
                    case 0 -> null;
                    case 1 -> Long.MIN_VALUE;
                    default -> random.nextLong();
                };
                Integer count = random.nextInt(10) == 0 ? null : random.nextInt(4) == 0 ? 100_000 + i : random.nextInt(3);
                Long flags = random.nextInt(8) == 0 ? null : 0x17ffffc0000000L | random.nextInt(4);
                PageRow row = new PageRow(line, page, physical, mapping, index, count, flags, names.get(random.nextInt(names.size())));
                given.add(row);
                builder.add(row);
            }
            PageRowColumns rows = builder.build();
            assertEquals(given, rows, "size " + size);
            assertThrows(IndexOutOfBoundsException.class, () -> rows.get(size));
            assertThrows(UnsupportedOperationException.class, () -> rows.add(null));
        }
    }
}
