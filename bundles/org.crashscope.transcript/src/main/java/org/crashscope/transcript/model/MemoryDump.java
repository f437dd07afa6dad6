package org.crashscope.transcript.model;

import java.util.List;

/**
 * An {@code rd} dump (with or without its prompt): rows of {@code ADDR:  VALUE VALUE  ascii}, held as
 * columns ({@link DumpRows}): a row and its values are records made when asked for.
 *
 * @param width the value width in bytes (1, 2, 4 or 8)
 */
public record MemoryDump(Span span, String command, int width, DumpRows rows, List<Annotation> annotations, List<Diagnostic> diagnostics)
        implements ParsedRecord {

    /**
     * A value of a row; {@code symbol} is set when {@code rd -s/-S} printed a symbol instead of a
     * number, {@code slabCache} (and with {@code -SS} {@code slabObject}) when it printed a slab tag
     * ({@code [size-4096]}, {@code [f779c180:filp]}).
     */
    public record Value(long address, Long value, String symbol, Long slabObject, String slabCache) {

        public Value {
            symbol = Shared.text(symbol);
            slabCache = Shared.text(slabCache);
        }

        public Value(long address, Long value, String symbol) {
            this(address, value, symbol, null, null);
        }
    }

    public record Row(int line, long address, List<Value> values, String ascii) {

        public Row {
            ascii = Shared.text(ascii);
        }
    }

    /** Every value in address order, as records (a copy: a big dump's readers go through {@link #rows()}). */
    public List<Value> values() {
        return rows.stream().flatMap(r -> r.values().stream()).toList();
    }
}
