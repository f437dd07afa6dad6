package org.crashscope.transcript.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of crash that made a transcript ({@code crash 8.0.2} above its banner) against the
 * kernel it read: a crash older than its kernel misreads what changed since (Linux 6.1 keeps a
 * process's VMAs in a maple tree; crash 8.0.3 is the first to read it), and every task and memory
 * map it printed is then in doubt.
 */
public final class CrashVersion {
    private static final Pattern VERSION = Pattern.compile("^crash (\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\b.*$");
    private static final Pattern RELEASE = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\b.*$");

    private CrashVersion() {
    }

    /** The version a line of crash's banner names ({@code crash 8.0.2}), as {@code {major, minor, patch}}, or {@code null}. */
    public static int[] of(String line) {
        Matcher m = VERSION.matcher(line.strip());
        return m.matches() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))} : null;
    }

    /**
     * Why this crash is too old for this kernel release ({@code 6.1.0-57-amd64}), in words the user
     * can act on, or {@code null} when it is not (or either is unknown).
     */
    public static String tooOld(int[] crash, String release) {
        Matcher r = release == null ? null : RELEASE.matcher(release.strip());
        if (crash == null || r == null || !r.matches()) {
            return null;
        }
        int major = Integer.parseInt(r.group(1));
        int minor = Integer.parseInt(r.group(2));
        boolean mapleTree = major > 6 || major == 6 && minor >= 1;
        boolean older = crash[0] < 8 || crash[0] == 8 && (crash[1] == 0 && crash[2] < 3);
        if (!mapleTree || !older) {
            return null;
        }
        return String.format("crash %d.%d.%d is older than Linux %d.%d (VMAs in a maple tree since 6.1): crash 8.0.3 or later reads it "
                + "(Debian 13's crash 8.0.6, or CRASHSCOPE_CRASH=/path/to/crash); what this crash printed about tasks and memory maps is in doubt",
                crash[0], crash[1], crash[2], major, minor);
    }
}
