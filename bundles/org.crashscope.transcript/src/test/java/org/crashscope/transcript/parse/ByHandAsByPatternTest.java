package org.crashscope.transcript.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.crashscope.transcript.model.PageRow;
import org.junit.jupiter.api.Test;

/**
 * The hot shapes are read by hand where a regular expression per line was used: each hand-read path gives what the
 * pattern gives, on every line of the fixtures and on lines made to sit on the edges (other white space, a trailing
 * backslash, a hex word a register row could start with).
 */
class ByHandAsByPatternTest {

    /** Characters that decide where the patterns split or stop. */
    private static final char[] ALPHABET = {' ', ' ', ' ', '\t', '\r', '\u000b', '\f', '\u001f', '\u2003', '\u00a0', 'a', 'f', 'F', '0', '9', 'x', 'z',
        '_', ',', '-', '[', ']', ':', '+', '.', '\\', '>', '#'};

    private static final String[] HEX_PAGE = {"ffffea0004000000", "ffffea00", "fffea000", "ffffea000400000012"};
    private static final String[] HEX = {"100000000", "0", "ffff888105a96429", "aee7b", "17ffffc0000400", "9abc", "added", "12345678901234567"};
    private static final String[] COUNTS = {"1", "-1", "3", "1234567890", "-"};
    private static final String[] FLAGS = {"uptodate,lru", "reserved", "head,uptodate,dirty,lru", ",lru", "lru,", "slab\\", "\\", "x-y", "_x", "9abc"};

    private static List<String> fixtureLines() {
        try {
            Path folder = Path.of(ByHandAsByPatternTest.class.getResource("/fixtures").toURI());
            List<String> lines = new ArrayList<>();
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.sorted().toList()) {
                    lines.addAll(Arrays.asList(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).split("\n", -1)));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String noise(Random r, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET[r.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }

    @Test
    void wordsSplitJoinAndTrimAsTheirPatterns() {
        Random r = new Random(30);
        List<String> inputs = new ArrayList<>(fixtureLines());
        for (int i = 0; i < 20_000; i++) {
            inputs.add(noise(r, r.nextInt(24)));
        }
        for (String s : inputs) {
            List<String> split = Arrays.stream(s.strip().split("\\s+")).filter(t -> !t.isEmpty()).toList();
            assertEquals(split, Words.split(s), s);
            assertEquals(s.strip().split("\\s+", 2)[0].length(), Words.firstLength(s), s);
            assertEquals(s.replaceAll(" {2,}", " "), Words.singleSpaces(s), s);
            assertEquals(s.strip().replaceAll("\\s+", " ").length(), Words.collapsedLength(s), s);
            assertEquals(s.replaceFirst("^\\s{1,3}", ""), Words.withoutLeadingSpaces(s, 3), s);
        }
    }

    @Test
    void kmemRowsReadByHandAsByThePattern() {
        Random r = new Random(30);
        List<String> lines = new ArrayList<>(fixtureLines());
        String[] columns = {"ffffea0004000000", "ffffea00", "fffea000", "100000000", "0", "ffff888105a96429", "aee7b", "1", "-1", "3", "1234567890",
            "17ffffc0000400", "uptodate,lru", "reserved", "head,uptodate,dirty,lru", ",lru", "lru,", "slab\\", "\\", "x-y", "added", "_x", "9abc"};
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder(r.nextInt(4) == 0 ? noise(r, 2) : "");
            int n = 4 + r.nextInt(6);
            for (int c = 0; c < n; c++) {
                // mostly the column the row has there (the page, hex columns, the count, flags), sometimes anything
                String[] fit = c == 0 ? HEX_PAGE : c == 4 ? COUNTS : c < 6 ? HEX : FLAGS;
                b.append(r.nextInt(8) > 0 ? fit[r.nextInt(fit.length)] : columns[r.nextInt(columns.length)]);
                b.append(r.nextInt(6) == 0 ? noise(r, 1 + r.nextInt(2)) : " ");
            }
            lines.add(b.toString().stripTrailing() + (r.nextBoolean() ? "" : noise(r, r.nextInt(3))));
        }
        int read = 0;
        for (String line : lines) {
            PageRow byPattern = PageRows.byPattern(line, 7);
            assertEquals(byPattern, PageRows.parse(line, 7), line);
            read += byPattern == null ? 0 : 1;
        }
        assertTrue(read > 500, "rows read: " + read);
    }

    @Test
    void disLinesReadByHandAsByThePattern() {
        Random r = new Random(30);
        List<String> lines = new ArrayList<>(fixtureLines());
        String[] parts = {"0xffffffff81100000", "0x", "0x12345678901234567", " ", "\t", "=> ", ">", "<do_idle+4>", "<>", "<a>b>", ":", ":\t",
            "mov    0x8(%rbx),%rax", "  ", "\r", "\u2028", "\u00a0", "lea 0x0(%rip),%rdi  # 0xffffffff82a1c3c0 <x>"};
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = 2 + r.nextInt(8);
            for (int p = 0; p < n; p++) {
                b.append(r.nextInt(3) > 0 && p < 6 ? parts[new int[] {3, 6, 0, 7, 10, 12}[p]] : parts[r.nextInt(parts.length)]);
            }
            lines.add(b.toString());
        }
        int read = 0;
        for (String line : lines) {
            String[] byPattern = DisParser.byPattern(line);
            String[] byHand = DisParser.instruction(line);
            assertEquals(byPattern == null ? null : List.of(byPattern), byHand == null ? null : List.of(byHand), line);
            read += byPattern == null ? 0 : 1;
        }
        assertTrue(read > 5_000, "instructions read: " + read);
    }

    @Test
    void stackRowsAndSymbolsReadByHandAsByThePattern() {
        Random r = new Random(30);
        List<String> lines = new ArrayList<>(fixtureLines());
        String[] parts = {"    ffffc90000a3f008: ", "ffffc900:", "c0ceded4: ", "abcde: ", "12345678901234567: ", "> ffffea0004000040:\t", ": ", "\u0085",
            "\u2028", "\n", "ret_from_fork+363", "kfree+0x1f/0x30", "f+0x", "f+0x12345678901234567", "f+1234567890123456789", "f/12", "_x.cold+9",
            ".LC101+608", "$x", "deadbeef", "0000000000000000", "[ffff888107c4aec0:kmalloc-64]", "+1", "a+1/2/3", "é"};
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + r.nextInt(4);
            for (int p = 0; p < n; p++) {
                b.append(r.nextInt(4) == 0 ? noise(r, 1 + r.nextInt(3)) : parts[r.nextInt(parts.length)]);
            }
            lines.add(b.toString());
        }
        int rows = 0;
        int symbols = 0;
        for (String line : lines) {
            java.util.regex.Matcher m = BacktraceParser.STACK_ROW.matcher(line);
            BacktraceParser.StackRow row = BacktraceParser.stackRowOf(line);
            assertEquals(m.matches() ? new BacktraceParser.StackRow(m.group(1), m.group(2)) : null, row, line);
            rows += row == null ? 0 : 1;
            for (String token : Words.split(line)) {
                boolean byPattern = Symbols.SYMBOL.matcher(token).matches() && !token.chars().allMatch(c -> Character.digit(c, 16) >= 0);
                assertEquals(byPattern, Symbols.looksLikeSymbol(token), token);
                symbols += byPattern ? 1 : 0;
            }
        }
        assertTrue(rows > 2_000 && symbols > 5_000, "stack rows: " + rows + ", symbols: " + symbols);
    }

    @Test
    void hexWrittenByHandAsByTheLibrary() {
        Random r = new Random(30);
        long[] edges = {0, 1, 0xf, 0x10, 0xff, 0x100, Long.MAX_VALUE, Long.MIN_VALUE, -1, 0xffffffffL, 0x100000000L};
        for (long v : edges) {
            assertEquals("0x" + Long.toHexString(v), Hex.format(v));
        }
        for (int i = 0; i < 100_000; i++) {
            long v = r.nextLong() >>> r.nextInt(64);
            assertEquals("0x" + Long.toHexString(v), Hex.format(v));
        }
    }

    @Test
    void aStackRowReadFirstIsNoOtherFormOfBt() {
        Random r = new Random(30);
        List<String> lines = new ArrayList<>(fixtureLines());
        String[] starts = {"    ffffc90000a3f008: ", "ffffc900: ", "c0ceded4: ", "0000c0ce: ", "abcdef0123: ", "> ffffea0004000040: ", "  1234567890123456:\t"};
        String[] words = {"0000000000000000", "[ffff888107c4aec0:kmalloc-64]", "ret_from_fork+363", "c0153088", "rip: ffffffff81000000",
            "cs: 0010", "ss:", "x.c: 12", "ffff8a9104090304[address]", "#1", "PID: 1"};
        for (int i = 0; i < 20_000; i++) {
            lines.add(starts[r.nextInt(starts.length)] + words[r.nextInt(words.length)] + " " + words[r.nextInt(words.length)] + noise(r, r.nextInt(3)));
        }
        int rows = 0;
        for (String line : lines) {
            if (BacktraceParser.stackRowFirst(line, Words.start(line))) {
                assertFalse(BacktraceParser.readBeforeStackRows(line), line);
                rows++;
            }
        }
        assertTrue(rows > 5_000, "stack rows: " + rows);
    }

    @Test
    void aBtFfBlockGivesTheSameRecordsWhateverPathItsRowsTake() {
        // a row with a 6 to 9 digit hex word starting with a letter goes through every pattern, as before
        String text = """
                PID: 1234     TASK: ffff888104a5c000  CPU: 1    COMMAND: "stress"
                 #0 [ffffc90000a3f000] ret_from_fork+363 at ffffffff81aee7bb
                    ffffc90000a3f008: [ffff888107c4aec0:kmalloc-64] 17610899e74367bd
                    ffffc90000a3f018: ret_from_fork+12 0000000000000000
                 #1 [c0ceded4] schedule at c01190e0
                    c0ceded8: c0153088 [ffff8a52:filp]
                """;
        var traces = BacktraceParser.parse("bt -FF", new BlockText(1, List.of(text.split("\n"))));
        var bt = (org.crashscope.transcript.model.Backtrace) traces.get(0);
        assertEquals(6, bt.slots().size(), bt.slots().toString());
        assertEquals(0x17610899e74367bdL, bt.slots().get(1).value());
        assertEquals("ret_from_fork+12", bt.slots().get(2).symbol());
        assertEquals(0xc0153088L, bt.slots().get(4).value());
        assertEquals("filp", bt.slots().get(5).slabCache());
        assertNotNull(bt.task());
    }

    /** Rows of an rd dump: every width, symbols and slab tags among the words, ASCII columns whole, short or none, and tails. */
    @Test
    void dumpRowsReadByHandAsByThePatterns() {
        Random r = new Random(41);
        String[] words = {"ffffffff81e0c0a0", "0000000000000000", "80000000002008e7", "ffff8881", "00000000", "0000", "ff", "fffffffff", "[ffff888100001000:kmalloc-64]",
            "[task_struct]", "schedule+16", "init_task", "ffffffff81e0c0a0\u00a0", "0x12345678", "G", "ffffffff81e0c0a\u0660"};
        String[] asciis = {"................", "........", "....", "..", ".", "abcdefgh.ijklmno", "  ", ">>> the PMD entry", "\u00e9...", ""};
        int byHand = 0;
        for (String command : new String[] {"rd -64 ffff888100000000 8", "rd -32 ffff888100000000 8", "rd -16 0 8", "rd -8 0 8", "rd -s ffff8881 8",
            "rd ffff888100000000 8"}) {
            for (int block = 0; block < 300; block++) {
                List<String> lines = new ArrayList<>();
                lines.add("crash> " + command);
                for (int row = 0; row < 4; row++) {
                    StringBuilder line = new StringBuilder(r.nextInt(8) == 0 ? noise(r, 2) : r.nextInt(8) == 0 ? " > " : "");
                    line.append(r.nextInt(10) == 0 ? "ffffea000400000012" : r.nextBoolean() ? "ffff888100000010" : "2d49ef2000").append(':');
                    line.append(r.nextInt(6) == 0 ? noise(r, 3) : "  ");
                    int count = r.nextInt(4);
                    for (int w = 0; w < count; w++) {
                        line.append(w == 0 ? "" : r.nextInt(6) == 0 ? "  " : " ").append(words[r.nextInt(words.length)]);
                    }
                    if (r.nextBoolean()) {
                        line.append(r.nextInt(4) == 0 ? noise(r, 4) : "   ").append(asciis[r.nextInt(asciis.length)]);
                    }
                    if (r.nextInt(5) == 0) {
                        line.append(noise(r, 3));
                    }
                    lines.add(line.toString());
                }
                BlockText text = new BlockText(100, lines);
                assertEquals(MemoryDumpParser.parse(command, text, false), MemoryDumpParser.parse(command, text, true), String.join("\n", lines));
                byHand += (int) lines.stream().filter(l -> MemoryDumpParser.printableAscii(l) && MemoryDumpParser.restOfRow(l) >= 0).count();
            }
        }
        assertTrue(byHand > 2_000, "rows read by hand: " + byHand + " of 7,200");
        // and every line of the fixtures as a dump's row
        List<String> fixture = fixtureLines();
        for (int i = 0; i + 8 <= fixture.size(); i += 8) {
            BlockText text = new BlockText(1, fixture.subList(i, i + 8));
            assertEquals(MemoryDumpParser.parse("rd -64 0 16", text, false), MemoryDumpParser.parse("rd -64 0 16", text, true), "fixture lines from " + i);
        }
    }
}
