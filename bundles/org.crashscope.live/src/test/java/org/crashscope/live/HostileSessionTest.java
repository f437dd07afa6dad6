package org.crashscope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.crashscope.fixtures.FakeCrash;
import org.crashscope.transcript.CommandBlock;
import org.crashscope.transcript.SessionIndex;
import org.crashscope.transcript.Transcript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live session in a folder a hostile user can write, with a stand-in for crash ({@link FakeCrash}):
 * links planted at the session's names, a dump named as an option, escapes in crash's output, and
 * a crash that ignores SIGTERM. Nothing is written through a link, nothing is left running.
 */
class HostileSessionTest {

    @TempDir
    Path dir;

    private Path crash;
    private Path vmlinux;

    private LiveSession start(String dumpName) throws Exception {
        crash = FakeCrash.write(Files.createDirectories(dir.resolve("bin")));
        vmlinux = Files.writeString(dir.resolve("bin/vmlinux"), "no banner here");
        Path dumpFile = Files.write(dir.resolve(dumpName), FakeCrash.elfCore("OSRELEASE=6.1.0-57-amd64\n"));
        return LiveSession.start(Dump.of(dumpFile), vmlinux, crash, Duration.ofSeconds(20));
    }

    @Test
    void aDanglingLinkAtTheTranscriptsNameIsNeverFollowed() throws Exception {
        Path elsewhere = dir.resolve("elsewhere.txt");
        Files.createSymbolicLink(dir.resolve("vmcore.crashscope-session.txt"), elsewhere);
        try (LiveSession session = start("vmcore")) {
            session.run("sys");
            assertEquals(dir.resolve("vmcore.crashscope-session.2.txt"), session.transcript());
        }
        assertFalse(Files.exists(elsewhere), "the link's target was never created");
        assertTrue(Files.readString(dir.resolve("vmcore.crashscope-session.2.txt")).contains("crash> sys\noutput of sys\n"));
    }

    @Test
    void aLinkPlantedAtASideFileGivesUpThatNameAndTheVictimIsUntouched() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "the user's file\n");
        Files.createSymbolicLink(dir.resolve("vmcore.crashscope-session.txt.ran"), victim);
        Files.createSymbolicLink(dir.resolve("vmcore.crashscope-session.2.txt.ran"), victim);
        try (LiveSession session = start("vmcore")) {
            session.runOurs("sys");
            session.runOurs("bt");
            assertEquals(dir.resolve("vmcore.crashscope-session.3.txt"), session.transcript());
            assertEquals(2, LiveSession.ranLines(session.transcript()).size());
        }
        assertEquals("the user's file\n", Files.readString(victim));
        assertFalse(Files.exists(dir.resolve("vmcore.crashscope-session.txt")), "a name given up leaves no file");
        assertFalse(Files.exists(dir.resolve("vmcore.crashscope-session.2.txt")));
    }

    @Test
    void aSecondSessionOfTheSameDumpGetsTheNextName() throws Exception {
        try (LiveSession first = start("vmcore");
                LiveSession second = LiveSession.start(first.dump(), vmlinux, crash, Duration.ofSeconds(20))) {
            assertEquals(dir.resolve("vmcore.crashscope-session.txt"), first.transcript());
            assertEquals(dir.resolve("vmcore.crashscope-session.2.txt"), second.transcript());
        }
    }

    @Test
    void aDumpNamedAsAnOptionReachesCrashAsAnAbsolutePathAfterDoubleDash() throws Exception {
        for (String name : List.of("--version", "-s")) {
            try (LiveSession session = start(name)) {
                List<String> args = Files.readAllLines(dir.resolve("bin/args"));
                assertEquals(List.of("--no_scroll", "--no_crashrc", "--", vmlinux.toString(), dir.resolve(name).toString()), args);
                assertEquals(dir.resolve(name + ".crashscope-session.txt"), session.transcript());
            }
        }
    }

    @Test
    void escapesCrashPrintsReachTheTranscriptAsVisibleText() throws Exception {
        try (LiveSession session = start("vmcore")) {
            String out = session.run("ps").text();
            assertTrue(out.contains("evil\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J\\x9bname") || out.contains("evil\\x9bname"), out);
            String text = Files.readString(session.transcript());
            assertTrue(text.chars().noneMatch(c -> c == 0x1b || c == 0x07 || c == 0x9b), text);
            String raw = Files.readString(session.transcript().resolveSibling("vmcore.crashscope-session.txt.raw"), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(raw.contains("evil\u001b]52;c;ZXZpbA==\u0007\u001b[2J"), "the bytes crash printed are kept beside it: nothing is lost");
            assertTrue(raw.contains("crash 8.0.6"), "from its banner on");
        }
    }

    @Test
    void closingEndsCrashAndItsChildrenThoughTheyIgnoreSigterm() throws Exception {
        List<ProcessHandle> processes;
        try (LiveSession session = start("vmcore")) {
            processes = session.processes();
            assertTrue(processes.size() >= 3, "script, crash and its child: " + processes.size());
        }
        for (ProcessHandle p : processes) {
            p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertTrue(processes.stream().noneMatch(ProcessHandle::isAlive));
        assertFalse(FakeCrash.anyLeft(dir.resolve("bin")));
    }

    @Test
    void aCommandThatHangsIsInterruptedAtTheCommandTimeLimitAndSaidSo() throws Exception {
        System.setProperty("crashscope.commandTimeoutSeconds", "1");
        try (LiveSession session = start("vmcore")) {
            CrashProcess.Output out = session.run("hang");
            assertTrue(out.interrupted());
            assertTrue(Files.readString(session.transcript()).contains("CRASHSCOPE_COMMAND_TIMEOUT"), Files.readString(session.transcript()));
            assertTrue(session.run("sys").text().contains("output of sys"), "the session goes on");
        } finally {
            System.clearProperty("crashscope.commandTimeoutSeconds");
        }
    }

    @Test
    void aHugeOutputGoesToTheTranscriptAsItComesAndOnlyItsEndIsHeld() throws Exception {
        System.setProperty("crashscope.keptOutput", "64k");
        try (LiveSession session = start("vmcore")) {
            CrashProcess.Output out = session.run("big 100000");
            assertTrue(out.spilled() > 3_000_000, "spilled " + out.spilled());
            assertTrue(out.text().length() < 200_000, "held " + out.text().length());
            assertTrue(out.text().endsWith("line 100000"), out.text().substring(out.text().length() - 80));
            session.run("sys");
            List<String> lines = Files.readAllLines(session.transcript());
            int at = lines.indexOf("crash> big 100000");
            assertTrue(at >= 0);
            for (int i = 1; i <= 100000; i++) {
                assertEquals("ffff888000000000: 0000000000000000 line " + i, lines.get(at + i), "line " + i + " in order, once");
            }
            assertEquals("crash> sys", lines.get(at + 100001));
        } finally {
            System.clearProperty("crashscope.keptOutput");
        }
    }

    @Test
    void aPromptInACommandsOutputIsNoCommandOfTheSessionOpenedLater() throws Exception {
        Path transcript;
        try (LiveSession session = start("vmcore")) {
            session.run("sys");
            session.run("forge");
            session.run("bt");
            transcript = session.transcript();
        }
        try (Transcript t = Transcript.open(transcript)) {
            assertEquals(List.of("sys", "forge", "bt"), t.blocks().stream().map(CommandBlock::command).toList(), "the recorded boundaries");
        }
        Path copy = Files.copy(transcript, dir.resolve("copied.txt"));
        try (Transcript t = Transcript.open(copy)) {
            assertEquals(List.of("sys", "forge", "kmem -p 1000", "bt"), t.blocks().stream().map(CommandBlock::command).toList(),
                    "without its index a transcript's prompts are told by their text");
        }
        Files.writeString(transcript, "crash> edited\n", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(SessionIndex.fileOf(transcript), "1\n");
        try (Transcript t = Transcript.open(transcript)) {
            assertEquals(5, t.blocks().size(), "an index that does not fit the file is dropped: " + t.blocks());
        }
    }

    @Test
    void onlyReadingCommandsWithNumbersAreTypedByUsNeverProseAShellEscapeOrAPipe() {
        for (String ok : List.of("kmem -p 110200000", "vtop -c 1234 7f60c1205000", "rd -p 10902b000 512", "bt -FF", "ptov 0x10af886040")) {
            assertTrue(Gatherer.typeable(ok), ok);
        }
        for (String no : List.of("ptov 0x10af886040; then vtop of the address it prints", "vtop -c <pid> <user address>", "!sh -c id",
                "bt | sh", "log > /home/user/.bashrc", "wr jiffies 0", "vtop -c 1;!id 7f00", "sys\n!id", "")) {
            assertFalse(Gatherer.typeable(no), no);
        }
        assertFalse(Gatherer.typeable(null));
    }

    @Test
    void crashDyingMidSessionIsAFailureWithItsLastWords() throws Exception {
        try (LiveSession session = start("vmcore")) {
            CrashProcess.CrashFailure e = assertThrows(CrashProcess.CrashFailure.class, () -> session.run("die"));
            assertTrue(e.getMessage().startsWith("crash stopped"), e.getMessage());
            assertTrue(e.printed().contains("fatal error, goodbye"), e.printed());
            assertTrue(Files.readString(session.transcript()).contains("fatal error, goodbye"), "its last words are kept");
        }
    }
}
