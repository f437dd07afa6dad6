package org.crashscope.transcript.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.crashscope.transcript.Segment;
import org.crashscope.transcript.model.RawBlock;
import org.junit.jupiter.api.Test;

/** The one table of crash commands Crashscope reads: every block and headless segment is dispatched through it. */
class CommandParsersTest {

    @Test
    void everyWordNamesOneCommandAndTheLogIsNoRow() {
        for (CommandParsers.Command c : CommandParsers.COMMANDS) {
            for (String word : c.words()) {
                assertSame(c, CommandParsers.forKind(word), word);
            }
        }
        assertSame(CommandParsers.forKind("foreach"), CommandParsers.forKind("for"));
        assertNull(CommandParsers.forKind("irq"), "a command without a row stays a raw block");
        assertTrue(CommandParsers.isLog("log") && CommandParsers.isLog("dmesg"));
        assertNull(CommandParsers.forKind("log"));
    }

    @Test
    void headlessBacktracesAndDumpsAreReadAsBtAndRdOutput() {
        assertEquals("bt", CommandParsers.forSegment(Segment.Kind.BACKTRACE).word());
        assertEquals("rd", CommandParsers.forSegment(Segment.Kind.MEMORY_DUMP).word());
        assertNull(CommandParsers.forSegment(Segment.Kind.LOG), "the log is read through its markers");
        assertNull(CommandParsers.forSegment(Segment.Kind.SESSION), "crash's banner is no command's output");
    }

    @Test
    void aBlockIsParsedByItsCommandsRowAndAnUnknownCommandStaysRaw() {
        ParsedTranscript parsed = Parse.text("""
                crash> rd -64 ffff88813fc00000 2
                ffff88813fc00000:  0000000000000001 0000000000000002   ................
                crash> for UN bt
                PID: 1      TASK: ffff888100a10000  CPU: 0    COMMAND: "systemd"
                 #0 [ffffc90000013e30] __schedule at ffffffff81c3a1b2
                crash> irq -s
                           CPU0
                  0:         42   IO-APIC   2-edge      timer
                """);
        assertEquals(1, parsed.memoryDumps().size());
        assertEquals(2, parsed.memoryDumps().get(0).values().size());
        assertEquals(1, parsed.backtraces().size(), "'for' is foreach's row");
        assertEquals("__schedule", parsed.backtraces().get(0).frames().get(0).function());
        List<RawBlock> raw = parsed.records().stream().filter(RawBlock.class::isInstance).map(RawBlock.class::cast).toList();
        assertEquals(1, raw.size(), raw.toString());
        assertEquals("irq", raw.get(0).kind());
        assertFalse(raw.get(0).diagnostics().stream().anyMatch(d -> d.message().startsWith(TranscriptParser.PARSER_FAILED)));
        assertNotNull(CommandParsers.forKind("rd"));
    }
}
