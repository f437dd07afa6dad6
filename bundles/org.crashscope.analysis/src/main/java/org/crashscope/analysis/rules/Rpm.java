package org.crashscope.analysis.rules;

/**
 * RPM version comparison with rpm's own semantics ({@code rpmvercmp}): versions are split into
 * alternating numeric and alphabetic segments (separators are ignored), numeric segments compare
 * as numbers (leading zeros ignored) and beat alphabetic ones, {@code ~} sorts before anything
 * (even the end), {@code ^} sorts after the end but before anything else.
 */
public final class Rpm {
    private Rpm() {
    }

    /** -1, 0 or 1 as {@code a} is older than, equal to or newer than {@code b}. */
    public static int vercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !Character.isLetterOrDigit(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
                i++;
            }
            while (j < b.length() && !Character.isLetterOrDigit(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
                j++;
            }
            // tilde: sorts before everything, even the end of the other string
            boolean ta = i < a.length() && a.charAt(i) == '~';
            boolean tb = j < b.length() && b.charAt(j) == '~';
            if (ta || tb) {
                if (!ta) {
                    return 1;
                }
                if (!tb) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            // caret: sorts after the end of the other string, before anything else
            boolean ca = i < a.length() && a.charAt(i) == '^';
            boolean cb = j < b.length() && b.charAt(j) == '^';
            if (ca || cb) {
                if (i >= a.length()) {
                    return -1;
                }
                if (j >= b.length()) {
                    return 1;
                }
                if (!ca) {
                    return 1;
                }
                if (!cb) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= a.length() || j >= b.length()) {
                break;
            }
            boolean numeric = Character.isDigit(a.charAt(i));
            int si = i;
            int sj = j;
            while (i < a.length() && (numeric ? Character.isDigit(a.charAt(i)) : Character.isLetter(a.charAt(i)))) {
                i++;
            }
            while (j < b.length() && (numeric ? Character.isDigit(b.charAt(j)) : Character.isLetter(b.charAt(j)))) {
                j++;
            }
            if (sj == j) {
                // segments of different types: the numeric one is newer
                return numeric ? 1 : -1;
            }
            String x = a.substring(si, i);
            String y = b.substring(sj, j);
            int c;
            if (numeric) {
                x = x.replaceFirst("^0+(?=.)", "");
                y = y.replaceFirst("^0+(?=.)", "");
                c = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
            } else {
                c = x.compareTo(y);
            }
            if (c != 0) {
                return c < 0 ? -1 : 1;
            }
        }
        boolean restA = i < a.length();
        boolean restB = j < b.length();
        return restA == restB ? 0 : restA ? 1 : -1;
    }

    /** A package's epoch, version and release ({@code kernel-4.18.0-305.34.2.el8_4.x86_64}). */
    public record Evr(String name, int epoch, String version, String release) {

        /**
         * Parses {@code [name-][epoch:]version-release[.arch]}; a bare kernel release
         * ({@code 4.18.0-305.34.2.el8_4.x86_64}, as an oops prints it) has no name.
         */
        public static Evr parse(String text) {
            String s = text.strip().replaceFirst("\\.(x86_64|aarch64|ppc64le|s390x|noarch|i686)$", "");
            String name = "";
            int lastDash = s.lastIndexOf('-');
            int versionDash = lastDash < 0 ? -1 : s.lastIndexOf('-', lastDash - 1);
            if (versionDash >= 0) {
                name = s.substring(0, versionDash);
                s = s.substring(versionDash + 1);
            }
            int epoch = 0;
            int colon = s.indexOf(':');
            if (colon > 0 && s.substring(0, colon).chars().allMatch(Character::isDigit)) {
                epoch = Integer.parseInt(s.substring(0, colon));
                s = s.substring(colon + 1);
            }
            int dash = s.lastIndexOf('-');
            return dash < 0 ? new Evr(name, epoch, s, "") : new Evr(name, epoch, s.substring(0, dash), s.substring(dash + 1));
        }

        public int compareTo(Evr other) {
            if (epoch != other.epoch) {
                return Integer.compare(epoch, other.epoch);
            }
            int c = vercmp(version, other.version);
            return c != 0 ? c : vercmp(release, other.release);
        }

        /** The dist tag's stream: {@code el8_4} for an 8.4 AUS/EUS kernel, {@code el8} for the main line. */
        public String stream() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\.(el\\d+(?:_\\d+)?)").matcher(release);
            String found = null;
            while (m.find()) {
                found = m.group(1);
            }
            return found == null ? "" : found;
        }

        @Override
        public String toString() {
            return (name.isEmpty() ? "" : name + "-") + (epoch == 0 ? "" : epoch + ":") + version + (release.isEmpty() ? "" : "-" + release);
        }
    }
}
