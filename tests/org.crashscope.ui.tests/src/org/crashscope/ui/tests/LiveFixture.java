package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.crashscope.ui.preferences.Preferences;

/**
 * The live-session fixture of releng/vmcore/live-fixture.sh ({@code $CRASHSCOPE_LIVE_FIXTURE} or
 * {@code ~/.cache/crashscope/live/both2m}: a real dump, its vmlinux and the crash that reads it).
 * A test without it is skipped and says so.
 */
final class LiveFixture {

    private LiveFixture() {
    }

    /** The fixture's folder; skips the test when there is none. */
    static Path require() {
        String env = System.getenv("CRASHSCOPE_LIVE_FIXTURE");
        Path fixture = env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "crashscope", "live", "both2m");
        assumeTrue(Files.isRegularFile(fixture.resolve("vmcore")) && Files.isExecutable(fixture.resolve("crash")),
                "no live fixture (releng/vmcore/live-fixture.sh makes it)");
        return fixture;
    }

    /**
     * The fixture's dump linked into {@code dir} with its vmlinux beside it (where a session looks
     * for it), the fixture's crash in the preferences, no dialogs; {@link #reset()} undoes the rest.
     */
    static Path dumpIn(Path dir, Path fixture) throws IOException {
        System.setProperty("crashscope.noDialogs", "true");
        Path dump = Files.createSymbolicLink(dir.resolve("vmcore"), fixture.resolve("vmcore"));
        Files.createSymbolicLink(dir.resolve("vmlinux"), fixture.resolve("vmlinux"));
        Preferences.store().setValue(Preferences.CRASH_PATH, fixture.resolve("crash").toString());
        return dump;
    }

    static void reset() {
        Preferences.store().setValue(Preferences.CRASH_PATH, "");
        System.clearProperty("crashscope.noDialogs");
    }
}
