package org.crashscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String seed() throws Exception {
        return org.crashscope.fixtures.SharedFixtures.path(MainTest.class, "seed-kcs-ghes-hugepage-gpf.txt").toString();
    }

    @Test
    void analyzeJsonListsTheSeedsCommandsWithLineNumbers() throws Exception {
        assertEquals(0, run("analyze", seed(), "--format", "json"));
        Matcher m = Pattern.compile("\"line\": (\\d+),\\s*\"command\": \"([^\"]*)\",\\s*\"kind\": \"([^\"]*)\"").matcher(stdout());
        StringBuilder found = new StringBuilder();
        while (m.find()) {
            found.append(m.group(1)).append(' ').append(m.group(3)).append(" | ");
        }
        assertEquals("100 log | 143 ptov | 147 vtop | 164 bt | 192 vtop | ", found.toString());
        assertTrue(stdout().contains("\"command\": \"bt -FFls\""));
        assertTrue(stdout().startsWith("{") && stdout().strip().endsWith("}"));
        assertEquals("", stderr());
    }

    @Test
    void versionSaysTheVersionCommitAndDateTheBuildStamped() {
        assertEquals(0, run("--version"));
        // 0.1.0.202612070335 (commit 7e20571d06a1, built 2026-12-07T03:35Z): the bundle's qualified version, never a placeholder
        assertTrue(stdout().strip().matches("crashscope \\d+\\.\\d+\\.\\d+\\.\\d{12} \\(commit ([0-9a-f]{12}(-dirty)?|unknown), built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ\\)"),
                stdout());
        assertEquals("", stderr());
    }

    @Test
    void analyzeTextIsAHumanSummary() throws Exception {
        assertEquals(0, run("analyze", seed()));
        assertTrue(stdout().contains("238 lines, 5 crash commands"), stdout());
        assertTrue(stdout().contains("line    164  bt       bt -FFls"), stdout());
    }

    @Test
    void missingFileIsOneLineOnStderrAndExitCodeTwo(@TempDir Path dir) {
        assertEquals(2, run("analyze", dir.resolve("nope.txt").toString(), "--format", "json"));
        assertEquals("", stdout());
        assertEquals(1, stderr().lines().count(), stderr());
        assertTrue(stderr().contains("no such file"), stderr());
    }

    @Test
    void directoryIsRejectedLikeAnUnreadableFile(@TempDir Path dir) {
        assertEquals(2, run("analyze", dir.toString()));
        assertTrue(stderr().contains("is a directory"), stderr());
    }

    @Test
    void unreadableFileIsRejected(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("secret.txt"), "crash> bt\n");
        assertTrue(file.toFile().setReadable(false, false));
        // as root every file is readable: then this is skipped (and reported so), the next test still reads what root cannot
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "running as root: the file is readable");
        assertEquals(2, run("analyze", file.toString()));
        assertTrue(stderr().contains("permission denied"), stderr());
    }

    @Test
    void aFileNoOneCanReadIsOneLineOnStderrAndExitCodeTwo() {
        // /proc/self/mem opens but its first page is never mapped: every read fails, for root too
        assertEquals(2, run("analyze", "/proc/self/mem", "--format", "json"));
        assertEquals("", stdout());
        assertEquals(1, stderr().lines().count(), stderr());
        assertTrue(stderr().startsWith("crashscope: cannot read /proc/self/mem"), stderr());
    }

    @Test
    void helpIsPrintedWithExitZero() {
        assertEquals(0, run("--help"));
        assertTrue(stdout().contains("Usage: crashscope analyze FILE"));
    }

    @Test
    void noArgumentsPrintUsageOnStderr() {
        assertEquals(2, run());
        assertTrue(stderr().contains("Usage:"));
    }

    @Test
    void badArgumentsAreUsageErrors() throws Exception {
        assertEquals(2, run("frobnicate"));
        assertEquals(2, run("analyze", seed(), "--format", "xml"));
        assertEquals(2, run("analyze", seed(), "--bogus"));
        assertEquals(2, run("analyze"));
        assertFalse(stderr().contains("Exception"));
    }

    @Test
    void jsonEscapesEverythingThatComesFromTheTranscript(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("hostile.txt"), "crash> bt \"</script>\\\u0001\n");
        assertEquals(0, run("analyze", file.toString(), "--format=json"));
        assertTrue(stdout().contains("\"command\": \"bt \\\"</script>\\\\\\u0001\""), stdout());
        var command = com.google.gson.JsonParser.parseString(stdout()).getAsJsonObject().getAsJsonArray("commands").get(0).getAsJsonObject();
        assertEquals("bt \"</script>\\\u0001", command.get("command").getAsString(), "what the JSON says is what the transcript says");
    }

    @Test
    void reportWritesTheChosenFormatAtomicallyAndReadsTheNotesSidecar(@TempDir Path dir) throws Exception {
        Path transcript = Files.copy(Path.of(seed()), dir.resolve("case.txt"));
        Files.writeString(dir.resolve("case.txt.crashscope.json"),
                "{\"format\": \"crashscope-notes/1\", \"notes\": [{\"id\": \"n1\", \"firstLine\": 225, \"lastLine\": 225, \"text\": \"the broken slot\"}]}");
        assertEquals(0, run("report", transcript.toString(), "-o", dir.resolve("r.html").toString()));
        String html = Files.readString(dir.resolve("r.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("the broken slot"));
        assertEquals(0, run("report", transcript.toString(), "-o", dir.resolve("r.md").toString()));
        assertTrue(Files.readString(dir.resolve("r.md")).startsWith("# Crash analysis"));
        assertEquals(0, run("report", transcript.toString(), "-o", dir.resolve("r.out").toString(), "--format", "json"));
        assertTrue(Files.readString(dir.resolve("r.out")).contains("\"notes\""));
        try (var files = Files.list(dir)) {
            assertEquals(5, files.count(), "transcript, sidecar and three reports; no temporary files");
        }
    }

    @Test
    void reportArgumentErrorsAreExitCodeTwoWithoutAStackTrace(@TempDir Path dir) throws Exception {
        assertEquals(2, run("report", seed()));
        assertEquals(2, run("report", seed(), "-o", dir.resolve("r.pdf").toString()));
        assertEquals(2, run("report", seed(), "-o", dir.resolve("missing-folder/r.html").toString()));
        assertEquals(2, run("report", dir.resolve("nope.txt").toString(), "-o", dir.resolve("r.html").toString()));
        assertEquals(2, run("report", seed(), "-o", seed(), "--format", "html"), "never over the transcript");
        assertFalse(stderr().contains("Exception"), stderr());
        assertTrue(Files.readString(Path.of(seed())).startsWith("Kernel Panic"));
    }

    @Test
    void rulesFoldersAreReadFromTheRulesOption(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("gup.json"), "{\"id\": \"site-gup-watch\", \"title\": \"t\", \"symptoms\": [{\"id\": \"g\", \"text\": \"t\", "
                + "\"function\": \"^gup_pgd_range$\", \"required\": true}]}");
        assertEquals(0, run("analyze", seed(), "--format", "json", "--rules", dir.toString()));
        assertTrue(stdout().contains("\"id\": \"site-gup-watch\""), stdout());
        assertEquals(2, run("analyze", seed(), "--rules", dir.resolve("missing").toString()));
        assertTrue(stderr().contains("no such folder"), stderr());
    }
}
