package org.crashscope.presentation;

import java.util.List;
import java.util.Map;

/**
 * The crash session the transcript records (crash's banner and {@code sys}), values as printed.
 *
 * @param line   the first line of the header, or 0 when there is none
 * @param fields the values by contract key, in crash's order
 * @param lines  the line of each value
 * @param panic  the panic string without crash's quotes, or {@code null}
 * @param pid    the panic task's PID, {@code command} its command without quotes, {@code cpu} its CPU; each {@code null} when not printed
 */
public record SessionInfo(int line, Map<String, String> fields, Map<String, Integer> lines, String panic, Long pid, String command, Integer cpu) {

    /** The contract keys in crash's order, with crash's names for them. */
    public static final List<String[]> KEYS = org.crashscope.analysis.Session.KEYS;

    public boolean present() {
        return !fields.isEmpty();
    }

    public String get(String key) {
        return fields.get(key);
    }

    /** The line of a value, or 0. */
    public int lineOf(String key) {
        return lines.getOrDefault(key, 0);
    }
}
