package org.crashscope.transcript.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.crashscope.transcript.Transcript;
import org.junit.jupiter.api.Test;

class BoundedParseTest {

    private static final String VTOP = """
            crash> vtop 7f1148cdf000
            VIRTUAL     PHYSICAL
            7f1148cdf000  f88cdf000

               PGD: 2d480567f0 => 2d49ef2067
               PUD: 2d49ef2228 => 8000000f80000887
              PAGE: f80000000  (1GB)

            """;

    @Test
    void aBoundedParseReadsTheBlocksThatFitItsBudgetAndSaysWhereItStopped() {
        StringBuilder text = new StringBuilder(VTOP);
        int dumpLine = VTOP.split("\n", -1).length;
        text.append("crash> rd -64 ffff888100000000 120000\n");
        for (int i = 0; i < TranscriptParser.BOUNDED_LINES + 10; i++) {
            text.append(String.format("ffff8881%08x:  %016x %016x   ................%n", i * 16, i, i + 1));
        }
        text.append('\n').append(VTOP.replace("7f1148cdf000", "7f1148ce0000"));
        try (Transcript t = Transcript.of("big", text.toString().getBytes(StandardCharsets.US_ASCII))) {
            ParsedTranscript bounded = TranscriptParser.parse(t, TranscriptParser.Depth.BOUNDED);
            assertEquals(2, bounded.walks().size(), "both walks, before and after the dump");
            assertEquals(1, bounded.memoryDumps().size(), "the dump over the budget is read in part");
            int rows = bounded.memoryDumps().get(0).rows().size();
            assertTrue(rows > 10_000 && rows < TranscriptParser.BOUNDED_LINES / 2 + 1, "its first rows, half the budget: " + rows);
            int firstUnread = dumpLine + rows + 1;
            assertTrue(bounded.diagnostics().stream().anyMatch(d -> d.line() == firstUnread && d.message().startsWith("not parsed from here on")
                    && d.message().contains(String.format("lines %,d-%,d of this block were", dumpLine, firstUnread - 1))), bounded.diagnostics().toString());
            assertFalse(bounded.complete());

            ParsedTranscript markers = TranscriptParser.parse(t, TranscriptParser.Depth.LOG_MARKERS);
            assertEquals(0, markers.walks().size(), "a log-marker parse reads no command");
        }
    }

    @Test
    void aBoundedParseOfASmallTranscriptIsComplete() {
        try (Transcript t = Transcript.of("small", VTOP.getBytes(StandardCharsets.US_ASCII))) {
            ParsedTranscript bounded = TranscriptParser.parse(t, TranscriptParser.Depth.BOUNDED);
            assertEquals(1, bounded.walks().size());
            assertTrue(bounded.complete());
        }
    }
}
