package org.crashscope.transcript.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Register values by lower-case name ({@code rax}, {@code r8}, {@code orig_rax}, {@code cr3} ...), in the order printed.
 *
 * @param lines the line each register was printed on, where the parser knew it (a register may have none); an oops's
 *              {@code rip} is the line of its {@code RIP: 0010:function+offset}
 */
public record Registers(Map<String, Long> values, Map<String, Integer> lines) {

    public Registers {
        // a register's name is one of a few dozen, in every exception frame of a big transcript
        Map<String, Long> named = new LinkedHashMap<>();
        values.forEach((name, value) -> named.put(Shared.text(name), value));
        values = Collections.unmodifiableMap(named);
        Map<String, Integer> at = new HashMap<>();
        lines.forEach((name, line) -> at.put(Shared.text(name), line));
        lines = Map.copyOf(at);
    }

    public Registers(Map<String, Long> values) {
        this(values, Map.of());
    }

    public Long get(String name) {
        return values.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** The line that prints the register, or {@code null} when not known. */
    public Integer lineOf(String name) {
        return lines.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
