package org.crashscope.transcript.model;

import java.util.Map;

/**
 * The {@code KEY: value} header crash prints about a session: at start-up (the banner: KERNEL,
 * DUMPFILE ... PANIC, then PID, COMMAND, TASK, CPU, STATE of the panic task), for {@code sys},
 * and for {@code set} (the new context's PID, COMMAND, TASK, CPU, STATE). Keys are upper case as
 * printed, values as printed without surrounding blanks; {@code lines} says where each was printed.
 */
public record SysInfo(Span span, String command, Kind kind, Map<String, String> fields, Map<String, Integer> lines) implements ParsedRecord {

    /** Where the header came from. */
    public enum Kind {
        /** the start-up banner before the first prompt */
        BANNER,
        /** the output of {@code sys} */
        SYS,
        /** the output of {@code set PID} */
        SET
    }

    /** The value of {@code key}, or {@code null}. */
    public String get(String key) {
        return fields.get(key);
    }

    /** The line {@code key} was printed on, or the header's first line. */
    public int lineOf(String key) {
        return lines.getOrDefault(key, span.first());
    }
}
