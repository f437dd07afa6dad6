package org.crashscope.presentation;

import org.crashscope.analysis.TranscriptAnalysis;
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

    /** Every meaning of every value of {@code analysis}, each once: the exact ones by value, and the ranges. */
    static void collect(TranscriptAnalysis analysis, java.util.function.BiConsumer<Long, Meaning> exact, java.util.function.Consumer<Range> ranges) {
        int[] order = {0};
        Sink out = (value, kind, text, line) -> {
            if (value != null) {
                exact.accept(value, new Meaning(kind, text, line, order[0]++));
            }
        };
        for (CheckedWalk checked : analysis.paging().walks()) {
            Walk w = checked.walk();
            int line = w.span().first();
            out.add(w.virtual(), Meaning.Kind.WALK, "the virtual address translated by `" + w.command() + "`", line);
            out.add(w.physical(), Meaning.Kind.WALK, "the physical address `" + w.command() + "` translates to", line);
            if (w.page() != null) {
                out.add(w.page(), Meaning.Kind.PHYSICAL_PAGE, "the " + sizeName(w.pageSize()) + " page `" + w.command() + "` reaches", line);
            }
            for (WalkLevel level : w.levels()) {
                out.add(level.value(), Meaning.Kind.WALK_LEVEL, "the " + level.level() + " entry read by `" + w.command() + "`", level.line());
                out.add(level.entryAddress(), Meaning.Kind.WALK_LEVEL, "the physical address of the " + level.level() + " entry of `" + w.command() + "`",
                        level.line());
            }
            if (w.vma() != null) {
                ranges.accept(new Range(w.vma().start(), w.vma().end(), w.vma().end(), new Meaning(Meaning.Kind.VMA, String.format(
                        "inside the VMA %x-%x%s of `%s`", w.vma().start(), w.vma().end(), w.vma().file() == null ? "" : " (" + w.vma().file() + ")",
                        w.command()), w.vma().line(), order[0]++)));
            }
        }
        for (PageTable table : analysis.paging().tables()) {
            for (TableSlot slot : table.slots()) {
                if (!slot.empty()) {
                    out.add(slot.entry().value(), Meaning.Kind.TABLE_SLOT, String.format("the entry in slot 0x%x of the %s table at 0x%x", slot.index(),
                            table.level(), table.base()), slot.line());
                }
                out.add(slot.address(), Meaning.Kind.TABLE_SLOT, String.format("the address of slot 0x%x of the %s table at 0x%x", slot.index(), table.level(),
                        table.base()), slot.line());
                if (!slot.empty() && slot.entry().leaf()) {
                    long page = slot.entry().physical();
                    ranges.accept(new Range(page, page + slot.entry().pageSize(), page, new Meaning(Meaning.Kind.PHYSICAL_PAGE, String.format(
                            "inside the %s page of slot 0x%x of the %s table at 0x%x", sizeName(slot.entry().pageSize()), slot.index(), table.level(),
                            table.base()), slot.line(), order[0]++)));
                }
            }
        }
        for (AnnotatedSlot slot : analysis.slots()) {
            out.add(slot.slot().value(), Meaning.Kind.STACK_SLOT, "the word at " + Long.toHexString(slot.slot().address()) + " on the stack: " + slot.label(),
                    slot.slot().line());
            out.add(slot.slot().address(), Meaning.Kind.STACK_SLOT, "the stack address of a word holding " + slot.label(), slot.slot().line());
            out.add(slot.slot().slabObject(), Meaning.Kind.SLAB_OBJECT, "a " + slot.slot().slabCache() + " object on the stack", slot.slot().line());
        }
        for (MemoryDump dump : analysis.parsed().memoryDumps()) {
            for (int r = 0; r < dump.rows().size(); r++) {
                if (!dump.rows().tagged(r)) {
                    continue; // words only: no symbol, no slab tag
                }
                for (MemoryDump.Value v : dump.rows().values(r)) {
                    if (v.slabObject() != null) {
                        out.add(v.slabObject(), Meaning.Kind.SLAB_OBJECT, String.format("a %s slab object, as `%s` tags the word at 0x%x", v.slabCache(),
                                dump.command().isEmpty() ? "rd" : dump.command(), v.address()), dump.rows().line(r));
                    }
                }
            }
        }
        for (Oops oops : analysis.parsed().oopses()) {
            if (oops.registers() == null) {
                continue;
            }
            for (Map.Entry<String, Long> register : oops.registers().values().entrySet()) {
                out.add(register.getValue(), Meaning.Kind.REGISTER, register.getKey().toUpperCase(java.util.Locale.ROOT) + " at the oops", oops.line());
            }
        }
        for (Backtrace bt : analysis.parsed().backtraces()) {
            for (Frame frame : bt.frames()) {
                out.add(frame.address(), Meaning.Kind.SYMBOL, frame.function() + (frame.offset() == 0 ? "" : "+0x" + Long.toHexString(frame.offset()))
                        + " (frame #" + frame.index() + ")", frame.line());
            }
        }
        for (KmemPages kmem : analysis.parsed().kmemPages()) {
            for (PageRow row : kmem.pages()) {
                out.add(row.page(), Meaning.Kind.PHYSICAL_PAGE, String.format("the struct page of physical 0x%x", row.physical()), row.line());
                out.add(row.physical(), Meaning.Kind.PHYSICAL_PAGE, String.format("the physical page described by struct page 0x%x", row.page()), row.line());
            }
        }
        for (Ptov ptov : analysis.parsed().ptovs()) {
            for (Ptov.Mapping m : ptov.mappings()) {
                out.add(m.physical(), Meaning.Kind.PHYSICAL_PAGE, String.format("physical, mapped at virtual 0x%x", m.virtual()), m.line());
                out.add(m.virtual(), Meaning.Kind.WALK, String.format("the kernel virtual address of physical 0x%x", m.physical()), m.line());
            }
        }
    }

    /** Where a meaning goes: a {@code null} value (no such field) means none. */
    private interface Sink {
        void add(Long value, Meaning.Kind kind, String text, int line);
    }

    private static String sizeName(long size) {
        return size >= 1L << 30 ? (size >> 30) + " GiB" : size >= 1L << 20 ? (size >> 20) + " MiB" : (size >> 10) + " KiB";
    }
}
