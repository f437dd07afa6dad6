package org.crashscope.ui.tests;

import java.nio.file.Files;
import java.nio.file.Path;

import org.crashscope.fixtures.FakeCrash;
import org.crashscope.ui.live.LiveSessions;
import org.crashscope.ui.preferences.Preferences;

/**
 * The fixtures' stand-in crash ({@link FakeCrash}) as the workbench's crash, for a dump of Debian's
 * 6.1.0-57-amd64 (a vmlinux of that release beside it), with no dialog; {@link #remove()} ends its
 * sessions and puts the preferences back.
 */
final class StandInCrash {

    static final String RELEASE = "6.1.0-57-amd64";

    private StandInCrash() {
    }

    /** Installs a stand-in whose banner names {@code version} (read again from {@code bin/version}) in {@code dir}; returns its script. */
    static Path install(Path dir, String version) throws Exception {
        System.setProperty("crashscope.noDialogs", "true");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("version"), version);
        Path crash = FakeCrash.write(bin);
        Path vmlinux = Files.writeString(dir.resolve("vmlinux-" + RELEASE), "no banner here");
        Preferences.store().setValue(Preferences.CRASH_PATH, crash.toString());
        Preferences.store().setValue(Preferences.VMLINUX_PREFIX + RELEASE, vmlinux.toString());
        return crash;
    }

    /** A dump of that release (an ELF core with its VMCOREINFO) at {@code file}. */
    static Path dump(Path file) throws Exception {
        return Files.write(file, FakeCrash.elfCore("OSRELEASE=" + RELEASE + "\n"));
    }

    static void remove() {
        LiveSessions.endAll();
        Preferences.store().setValue(Preferences.CRASH_PATH, "");
        Preferences.store().setValue(Preferences.VMLINUX_PREFIX + RELEASE, "");
        System.clearProperty("crashscope.noDialogs");
    }
}
