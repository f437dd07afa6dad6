package org.crashscope.library;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where a user's data lives on each platform: {@code $XDG_DATA_HOME} (else {@code ~/.local/share}) on
 * Linux and the other Unixes, {@code %APPDATA%} on Windows, {@code ~/Library/Application Support} on
 * macOS; Crashscope's folder is {@code crashscope} in it ({@code Crashscope} on Windows and macOS, as
 * their applications name theirs). The one place that knows this.
 */
public final class DataFolder {

    private DataFolder() {
    }

    /** Crashscope's data folder for this user on this machine. */
    public static Path crashscope() {
        return crashscope(System.getProperty("os.name", ""), System.getenv(), System.getProperty("user.home", "."));
    }

    /** The folder of the case library: {@code cases} in Crashscope's data folder. */
    public static Path library() {
        return crashscope().resolve("cases");
    }

    /** The data folder for an operating system, its environment and the home folder (testable without the platform). */
    static Path crashscope(String osName, Map<String, String> env, String home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = usable(appData) ? Path.of(appData) : Path.of(home, "AppData", "Roaming");
            return base.resolve("Crashscope");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return Path.of(home, "Library", "Application Support", "Crashscope");
        }
        String xdg = env.get("XDG_DATA_HOME");
        // the XDG spec: a relative XDG_DATA_HOME is invalid and ignored
        Path base = usable(xdg) && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, ".local", "share");
        return base.resolve("crashscope");
    }

    private static boolean usable(String value) {
        return value != null && !value.isBlank();
    }
}
