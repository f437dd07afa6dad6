package org.crashscope.transcript.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Register values by lower-case name ({@code rax}, {@code r8}, {@code orig_rax}, {@code cr3} ...), in the order printed.
 * Held as the names (one list for every set that prints the same registers) and two arrays: a {@code foreach bt} of a
 * big machine has tens of thousands of exception frames, whose maps of boxed values and lines were 2.5 KB each.
 *
 * @param lines the line each register was printed on, where the parser knew it (a register may have none); an oops's
 *              {@code rip} is the line of its {@code RIP: 0010:function+offset}
 */
public record Registers(Map<String, Long> values, Map<String, Integer> lines) {

    private static final int NO_LINE = Integer.MIN_VALUE;

    public Registers {
        List<String> names = Shared.texts(List.copyOf(values.keySet())); // (a name one of a few dozen)
        long[] held = new long[names.size()];
        int i = 0;
        boolean numbers = true;
        for (Long value : values.values()) {
            numbers &= value != null;
            held[i++] = value == null ? 0 : value;
        }
        int[] at = new int[names.size()];
        Arrays.fill(at, NO_LINE);
        boolean known = true;
        for (Map.Entry<String, Integer> line : lines.entrySet()) {
            int k = names.indexOf(line.getKey());
            known &= k >= 0 && line.getValue() != null && line.getValue() != NO_LINE;
            if (known) {
                at[k] = line.getValue();
            }
        }
        if (numbers && known) {
            values = new Named<>(names, held, null);
            lines = new Named<>(names, null, at);
        } else { // a line of a register without a value (an x86-64 oops's RIP: line names the function, not a number), or a null value: maps
            Map<String, Long> named = new LinkedHashMap<>();
            values.forEach((name, value) -> named.put(Shared.text(name), value));
            values = Collections.unmodifiableMap(named);
            Map<String, Integer> lineOf = new HashMap<>();
            lines.forEach((name, line) -> lineOf.put(Shared.text(name), line));
            lines = Collections.unmodifiableMap(lineOf);
        }
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

    /** The values, or the lines, of registers by name, in the names' order (a line not known is no entry). Unmodifiable. */
    private static final class Named<V> extends AbstractMap<String, V> {
        private final List<String> names;
        private final long[] values;
        private final int[] lines;

        Named(List<String> names, long[] values, int[] lines) {
            this.names = names;
            this.values = values;
            this.lines = lines;
        }

        @SuppressWarnings("unchecked")
        private V at(int i) {
            Object value;
            if (values != null) {
                value = Long.valueOf(values[i]);
            } else {
                value = lines[i] == NO_LINE ? null : Integer.valueOf(lines[i]);
            }
            return (V) value;
        }

        @Override
        public V get(Object key) {
            int i = names.indexOf(key);
            return i < 0 ? null : at(i);
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Map.Entry<String, V>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, V>> iterator() {
                    return new Iterator<>() {
                        private int next = advance(0);

                        private int advance(int from) {
                            int i = from;
                            while (i < names.size() && at(i) == null) {
                                i++;
                            }
                            return i;
                        }

                        @Override
                        public boolean hasNext() {
                            return next < names.size();
                        }

                        @Override
                        public Map.Entry<String, V> next() {
                            if (!hasNext()) {
                                throw new NoSuchElementException();
                            }
                            Map.Entry<String, V> e = Map.entry(names.get(next), at(next));
                            next = advance(next + 1);
                            return e;
                        }
                    };
                }

                @Override
                public int size() {
                    int n = 0;
                    for (int i = 0; i < names.size(); i++) {
                        n += at(i) == null ? 0 : 1;
                    }
                    return n;
                }
            };
        }
    }
}
