package org.crashscope.transcript.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel log line split into its timestamp and message. Prefixes seen in real logs: {@code [ts]},
 * {@code <4>[ts]}, a caller id {@code [T123]}, syslog/journald {@code Mon DD HH:MM:SS host kernel:},
 * and mail quoting {@code > }.
 */
record LogLine(Double timestamp, String message) {
    private static final Pattern PREFIX = Pattern.compile(
            "^[\\s>]*(?:<\\d+>)?(?:\\[\\s*(\\d+\\.\\d+)\\])?(?:\\[[TC]\\d+\\])?\\s?"
                    + "(?:[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\S+ kernel: (?:\\[\\s*(\\d+\\.\\d+)\\]\\s?)?)?");

    static LogLine of(String line) {
        Matcher m = PREFIX.matcher(line);
        if (!m.lookingAt()) {
            return new LogLine(null, line.strip());
        }
        String ts = m.group(1) != null ? m.group(1) : m.group(2);
        return new LogLine(ts == null ? null : Double.valueOf(ts), line.substring(m.end()));
    }
}
