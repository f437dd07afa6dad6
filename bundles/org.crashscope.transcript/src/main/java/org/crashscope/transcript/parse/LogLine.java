package org.crashscope.transcript.parse;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel log line split into its timestamp and message. Prefixes seen in real logs: {@code [ts]},
 * {@code <4>[ts]}, a caller id {@code [T123]} or {@code [     T1]} ({@code log -c}), a level
 * {@code <6>} after it ({@code log -m}), {@code log -T}'s {@code [Sat May 30 15:31:46 EDT 2026]} and
 * {@code dmesg -T}'s {@code [Sat May 30 15:31:46 2026]}, syslog/journald {@code Mon DD HH:MM:SS host kernel:}
 * and {@code journalctl -o short-iso}'s {@code 2026-05-30T15:31:46+0000 host kernel:}, and mail quoting {@code > }.
 *
 * @param timestamp seconds since boot, or for a human timestamp seconds since the epoch read as
 *                  UTC (the zone crash printed is not resolved: only differences are used), or {@code null}
 * @param human     whether the timestamp was a {@code log -T} date
 * @param caller    the printk caller id ({@code T123} for a task, {@code C1} for a CPU), or {@code null}: lines of
 *                  another caller interleaved with a report are not part of it
 */
record LogLine(Double timestamp, String message, boolean human, String caller) {
    private static final Pattern PREFIX = Pattern.compile(
            "^[\\s>]*(?:<\\d+>)?(?:\\[\\s*(\\d+\\.\\d+)\\]|\\[([A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d)(?: [A-Za-z0-9+-]{1,6})? (\\d{4})\\])?"
                    + "(?:\\s?\\[\\s*([TC]\\d+)\\])?\\s?(?:<\\d{1,2}>)?"
                    + "(?:(?:[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d|\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:[.,]\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)?)"
                    + " \\S+ kernel: (?:\\[\\s*(\\d+\\.\\d+)\\]\\s?)?)?");
    private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

    static LogLine of(String line) {
        LogLine fast = console(line);
        if (fast != null) {
            return fast;
        }
        Matcher m = PREFIX.matcher(line);
        if (!m.lookingAt()) {
            return new LogLine(null, line.strip(), false, null);
        }
        if (m.group(2) != null) {
            return new LogLine(epochSeconds(m.group(2) + " " + m.group(3)), line.substring(m.end()), true, m.group(4));
        }
        String ts = m.group(1) != null ? m.group(1) : m.group(5);
        return new LogLine(ts == null ? null : Double.valueOf(ts), line.substring(m.end()), false, m.group(4));
    }

    /**
     * {@code [   12.345678] msg} and {@code [   12.345678][ T123] msg}, nearly every line of a console
     * log, read without the regular expression (the result is the one it gives); {@code null} for any
     * other shape, which the expression reads.
     */
    private static LogLine console(String line) {
        int n = line.length();
        if (n < 4 || line.charAt(0) != '[') {
            return null;
        }
        int i = 1;
        while (i < n && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        int digits = i;
        while (i < n && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
            i++;
        }
        if (i == digits || i + 1 >= n || line.charAt(i) != '.' || line.charAt(i + 1) < '0' || line.charAt(i + 1) > '9') {
            return null;
        }
        i++;
        while (i < n && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
            i++;
        }
        if (i >= n || line.charAt(i) != ']') {
            return null;
        }
        String ts = line.substring(digits, i);
        i++;
        String caller = null;
        int j = i < n && Character.isWhitespace(line.charAt(i)) ? i + 1 : i;
        if (j < n && line.charAt(j) == '[') {
            int k = j + 1;
            while (k < n && Character.isWhitespace(line.charAt(k))) {
                k++;
            }
            int id = k;
            if (k < n && (line.charAt(k) == 'T' || line.charAt(k) == 'C')) {
                k++;
                int num = k;
                while (k < n && line.charAt(k) >= '0' && line.charAt(k) <= '9') {
                    k++;
                }
                if (k > num && k < n && line.charAt(k) == ']') {
                    caller = line.substring(id, k);
                    i = k + 1;
                }
            }
        }
        if (i < n && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        if (i < n && (line.charAt(i) == '<' || i + 3 < n && line.charAt(i) >= 'A' && line.charAt(i) <= 'Z' && Character.isLowerCase(line.charAt(i + 1))
                && Character.isLowerCase(line.charAt(i + 2)) && line.charAt(i + 3) == ' ')) {
            return null; // a level or a syslog date may follow: the expression knows those
        }
        return new LogLine(Double.valueOf(ts), line.substring(i), false, caller);
    }

    private static Double epochSeconds(String text) {
        try {
            return (double) LocalDateTime.parse(text, HUMAN).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
