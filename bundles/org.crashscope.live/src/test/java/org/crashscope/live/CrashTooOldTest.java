package org.crashscope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.crashscope.analysis.AnalysisSession;
import org.crashscope.fixtures.FakeCrash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash older than the dump's kernel is known from its banner and the dump's release before any
 * command runs: the gatherer runs nothing into failures, and the session says why (a stand-in crash,
 * {@link FakeCrash}, whose banner names the version).
 */
class CrashTooOldTest {

    @TempDir
    Path dir;

    private LiveSession start(String version) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path crash = FakeCrash.write(bin);
        Files.writeString(bin.resolve("version"), version);
        Path vmlinux = Files.writeString(bin.resolve("vmlinux"), "no banner here");
        Path dump = Files.write(dir.resolve("vmcore"), FakeCrash.elfCore("OSRELEASE=6.1.0-57-amd64\n"));
        return LiveSession.start(Dump.of(dump), vmlinux, crash, Duration.ofSeconds(20));
    }

    @Test
    void crash802OnLinux61IsSaidTooOldAndTheGathererRunsNothing() throws Exception {
        try (LiveSession session = start("8.0.2")) {
            assertTrue(session.crashTooOld() != null && session.crashTooOld().contains("crash 8.0.2 is older than Linux 6.1"), session.crashTooOld());
            assertEquals(List.of(session.crashTooOld()), session.warnings());
            new Gatherer(session, AnalysisSession.Settings.defaults(), c -> { }).gather();
            assertEquals(List.of(), session.ranByCrashscope());
            assertFalse(Files.readString(session.transcript()).contains("crash> sys"), "no command typed into the old crash");
        }
    }

    @Test
    void crash806OnLinux61RunsTheFirstSet() throws Exception {
        try (LiveSession session = start("8.0.6")) {
            assertNull(session.crashTooOld());
            new Gatherer(session, AnalysisSession.Settings.defaults(), c -> { }).gather();
            assertEquals(Gatherer.FIRST_SET, session.ranByCrashscope().subList(0, Gatherer.FIRST_SET.size()));
        }
    }
}
