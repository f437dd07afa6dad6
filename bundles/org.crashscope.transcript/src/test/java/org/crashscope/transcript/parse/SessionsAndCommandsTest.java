package org.crashscope.transcript.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.ExceptionFrame;
import org.crashscope.transcript.model.MemoryDump;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.SysInfo;
import org.junit.jupiter.api.Test;

/** The session banner, crash's own voice, foreach and the bt and log variants. */
class SessionsAndCommandsTest {

    @Test
    void theStartUpBannerIsTheSessionHeaderNotABacktrace() {
        ParsedTranscript p = Parse.fixture("session-banner-and-crash-voice.txt");
        SysInfo banner = p.sysInfos().get(0);
        assertEquals(SysInfo.Kind.BANNER, banner.kind());
        assertEquals("\"Kernel panic - not syncing: hung_task: blocked tasks\"", banner.get("PANIC"));
        assertEquals("41", banner.get("PID"));
        assertEquals("x86_64  (2893 Mhz)", banner.get("MACHINE"));
        assertEquals("2", banner.get("CPU"));
        assertEquals(22, banner.lineOf("PANIC"));
        assertTrue(p.backtraces().stream().noneMatch(b -> b.span().contains(22)), "the banner's PID/TASK/CPU rows are no backtrace");
        SysInfo set = p.sysInfos().get(1);
        assertEquals(SysInfo.Kind.SET, set.kind());
        assertEquals("\"systemd\"", set.get("COMMAND"));
    }

    @Test
    void crashsOwnWarningsAndErrorsAreItsDiagnosticsNeverAnOops() {
        ParsedTranscript p = Parse.fixture("session-banner-and-crash-voice.txt");
        assertTrue(p.oopses().isEmpty(), "WARNING: active task ... not found in PID hash is crash's, not the kernel's: " + p.oopses());
        List<Diagnostic> crash = p.diagnostics().stream().filter(Diagnostic::fromCrash).toList();
        assertTrue(crash.stream().anyMatch(d -> d.line() == 8 && d.message().contains("active task ffff9a1c80231840")), crash.toString());
        assertTrue(crash.stream().anyMatch(d -> d.message().equals("vm: invalid structure member offset: mm_struct_mmap")), crash.toString());
        assertTrue(crash.stream().anyMatch(d -> d.message().contains("FILE: memory.c  LINE: 4007")), crash.toString());
        assertTrue(crash.stream().anyMatch(d -> d.message().contains("error trace")), crash.toString());
        Diagnostic died = crash.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).findFirst().orElseThrow();
        assertTrue(died.message().startsWith("crash itself died here (Segmentation fault)"), died.message());
    }

    @Test
    void anExceptionFrameCrashCallsBogusIsKeptButMarked() {
        ParsedTranscript p = Parse.fixture("session-banner-and-crash-voice.txt");
        Backtrace bt = p.backtraces().stream().filter(b -> b.task() != null && b.task().pid() == 2898).findFirst().orElseThrow();
        ExceptionFrame bogus = bt.frames().stream().map(f -> f.exception()).filter(e -> e != null).findFirst().orElseThrow();
        assertTrue(bogus.bogus());
        assertNull(bt.firstException(), "a bogus frame is never the fault's");
        assertTrue(bt.diagnostics().stream().anyMatch(d -> d.fromCrash() && d.message().contains("possibly bogus")));
    }

    @Test
    void foreachBtGivesOneBacktracePerTaskNamedByItsCommand() {
        ParsedTranscript p = Parse.fixture("foreach-and-bt-variants.txt");
        List<Backtrace> foreach = p.backtraces().stream().filter(b -> b.command().startsWith("foreach UN bt")).toList();
        assertEquals(2, foreach.size());
        assertEquals(2222, foreach.get(0).task().pid());
        assertEquals(4, foreach.get(0).frames().size());
        assertEquals(2, p.backtraces().stream().filter(b -> b.command().equals("for touch bt -s")).findFirst().orElseThrow().frames().size());
        assertEquals(0x2cd, p.backtraces().stream().filter(b -> b.command().equals("for touch bt -s")).findFirst().orElseThrow().frames().get(0).offset());
        assertTrue(p.backtraces().stream().noneMatch(b -> b.command().contains("ps -m")), "foreach ps is not a backtrace");
    }

    @Test
    void btTextSymbolsExceptionFramesViaAndUnreliable() {
        ParsedTranscript p = Parse.fixture("foreach-and-bt-variants.txt");
        Backtrace t = byPid(p, 1357);
        assertEquals(3, t.slots().size());
        assertEquals("dput", t.slots().get(0).symbol());
        assertEquals(0xc0157dbcL, t.slots().get(0).value());
        assertEquals(4, t.slots().get(0).width());

        Backtrace e = byPid(p, 286);
        List<ExceptionFrame> frames = e.frames().stream().map(f -> f.exception()).filter(x -> x != null).toList();
        assertEquals(2, frames.size(), "bt -e: a kernel-mode and a user-mode frame");
        assertFalse(frames.get(0).userMode());
        assertTrue(frames.get(1).userMode());
        assertEquals(0xc012f803L, frames.get(0).registers().get("eip"));

        Backtrace via = byPid(p, 1018);
        assertEquals("stext_lock", via.frames().get(2).function());
        assertEquals(0xc025fa55L, via.frames().get(2).address());

        Backtrace ppc = byPid(p, 17524);
        assertTrue(ppc.frames().get(1).unreliable(), "(unreliable) after the frame");
        assertFalse(ppc.frames().get(0).unreliable());
        assertTrue(ppc.annotations().stream().noneMatch(a -> a.text().contains("unreliable")));
    }

    @Test
    void aBtBlockWithNoTaskFrameOrWordIsNoBacktrace() {
        ParsedTranscript p = Parse.fixture("foreach-and-bt-variants.txt");
        assertTrue(p.backtraces().stream().noneMatch(b -> b.command().startsWith("bt -D")), "bt -D dump prints no backtrace");
    }

    @Test
    void rdSlabTagsAreValues() {
        MemoryDump rd = Parse.fixture("foreach-and-bt-variants.txt").memoryDumps().get(0);
        assertEquals(4, rd.width());
        MemoryDump.Value filp = rd.values().get(1);
        assertEquals(0xf6e31f74L, filp.address());
        assertEquals(0xf779c180L, filp.slabObject());
        assertEquals("filp", filp.slabCache());
        assertEquals("kmsg_read", rd.values().get(2).symbol());
    }

    @Test
    void humanTimestampsAndCallerIdsAreLogLines() {
        ParsedTranscript p = Parse.fixture("log-human-and-caller-id.txt");
        List<Oops> oopses = p.oopses();
        assertTrue(oopses.stream().anyMatch(o -> o.message().startsWith("INFO: task touch:2222 blocked for more than 122 seconds")), oopses.toString());
        Oops hung = oopses.get(0);
        assertEquals(123.0, oopses.get(1).timestamp() - hung.timestamp(), "log -T dates keep their differences");
        assertTrue(oopses.stream().anyMatch(o -> o.message().startsWith("WARNING: CPU: 1 PID: 212 at drivers/foo/bar.c:42")), oopses.toString());
    }

    private static Backtrace byPid(ParsedTranscript p, long pid) {
        return p.backtraces().stream().filter(b -> b.task() != null && b.task().pid() == pid).findFirst().orElseThrow();
    }
}
