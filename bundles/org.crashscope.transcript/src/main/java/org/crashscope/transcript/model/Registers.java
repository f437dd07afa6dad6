package org.crashscope.transcript.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Register values by lower-case name ({@code rax}, {@code r8}, {@code orig_rax}, {@code cr3} ...), in the order printed. */
public record Registers(Map<String, Long> values) {

    public Registers {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Long get(String name) {
        return values.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
