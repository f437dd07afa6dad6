package org.crashscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.crashscope.fixtures.Await;
import org.crashscope.fixtures.FakeCrash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against a hostile folder and hostile inputs, each item of issue 26 as a test:
 * a report over the dump or a session, /dev/zero, FIFOs as dump, vmlinux and rule, escapes in a
 * log, crash dying, and SIGTERM of {@code analyze --vmcore} leaving no crash behind. crash is a
 * stand-in ({@link FakeCrash}): none of this needs the real one.
 */
class HostileCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path dump;
    private Path vmlinux;
    private Path bin;

    @BeforeEach
    void hostileFolder() throws Exception {
        bin = Files.createDirectories(dir.resolve("bin"));
        System.setProperty("crashscope.crash", FakeCrash.write(bin).toString());
        dump = Files.write(dir.resolve("vmcore"), FakeCrash.elfCore("OSRELEASE=6.1.0-57-amd64\n"));
        vmlinux = Files.writeString(dir.resolve("vmlinux"), "no banner");
    }

    @AfterEach
    void noCrashLeft() {
        System.clearProperty("crashscope.crash");
        System.clearProperty("crashscope.spoolLimit");
        assertFalse(FakeCrash.anyLeft(bin), "no crash left running");
    }

    private int run(String... args) {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new SafePrintStream(err)).run(args);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aReportOverTheDumpIsRefusedBeforeCrashRunsAndTheDumpIsUntouched() throws Exception {
        byte[] before = Files.readAllBytes(dump);
        assertEquals(2, run("report", "--vmcore", dump.toString(), "--vmlinux", vmlinux.toString(), "-o", dump.toString()));
        assertArrayEquals(before, Files.readAllBytes(dump));
        assertTrue(stderr().contains("will not write the report"), stderr());
        assertFalse(Files.exists(bin.resolve("args")), "refused before crash ran");
        assertFalse(Files.exists(dir.resolve("vmcore.crashscope-session.txt")));
        Path link = Files.createSymbolicLink(dir.resolve("r.html"), dump);
        assertEquals(2, run("report", "--vmcore", dump.toString(), "--vmlinux", vmlinux.toString(), "-o", link.toString()));
        assertEquals(2, run("report", "--vmcore", dump.toString(), "--vmlinux", vmlinux.toString(), "-o", vmlinux.toString()));
        assertArrayEquals(before, Files.readAllBytes(dump));
    }

    @Test
    void aReportOverAnEarlierSessionTranscriptIsRefused() throws Exception {
        assertEquals(0, run("report", "--vmcore", dump.toString(), "--vmlinux", vmlinux.toString(), "-o", dir.resolve("first.html").toString()));
        Path session = dir.resolve("vmcore.crashscope-session.txt");
        byte[] before = Files.readAllBytes(session);
        assertEquals(2, run("report", "--vmcore", dump.toString(), "--vmlinux", vmlinux.toString(), "-o", session.toString()));
        assertEquals(2, run("report", dir.resolve("first.html").toString(), "-o", dir.resolve("vmcore.crashscope-session.txt.ran").toString()));
        assertArrayEquals(before, Files.readAllBytes(session));
        assertFalse(Files.exists(dir.resolve("vmcore.crashscope-session.2.txt")), "refused before a second session ran");
    }

    @Test
    void devZeroStopsAtTheSpoolLimitAndSaysHowToRaiseIt() {
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("analyze", "/dev/zero", "--spool-limit", "16m"));
        assertEquals(2, code);
        assertTrue(stderr().contains("spool limit of 16 MiB") && stderr().contains("--spool-limit SIZE"), stderr());
        assertEquals(2, run("analyze", "/dev/zero", "--spool-limit", "lots"));
    }

    @Test
    void fifosAsDumpVmlinuxOrRuleAreRefusedUpFront() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertEquals(2, run("analyze", "--vmcore", fifo.toString()));
            assertEquals(2, run("analyze", "--vmcore", dump.toString(), "--vmlinux", fifo.toString()));
            assertEquals(2, run("analyze", "--vmcore", "/dev/zero"));
        });
        assertTrue(stderr().contains("the dump " + fifo + " is a FIFO, a device or a socket"), stderr());
        assertTrue(stderr().contains("the vmlinux " + fifo + " is a FIFO"), stderr());
        Path rules = Files.createDirectories(dir.resolve("rules"));
        assertEquals(0, new ProcessBuilder("mkfifo", rules.resolve("hang.json").toString()).start().waitFor());
        Path log = Files.writeString(dir.resolve("log.txt"), "crash> sys\n     RELEASE: 6.1.0\n");
        assertEquals(0, (int) assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run("analyze", log.toString(), "--rules", rules.toString())));
    }

    @Test
    void aFifoAsTheNotesOfATranscriptIsRefusedAndTheReportStillWritten() throws Exception {
        Path log = Files.writeString(dir.resolve("log.txt"), "crash> sys\n     RELEASE: 6.1.0\n");
        assertEquals(0, new ProcessBuilder("mkfifo", dir.resolve("log.txt.crashscope.json").toString()).start().waitFor());
        assertEquals(0, (int) assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run("report", log.toString(), "-o", dir.resolve("r.md").toString())));
        assertTrue(stderr().contains("notes:") && stderr().contains("not a regular file"), stderr());
    }

    @Test
    void escapesInALogReachNoTerminal() throws Exception {
        Path log = Files.writeString(dir.resolve("log.txt"), """
                crash> log
                [  100.000000] BUG: unable to handle page fault for address: 0000000000001000\u001b]52;c;ZWNobyBwd25lZA==\u0007
                [  100.000001] CPU: 1 PID: 42 Comm: evil\u001b[2J\u009b31m Not tainted 6.1.0-57-amd64 #1
                crash> ps
                   PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM
                >    42      1   1  ffff8d0ac021b080  RU   0.0   167880    12000  evil\u001b[2J
                """);
        assertEquals(0, run("analyze", log.toString(), "--format", "text"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.chars().noneMatch(c -> c == 0x1b || c == 0x07 || c == 0x9b), text);
        out.reset();
        assertEquals(0, run("analyze", log.toString(), "--format", "json"));
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.chars().noneMatch(c -> c == 0x1b || c == 0x07 || c == 0x9b), json);
        com.google.gson.JsonParser.parseString(json); // still JSON
        for (String format : List.of("md", "html", "json")) {
            Path report = dir.resolve("r." + format);
            assertEquals(0, run("report", log.toString(), "-o", report.toString()));
            String written = Files.readString(report);
            assertTrue(written.chars().noneMatch(c -> c == 0x1b || c == 0x07 || c == 0x9b), "cat " + report + " drives no terminal");
        }
        Path named = Files.writeString(dir.resolve("name\u001b[2J.txt"), "x");
        Files.delete(named);
        assertEquals(2, run("analyze", named.toString()));
        assertTrue(stderr().chars().noneMatch(c -> c == 0x1b), stderr());
    }

    @Test
    void crashDyingEndsTheCommandNonZeroWithItsLastWords() throws Exception {
        Files.writeString(bin.resolve("die-on"), "log");
        assertEquals(Main.CRASH_FAILED, run("analyze", "--vmcore", dump.toString(), "--vmlinux", vmlinux.toString()));
        assertTrue(stderr().contains("crash stopped while running log"), stderr());
        assertTrue(stderr().contains("crash: fatal error, goodbye"), stderr());
        assertTrue(stderr().contains("the transcript so far is kept"), stderr());
    }

    @Test
    void aDumpNamedVersionIsAFileToCrash() throws Exception {
        Path named = Files.copy(dump, dir.resolve("--version"));
        assertEquals(0, run("analyze", "--vmcore", named.toString(), "--vmlinux", vmlinux.toString(), "--format", "json"));
        List<String> args = Files.readAllLines(bin.resolve("args"));
        assertEquals(List.of("--no_scroll", "--no_crashrc", "--", vmlinux.toString(), named.toString()), args);
    }

    /** The CLI in a JVM of its own with {@code heap}, crash the stand-in, its stdout and stderr in {@code cli.log}. */
    private Process cli(String heap, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap, "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("cli.log").toFile());
        pb.environment().put("CRASHSCOPE_CRASH", bin.resolve("fake-crash").toString());
        pb.environment().put("CRASHSCOPE_RECORD", "0");
        return pb.start();
    }

    @Test
    void aCommandPrinting200MegabytesIsWrittenDownUnderAHeapOf512Megabytes() throws Exception {
        Files.writeString(bin.resolve("big-on"), "log 4300000"); // 48 bytes a line: 207 MB
        Process cli = cli("512m", "analyze", "--vmcore", dump.toString(), "--vmlinux", vmlinux.toString(), "--format", "text");
        try {
            assertTrue(cli.waitFor(10, TimeUnit.MINUTES), "ends");
            String log = Files.readString(dir.resolve("cli.log"));
            assertEquals(0, cli.exitValue(), log.length() > 4000 ? log.substring(log.length() - 4000) : log);
            assertFalse(log.contains("out of memory"), log);
            Path session = dir.resolve("vmcore.crashscope-session.txt");
            assertTrue(Files.size(session) > 200_000_000L, "the whole output is in the transcript: " + Files.size(session));
            try (var lines = Files.lines(session)) {
                assertEquals(1, lines.filter(l -> l.equals("ffff888000000000: 0000000000000000 line 4300000")).count(), "its last line, once");
            }
        } finally {
            cli.destroyForcibly();
        }
    }

    @Test
    void sigtermOfAnalyzeVmcoreLeavesNoCrashRunning() throws Exception {
        Files.writeString(bin.resolve("hang-on"), "bt");
        Process cli = cli("256m", "analyze", "--vmcore", dump.toString(), "--vmlinux", vmlinux.toString());
        try {
            Await.until("the CLI typing bt into crash", Duration.ofSeconds(60), () -> {
                try {
                    return Files.readString(dir.resolve("cli.log")).contains("crash> bt");
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            // the stand-in hangs in bt as a sleep in the foreground, beside the sleep it started in the background
            Await.until("crash hung in bt", Duration.ofSeconds(30), () -> ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains(bin + "/fake-crash"))
                    .anyMatch(p -> p.children().filter(c -> c.info().command().orElse("").endsWith("sleep")).count() >= 2));
            cli.destroy(); // SIGTERM
            assertTrue(cli.waitFor(30, TimeUnit.SECONDS), "the CLI ends");
            Await.until("no crash, script or child of crash left after SIGTERM of the CLI", Duration.ofSeconds(10), () -> !FakeCrash.anyLeft(bin));
        } finally {
            cli.destroyForcibly();
        }
    }
}
