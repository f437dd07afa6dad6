package org.crashscope.transcript.model;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A {@code dis} output's instructions held as columns, each {@link Disassembly.Instruction} made when asked for.
 * A {@code dis} of a big range is millions of lines: as records (an instruction, its symbol and its text each) 150
 * bytes a line; as columns the text's bytes, the symbol's name and the source line a reference, and the line,
 * address, symbol offset and text length a byte each while they step a little (about 45). Unmodifiable.
 */
public final class Instructions extends AbstractList<Disassembly.Instruction> implements RandomAccess {

    /** Below this many instructions a block keeps its records (the columns' arrays would outweigh them). */
    static final int SMALLEST = 64;

    private final int size;
    private final Columns.Deltas lines;
    private final Columns.Deltas addresses;
    /** the symbol's name, {@code null} for an instruction without a symbol */
    private final Columns.Refs<String> names;
    private final Columns.Deltas offsets;
    /** where each text ends in {@link #text} (UTF-8) */
    private final Columns.Deltas ends;
    private final Columns.Bytes text;
    private final Columns.Refs<String> sources;

    private Instructions(Held held) {
        size = held.size;
        lines = held.lines;
        addresses = held.addresses;
        names = held.names;
        offsets = held.offsets;
        ends = held.ends;
        text = held.text;
        sources = held.sources;
    }

    /** The columns instructions are appended to. */
    private static final class Held {
        private int size;
        private final Columns.Deltas lines = new Columns.Deltas();
        private final Columns.Deltas addresses = new Columns.Deltas();
        private final Columns.Refs<String> names = new Columns.Refs<>();
        private final Columns.Deltas offsets = new Columns.Deltas();
        private final Columns.Deltas ends = new Columns.Deltas();
        private final Columns.Bytes text = new Columns.Bytes();
        private final Columns.Refs<String> sources = new Columns.Refs<>();
        private long end;

        void append(Disassembly.Instruction insn) {
            lines.add(insn.line());
            addresses.add(insn.address());
            names.add(insn.symbol() == null ? null : insn.symbol().name());
            offsets.add(insn.symbol() == null ? 0 : insn.symbol().offset());
            byte[] bytes = insn.text().getBytes(StandardCharsets.UTF_8);
            text.addAll(bytes);
            end += bytes.length;
            ends.add(end);
            sources.add(insn.source());
            size++;
        }
    }

    /** Appends instructions one by one: records while they are few, columns from {@link #SMALLEST} on; {@link #build} gives the list. */
    public static final class Builder {
        private final List<Disassembly.Instruction> few = new ArrayList<>();
        private Held many;

        public void add(Disassembly.Instruction insn) {
            if (many != null) {
                many.append(insn);
            } else if (few.size() + 1 < SMALLEST) {
                few.add(insn);
            } else {
                many = new Held();
                few.forEach(many::append);
                few.clear();
                many.append(insn);
            }
        }

        /** The instructions added so far (what is added later is not in them). */
        public List<Disassembly.Instruction> build() {
            return many != null ? new Instructions(many) : List.copyOf(few);
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Disassembly.Instruction get(int i) {
        java.util.Objects.checkIndex(i, size);
        String name = names.get(i);
        int from = i == 0 ? 0 : (int) ends.get(i - 1);
        String insn = new String(text.get(from, (int) ends.get(i) - from), StandardCharsets.UTF_8);
        return new Disassembly.Instruction((int) lines.get(i), addresses.get(i), name == null ? null : new Symbol(name, offsets.get(i)), insn, sources.get(i));
    }
}
