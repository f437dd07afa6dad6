package org.crashscope.presentation;

import org.crashscope.analysis.TranscriptAnalysis;
import java.util.List;
import java.util.Map;

import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.Frame;
import org.crashscope.transcript.model.KmemPages;
import org.crashscope.transcript.model.MemoryDump;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.PageRow;
import org.crashscope.transcript.model.Ptov;
import org.crashscope.transcript.model.Walk;
import org.crashscope.transcript.model.WalkLevel;
import org.crashscope.arch.paging.CheckedWalk;
import org.crashscope.arch.paging.PageTable;
import org.crashscope.arch.paging.TableSlot;
import org.crashscope.analysis.stack.AnnotatedSlot;
import org.crashscope.analysis.stack.StackSlotAnnotator;
import org.crashscope.transcript.model.StackSlot;

/**
 * Everything a value seen in a transcript is, according to the analysis: an address a walk
 * translates or the physical page it reaches, a page-table entry or the address of one, a table
 * slot, a stack word or the stack address of one, a register at the fault, a VMA's range, a struct
 * page or the physical address it describes, a symbol's address, a slab object. What an analyst
 * asks when the caret is on a hex number.
 */
public final class ValueMeanings {

    /** One meaning: what kind of thing, a sentence, and the line that shows it; {@code order} sorts a value's meanings as the views list them. */
    public record Meaning(Kind kind, String text, int line, int order) {

        /** What the place of the value is, with the name the views show. */
        public enum Kind {
            WALK("walk"), PHYSICAL_PAGE("physical page"), WALK_LEVEL("walk level"), VMA("VMA"), TABLE_SLOT("table slot"), STACK_SLOT("stack slot"),
            SLAB_OBJECT("slab object"), REGISTER("register"), SYMBOL("symbol");

            private final String label;

            Kind(String label) {
                this.label = label;
            }

            public String label() {
                return label;
            }

            @Override
            public String toString() {
                return label;
            }
        }
    }

    private ValueMeanings() {
    }

    /** A meaning of every value in [{@code start}, {@code end}) except {@code except} (a VMA, a huge page). */
    record Range(long start, long end, long except, Meaning meaning) {
    }

    /** The kinds of records that give meanings, numbered: a meaning is found again from its record's kind, number and place among its meanings. */
    enum Source {
        WALK, TABLE_SLOT, STACK_WORD, DUMP_ROW, OOPS, FRAME, KMEM_ROW, PTOV
    }

    /** Where a record's meanings go: a {@code null} value (no such field) means none; the text is made only when it is wanted. */
    interface Sink {
        void add(Long value, Meaning.Kind kind, java.util.function.Supplier<String> text, int line);

        /** A meaning of every value in [{@code start}, {@code end}) except {@code except}. */
        void range(long start, long end, long except, Meaning.Kind kind, java.util.function.Supplier<String> text, int line);
    }

    /** Where the records go, in order: each with its kind and its number among the records of that kind. */
    interface Records {
        /** The sink of the meanings of the record {@code number} of {@code source}. */
        Sink record(Source source, long number);
    }

    /**
     * Every record that gives meanings, in the order the views list them (walks, tables, stack, registers,
     * pages), each numbered within its kind as {@link #meanings} finds it again.
     */
    static void collect(TranscriptAnalysis analysis, Records records) {
        List<CheckedWalk> walks = analysis.paging().walks();
        for (int i = 0; i < walks.size(); i++) {
            walk(walks.get(i), records.record(Source.WALK, i));
        }
        long number = 0;
        for (PageTable table : analysis.paging().tables()) {
            for (TableSlot slot : table.slots()) {
                tableSlot(table, slot, records.record(Source.TABLE_SLOT, number++));
            }
        }
        List<AnnotatedSlot> words = analysis.slots();
        for (int i = 0; i < words.size(); i++) {
            // (the word's label made only when its text is wanted: a big bt -FF is a million words)
            AnnotatedSlot[] annotated = new AnnotatedSlot[1];
            int at = i;
            stackWord(StackSlotAnnotator.wordAt(words, i), () -> (annotated[0] == null ? annotated[0] = words.get(at) : annotated[0]).label(),
                    records.record(Source.STACK_WORD, i));
        }
        number = 0;
        for (MemoryDump dump : analysis.parsed().memoryDumps()) {
            for (int r = 0; r < dump.rows().size(); r++, number++) {
                if (dump.rows().tagged(r)) { // words only (no symbol, no slab tag) mean nothing here
                    dumpRow(dump, r, records.record(Source.DUMP_ROW, number));
                }
            }
        }
        List<Oops> oopses = analysis.parsed().oopses();
        for (int i = 0; i < oopses.size(); i++) {
            oops(oopses.get(i), records.record(Source.OOPS, i));
        }
        number = 0;
        for (Backtrace bt : analysis.parsed().backtraces()) {
            for (Frame frame : bt.frames()) {
                frame(frame, records.record(Source.FRAME, number++));
            }
        }
        number = 0;
        for (KmemPages kmem : analysis.parsed().kmemPages()) {
            for (PageRow row : kmem.pages()) {
                kmemRow(row, records.record(Source.KMEM_ROW, number++));
            }
        }
        number = 0;
        for (Ptov ptov : analysis.parsed().ptovs()) {
            for (Ptov.Mapping m : ptov.mappings()) {
                ptov(m, records.record(Source.PTOV, number++));
            }
        }
    }

    /**
     * Where each list's items start for the kinds of records counted across lists (table slots, dump rows, frames,
     * kmem -p rows, ptov mappings): each array one longer than its lists, ascending, made once for an analysis.
     */
    static final class Starts {
        private final long[] tables;
        private final long[] dumps;
        private final long[] frames;
        private final long[] kmems;
        private final long[] ptovs;

        Starts(TranscriptAnalysis analysis) {
            tables = starts(analysis.paging().tables(), t -> t.slots().size());
            dumps = starts(analysis.parsed().memoryDumps(), d -> d.rows().size());
            frames = starts(analysis.parsed().backtraces(), b -> b.frames().size());
            kmems = starts(analysis.parsed().kmemPages(), k -> k.pages().size());
            ptovs = starts(analysis.parsed().ptovs(), p -> p.mappings().size());
        }

        private static <R> long[] starts(List<R> lists, java.util.function.ToIntFunction<R> size) {
            long[] out = new long[lists.size() + 1];
            for (int r = 0; r < lists.size(); r++) {
                out[r + 1] = out[r] + size.applyAsInt(lists.get(r));
            }
            return out;
        }

        /** Item {@code number} counted across the lists {@code starts} tells apart, given to {@code at} as its list's position and its own there. */
        private static void nth(long[] starts, long number, java.util.function.BiConsumer<Integer, Integer> at) {
            int lo = 0;
            int hi = starts.length;
            while (lo < hi) { // the first list that starts after the item
                int mid = (lo + hi) >>> 1;
                if (starts[mid] <= number) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (lo > 0 && lo < starts.length) {
                at.accept(lo - 1, (int) (number - starts[lo - 1]));
            }
        }
    }

    /** The record {@code number} of {@code source} given to {@code out}: as {@link #collect} gave it. */
    static void record(TranscriptAnalysis analysis, Starts starts, Source source, long number, Sink out) {
        switch (source) {
            case WALK -> walk(analysis.paging().walks().get((int) number), out);
            case TABLE_SLOT -> {
                List<PageTable> tables = analysis.paging().tables();
                Starts.nth(starts.tables, number, (t, i) -> tableSlot(tables.get(t), tables.get(t).slots().get(i), out));
            }
            case STACK_WORD -> {
                AnnotatedSlot word = analysis.slots().get((int) number);
                stackWord(word.slot(), word::label, out);
            }
            case DUMP_ROW -> {
                List<MemoryDump> dumps = analysis.parsed().memoryDumps();
                Starts.nth(starts.dumps, number, (d, i) -> dumpRow(dumps.get(d), i, out));
            }
            case OOPS -> oops(analysis.parsed().oopses().get((int) number), out);
            case FRAME -> {
                List<Backtrace> traces = analysis.parsed().backtraces();
                Starts.nth(starts.frames, number, (t, i) -> frame(traces.get(t).frames().get(i), out));
            }
            case KMEM_ROW -> {
                List<KmemPages> kmems = analysis.parsed().kmemPages();
                Starts.nth(starts.kmems, number, (k, i) -> kmemRow(kmems.get(k).pages().get(i), out));
            }
            case PTOV -> {
                List<Ptov> ptovs = analysis.parsed().ptovs();
                Starts.nth(starts.ptovs, number, (p, i) -> ptov(ptovs.get(p).mappings().get(i), out));
            }
        }
    }

    private static void walk(CheckedWalk checked, Sink out) {
        Walk w = checked.walk();
        int line = w.span().first();
        out.add(w.virtual(), Meaning.Kind.WALK, () -> "the virtual address translated by `" + w.command() + "`", line);
        out.add(w.physical(), Meaning.Kind.WALK, () -> "the physical address `" + w.command() + "` translates to", line);
        if (w.page() != null) {
            out.add(w.page(), Meaning.Kind.PHYSICAL_PAGE, () -> "the " + sizeName(w.pageSize()) + " page `" + w.command() + "` reaches", line);
        }
        for (WalkLevel level : w.levels()) {
            out.add(level.value(), Meaning.Kind.WALK_LEVEL, () -> "the " + level.level() + " entry read by `" + w.command() + "`", level.line());
            out.add(level.entryAddress(), Meaning.Kind.WALK_LEVEL, () -> "the physical address of the " + level.level() + " entry of `" + w.command() + "`",
                    level.line());
        }
        if (w.vma() != null) {
            out.range(w.vma().start(), w.vma().end(), w.vma().end(), Meaning.Kind.VMA, () -> String.format("inside the VMA %x-%x%s of `%s`", w.vma().start(),
                    w.vma().end(), w.vma().file() == null ? "" : " (" + w.vma().file() + ")", w.command()), w.vma().line());
        }
    }

    private static void tableSlot(PageTable table, TableSlot slot, Sink out) {
        if (!slot.empty()) {
            out.add(slot.entry().value(), Meaning.Kind.TABLE_SLOT, () -> String.format("the entry in slot 0x%x of the %s table at 0x%x", slot.index(),
                    table.level(), table.base()), slot.line());
        }
        out.add(slot.address(), Meaning.Kind.TABLE_SLOT, () -> String.format("the address of slot 0x%x of the %s table at 0x%x", slot.index(), table.level(),
                table.base()), slot.line());
        if (!slot.empty() && slot.entry().leaf()) {
            long page = slot.entry().physical();
            out.range(page, page + slot.entry().pageSize(), page, Meaning.Kind.PHYSICAL_PAGE, () -> String.format(
                    "inside the %s page of slot 0x%x of the %s table at 0x%x", sizeName(slot.entry().pageSize()), slot.index(), table.level(),
                    table.base()), slot.line());
        }
    }

    private static void stackWord(StackSlot word, java.util.function.Supplier<String> label, Sink out) {
        out.add(word.value(), Meaning.Kind.STACK_SLOT, () -> "the word at " + Long.toHexString(word.address()) + " on the stack: " + label.get(), word.line());
        out.add(word.address(), Meaning.Kind.STACK_SLOT, () -> "the stack address of a word holding " + label.get(), word.line());
        out.add(word.slabObject(), Meaning.Kind.SLAB_OBJECT, () -> "a " + word.slabCache() + " object on the stack", word.line());
    }

    private static void dumpRow(MemoryDump dump, int row, Sink out) {
        for (MemoryDump.Value v : dump.rows().values(row)) {
            if (v.slabObject() != null) {
                out.add(v.slabObject(), Meaning.Kind.SLAB_OBJECT, () -> String.format("a %s slab object, as `%s` tags the word at 0x%x", v.slabCache(),
                        dump.command().isEmpty() ? "rd" : dump.command(), v.address()), dump.rows().line(row));
            }
        }
    }

    private static void oops(Oops oops, Sink out) {
        if (oops.registers() == null) {
            return;
        }
        for (Map.Entry<String, Long> register : oops.registers().values().entrySet()) {
            out.add(register.getValue(), Meaning.Kind.REGISTER, () -> register.getKey().toUpperCase(java.util.Locale.ROOT) + " at the oops", oops.line());
        }
    }

    private static void frame(Frame frame, Sink out) {
        out.add(frame.address(), Meaning.Kind.SYMBOL, () -> frame.function() + (frame.offset() == 0 ? "" : "+0x" + Long.toHexString(frame.offset()))
                + " (frame #" + frame.index() + ")", frame.line());
    }

    private static void kmemRow(PageRow row, Sink out) {
        out.add(row.page(), Meaning.Kind.PHYSICAL_PAGE, () -> String.format("the struct page of physical 0x%x", row.physical()), row.line());
        out.add(row.physical(), Meaning.Kind.PHYSICAL_PAGE, () -> String.format("the physical page described by struct page 0x%x", row.page()), row.line());
    }

    private static void ptov(Ptov.Mapping m, Sink out) {
        out.add(m.physical(), Meaning.Kind.PHYSICAL_PAGE, () -> String.format("physical, mapped at virtual 0x%x", m.virtual()), m.line());
        out.add(m.virtual(), Meaning.Kind.WALK, () -> String.format("the kernel virtual address of physical 0x%x", m.physical()), m.line());
    }

    private static String sizeName(long size) {
        return size >= 1L << 30 ? (size >> 30) + " GiB" : size >= 1L << 20 ? (size >> 20) + " MiB" : (size >> 10) + " KiB";
    }
}
