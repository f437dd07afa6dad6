package org.crashscope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.crashscope.analysis.AnalysisSession;
import org.crashscope.analysis.TranscriptAnalysis;
import org.crashscope.arch.paging.Anomaly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real crash on a real dump: the {@code both2m} dump releng/vmcore makes (Debian 12's 6.1
 * kernel, two 2 MiB huge pages soft-offlined and poisoned), its vmlinux and a crash that reads 6.1
 * (Debian 13's 8.0.6), from {@code $CRASHSCOPE_LIVE_FIXTURE} or {@code ~/.cache/crashscope/live/both2m}
 * ({@code releng/vmcore/live-fixture.sh} makes it). Without that fixture these tests are skipped, and say so.
 */
class LiveSessionTest {

    @TempDir
    Path dir;

    static Path fixture() {
        String env = System.getenv("CRASHSCOPE_LIVE_FIXTURE");
        Path d = env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "crashscope", "live", "both2m");
        return Files.isRegularFile(d.resolve("vmcore")) && Files.isRegularFile(d.resolve("vmlinux")) && Files.isExecutable(d.resolve("crash")) ? d : null;
    }

    /**
     * What the guest program saw on this boot, from its own lines on the serial console
     * ({@code HP soft page=1 ...}, {@code HP before page=1 ... pa=0x...}, {@code HP after ...}): the
     * soft-offlined page's physical address before and after the migration. Every boot has others.
     */
    record Migration(long before, long after) {
        static Migration of(Path console) throws Exception {
            String text = Files.readString(console, java.nio.charset.StandardCharsets.ISO_8859_1);
            var soft = java.util.regex.Pattern.compile("HP soft page=(\\d+) va=0x[0-9a-f]+ ret=0 ").matcher(text);
            assertTrue(soft.find(), "the console says which page was soft-offlined: " + console);
            String page = soft.group(1);
            return new Migration(pa(text, "before", page), pa(text, "after", page));
        }

        private static long pa(String text, String when, String page) {
            var m = java.util.regex.Pattern.compile("HP " + when + " page=" + page + " va=0x[0-9a-f]+ present=1 pa=0x([0-9a-f]+)").matcher(text);
            assertTrue(m.find(), "the console has the page " + when + " the soft offline");
            return Long.parseUnsignedLong(m.group(1), 16);
        }
    }

    private Path dumpCopy(Path fixture) throws Exception {
        // a link: the session transcript goes beside it, in the test's folder, never beside the cache
        return Files.createSymbolicLink(dir.resolve("vmcore"), fixture.resolve("vmcore"));
    }

    @Test
    void theGathererClosesTheHugePageChainWithNoCommandTypedByHand() throws Exception {
        Path fixture = fixture();
        assumeTrue(fixture != null, "no live fixture (releng/vmcore/live-fixture.sh makes it)");
        Migration truth = Migration.of(fixture.resolve("console.log"));
        assertTrue(truth.before() != truth.after(), "the soft-offlined page moved: " + truth);
        Dump dump = Dump.of(dumpCopy(fixture));
        try (LiveSession session = LiveSession.start(dump, fixture.resolve("vmlinux"), fixture.resolve("crash"), Duration.ofMinutes(5))) {
            Gatherer first = new Gatherer(session, AnalysisSession.Settings.defaults(), c -> { });
            TranscriptAnalysis analysis = first.gather();
            assertTrue(first.steps().stream().filter(st -> st.command().startsWith("rd -p ")).allMatch(st -> st.why().contains("page-table slot")),
                    first.steps().toString());
            // gathered again (the console's Gather evidence): the transcript holds every command, nothing is run twice
            int ranBefore = session.ranByCrashscope().size();
            Gatherer again = new Gatherer(session, AnalysisSession.Settings.defaults(), c -> { });
            again.gather();
            assertEquals(List.of(), again.steps(), "a gathered session gathers nothing new");
            assertEquals(ranBefore, session.ranByCrashscope().size());
            assertEquals(session.ranByCrashscope().size(), session.ranByCrashscope().stream().map(Gatherer::normal).distinct().count(),
                    "no command twice: " + session.ranByCrashscope());
            assertTrue(session.ranByCrashscope().containsAll(Gatherer.FIRST_SET));
            assertTrue(session.ranByCrashscope().stream().anyMatch(c -> c.startsWith("rd -p ")), session.ranByCrashscope().toString());
            List<Anomaly> anomalies = analysis.paging().tables().stream().flatMap(t -> t.anomalies().stream()).toList();
            assertTrue(anomalies.stream().anyMatch(a -> a.expected() == truth.before() && a.found() != null && a.found() == truth.after()),
                    "the soft-offlined page's slot maps the page it was migrated to (" + truth + "): " + anomalies);
            String text = Files.readString(session.transcript());
            assertTrue(text.contains("crash> kmem -p " + Long.toHexString(truth.before()) + "\n"), "every command appended as crash printed it");
            assertEquals(dir.resolve("vmcore.crashscope-session.txt"), session.transcript());
            assertTrue(session.warnings().isEmpty(), session.warnings().toString());
            List<String> lines = Files.readAllLines(session.transcript());
            var ran = LiveSession.ranLines(session.transcript());
            assertEquals(session.ranByCrashscope().size(), ran.size(), "one mark per command Crashscope ran");
            for (int line : ran) {
                assertTrue(lines.get(line - 1).startsWith("crash> "), "line " + line + ": " + lines.get(line - 1));
            }
        }
    }

    @Test
    void aCommandInterruptedAndCrashKilledMidSessionKeepTheTranscript() throws Exception {
        Path fixture = fixture();
        assumeTrue(fixture != null, "no live fixture (releng/vmcore/live-fixture.sh makes it)");
        Dump dump = Dump.of(dumpCopy(fixture));
        try (LiveSession session = LiveSession.start(dump, fixture.resolve("vmlinux"), fixture.resolve("crash"), Duration.ofMinutes(5))) {
            assertTrue(session.run("sys").text().contains("RELEASE: 6.1.0"));
            long before = Files.size(session.transcript());
            ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").contains("crash") || p.info().commandLine().orElse("")
                    .contains("usr/bin/crash")).forEach(ProcessHandle::destroyForcibly);
            CrashProcess.CrashFailure failure = assertThrows(CrashProcess.CrashFailure.class, () -> session.run("bt -a"));
            assertTrue(failure.getMessage().startsWith("crash stopped") || failure.getMessage().startsWith("crash has stopped"), failure.getMessage());
            assertFalse(session.alive());
            assertTrue(Files.size(session.transcript()) >= before, "the transcript so far is kept");
            assertTrue(Files.readString(session.transcript()).contains("crash> sys\n"));
        }
    }

    @Test
    void aWrongVmlinuxAndAMissingCrashAreSaidBeforeAnythingRuns() throws Exception {
        Path fixture = fixture();
        assumeTrue(fixture != null, "no live fixture (releng/vmcore/live-fixture.sh makes it)");
        Dump dump = Dump.of(dumpCopy(fixture));
        Path other = Files.writeString(dir.resolve("vmlinux-other"), "Linux version 6.12.48+deb13-amd64 (debian-kernel@lists.debian.org)");
        var wrong = assertThrows(CrashProcess.CrashFailure.class, () -> LiveSession.start(dump, other, fixture.resolve("crash"), Duration.ofMinutes(1)));
        assertTrue(wrong.getMessage().startsWith("the vmlinux and the vmcore do not match"), wrong.getMessage());
        var missing = assertThrows(CrashProcess.CrashFailure.class,
                () -> LiveSession.start(dump, fixture.resolve("vmlinux"), dir.resolve("no-crash"), Duration.ofMinutes(1)));
        assertTrue(missing.getMessage().startsWith("crash is not installed"), missing.getMessage());
        assertFalse(Files.exists(dir.resolve("vmcore.crashscope-session.txt")), "no session file when crash never ran");
    }
}
