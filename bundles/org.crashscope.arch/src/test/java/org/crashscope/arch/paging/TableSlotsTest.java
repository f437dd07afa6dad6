package org.crashscope.arch.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.TranscriptParser;
import org.junit.jupiter.api.Test;

/**
 * The slots of tables read from their dump when asked for are the dump's words of each page in the
 * order dumped, with their lines: a dump of many pages in one run, a page dumped again further on, a
 * row that is shorter than the others, a row with a symbol.
 */
class TableSlotsTest {

    private record Word(int line, long address, long value) {
    }

    @Test
    void everyTableHoldsItsPagesWordsInTheOrderDumped() {
        StringBuilder text = new StringBuilder();
        List<String> lines = new ArrayList<>(List.of("crash> rd -64 2d49ef2000 1200"));
        long base = 0x2d49ef2000L;
        long page = 0x80000000000008e7L;
        for (int r = 0; r < 3 * 256; r++) { // three pages of 2 MiB leaves, the middle one out of order once
            long a = base + 16L * r;
            long v = page + (2L << 20) * 2 * r;
            long w = r == 300 ? 0x80000007000008e7L : page + (2L << 20) * (2 * r + 1);
            lines.add(String.format("%x:  %016x %016x   ................", a, v, w));
        }
        lines.add(String.format("%x:  %016x                    ........", base + 16L * 768, page)); // a short last row
        lines.add("crash> rd -s -64 2d49ef2000 4");
        lines.add(String.format("%x:  %016x %016x   ................", base, page, page + (2L << 20)));
        lines.add(String.format("%x:  %016x jiffies", base + 16, page + (4L << 20)));
        lines.forEach(l -> text.append(l).append('\n'));

        Map<Long, List<Word>> expected = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] words = lines.get(i).split("\\s+");
            if (words[0].endsWith(":")) {
                long a = Long.parseUnsignedLong(words[0].substring(0, words[0].length() - 1), 16);
                for (int c = 1; c <= 2 && c < words.length; c++) {
                    if (words[c].length() == 16 && !words[c].contains(".")) {
                        long at = a + 8L * (c - 1);
                        expected.computeIfAbsent(at & ~0xfffL, k -> new ArrayList<>()).add(new Word(i + 1, at, Long.parseUnsignedLong(words[c], 16)));
                    }
                }
            }
        }
        List<PageTable> tables;
        try (Transcript t = Transcript.of("tables.txt", text.toString().getBytes(StandardCharsets.UTF_8))) {
            tables = PagingAnalysis.of(TranscriptParser.parse(t)).tables();
        }
        // the first dump's three pages and the second dump's one
        assertEquals(4, tables.size());
        List<Word> secondDump = new ArrayList<>();
        for (PageTable table : tables) {
            List<Word> found = table.slots().stream().map(s -> new Word(s.line(), s.address(), s.entry().value())).toList();
            List<Word> ofPage = expected.get(table.base()).stream().filter(w -> w.line() < lines.size() - 2 == (table.dump().rows().size() > 4)).toList();
            assertEquals(ofPage.size(), found.size(), "the table at 0x" + Long.toHexString(table.base()));
            for (int i = 0; i < found.size(); i++) {
                assertEquals(ofPage.get(i), found.get(i), "slot " + i + " of the table at 0x" + Long.toHexString(table.base()));
            }
            for (TableSlot s : table.slots()) {
                assertEquals((int) ((s.address() & 0xfff) >>> 3), s.index());
                assertEquals("PMD", s.entry().level());
            }
            if (table.dump().rows().size() <= 4) {
                secondDump.addAll(found);
            }
            assertThrows(IndexOutOfBoundsException.class, () -> table.slots().get(table.slots().size()));
        }
        assertEquals(3, secondDump.size(), "the symbol is no entry");
        assertEquals(1, tables.get(1).anomalies().size(), "the word out of order in the middle page");
        assertEquals(0x80000007000008e7L, tables.get(1).anomalies().get(0).slot().entry().value());
    }

    @Test
    void aPageDumpedAgainInOneDumpOfFullRowsKeepsEveryWordInOrder() {
        List<String> lines = new ArrayList<>(List.of("crash> rd -64 2d49ef2000 520"));
        long base = 0x2d49ef2000L;
        long page = 0x80000000000008e7L;
        List<Word> first = new ArrayList<>();
        for (int r = 0; r < 512 + 4; r++) { // two pages, then the first page's first four rows again: every row full
            long a = r < 512 ? base + 16L * r : base + 16L * (r - 512);
            long slot = (a - base) / 8 % 512;
            long v = page + (2L << 20) * slot;
            lines.add(String.format("%x:  %016x %016x   ................", a, v, v + (2L << 20)));
            if (a < base + 0x1000) {
                first.add(new Word(lines.size(), a, v));
                first.add(new Word(lines.size(), a + 8, v + (2L << 20)));
            }
        }
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append('\n'));
        List<PageTable> tables;
        try (Transcript t = Transcript.of("again.txt", text.toString().getBytes(StandardCharsets.UTF_8))) {
            tables = PagingAnalysis.of(TranscriptParser.parse(t)).tables();
        }
        PageTable again = tables.stream().filter(x -> x.base() == base).findFirst().orElseThrow();
        List<Word> found = again.slots().stream().map(s -> new Word(s.line(), s.address(), s.entry().value())).toList();
        assertEquals(first.size(), found.size());
        for (int i = 0; i < found.size(); i++) {
            assertEquals(first.get(i), found.get(i), "slot " + i + " of the page dumped twice");
        }
    }
}
