package org.crashscope.analysis;

import java.util.ArrayList;
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

/**
 * Everything a value seen in a transcript is, according to the analysis: an address a walk
 * translates or the physical page it reaches, a page-table entry or the address of one, a table
 * slot, a stack word or the stack address of one, a register at the fault, a VMA's range, a struct
 * page or the physical address it describes, a symbol's address, a slab object. What an analyst
 * asks when the caret is on a hex number.
 */
public final class ValueMeanings {

    /** One meaning: what kind of thing, a sentence, and the line that shows it. */
    public record Meaning(Kind kind, String text, int line) {

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

    /** The meanings of {@code value} in {@code analysis}, in the order of the views (walks, tables, stack, registers, pages). */
    public static List<Meaning> of(TranscriptAnalysis analysis, long value) {
        List<Meaning> out = new ArrayList<>();
        for (CheckedWalk checked : analysis.paging().walks()) {
            Walk w = checked.walk();
            int line = w.span().first();
            if (w.virtual() != null && w.virtual() == value) {
                out.add(new Meaning(Meaning.Kind.WALK, "the virtual address translated by `" + w.command() + "`", line));
            }
            if (w.physical() != null && w.physical() == value) {
                out.add(new Meaning(Meaning.Kind.WALK, "the physical address `" + w.command() + "` translates to", line));
            }
            if (w.page() != null && w.page() == value) {
                out.add(new Meaning(Meaning.Kind.PHYSICAL_PAGE, "the " + sizeName(w.pageSize()) + " page `" + w.command() + "` reaches", line));
            }
            for (WalkLevel level : w.levels()) {
                if (level.value() == value) {
                    out.add(new Meaning(Meaning.Kind.WALK_LEVEL, "the " + level.level() + " entry read by `" + w.command() + "`", level.line()));
                }
                if (level.entryAddress() == value) {
                    out.add(new Meaning(Meaning.Kind.WALK_LEVEL, "the physical address of the " + level.level() + " entry of `" + w.command() + "`",
                            level.line()));
                }
            }
            if (w.vma() != null && value >= w.vma().start() && value < w.vma().end()) {
                out.add(new Meaning(Meaning.Kind.VMA, String.format("inside the VMA %x-%x%s of `%s`", w.vma().start(), w.vma().end(),
                        w.vma().file() == null ? "" : " (" + w.vma().file() + ")", w.command()), w.vma().line()));
            }
        }
        for (PageTable table : analysis.paging().tables()) {
            for (TableSlot slot : table.slots()) {
                if (!slot.empty() && slot.entry().value() == value) {
                    out.add(new Meaning(Meaning.Kind.TABLE_SLOT, String.format("the entry in slot 0x%x of the %s table at 0x%x", slot.index(), table.level(),
                            table.base()), slot.line()));
                }
                if (slot.address() == value) {
                    out.add(new Meaning(Meaning.Kind.TABLE_SLOT, String.format("the address of slot 0x%x of the %s table at 0x%x", slot.index(), table.level(),
                            table.base()), slot.line()));
                }
                if (!slot.empty() && slot.entry().leaf() && value >= slot.entry().physical() && value < slot.entry().physical() + slot.entry().pageSize()
                        && slot.entry().physical() != value) {
                    out.add(new Meaning(Meaning.Kind.PHYSICAL_PAGE, String.format("inside the %s page of slot 0x%x of the %s table at 0x%x",
                            sizeName(slot.entry().pageSize()), slot.index(), table.level(), table.base()), slot.line()));
                }
            }
        }
        for (AnnotatedSlot slot : analysis.slots()) {
            if (slot.slot().value() != null && slot.slot().value() == value) {
                out.add(new Meaning(Meaning.Kind.STACK_SLOT, "the word at " + Long.toHexString(slot.slot().address()) + " on the stack: " + slot.label(),
                        slot.slot().line()));
            }
            if (slot.slot().address() == value) {
                out.add(new Meaning(Meaning.Kind.STACK_SLOT, "the stack address of a word holding " + slot.label(), slot.slot().line()));
            }
            if (slot.slot().slabObject() != null && slot.slot().slabObject() == value) {
                out.add(new Meaning(Meaning.Kind.SLAB_OBJECT, "a " + slot.slot().slabCache() + " object on the stack", slot.slot().line()));
            }
        }
        for (MemoryDump dump : analysis.parsed().memoryDumps()) {
            for (MemoryDump.Row row : dump.rows()) {
                for (MemoryDump.Value v : row.values()) {
                    if (v.slabObject() != null && v.slabObject() == value) {
                        out.add(new Meaning(Meaning.Kind.SLAB_OBJECT, String.format("a %s slab object, as `%s` tags the word at 0x%x", v.slabCache(),
                                dump.command().isEmpty() ? "rd" : dump.command(), v.address()), row.line()));
                    }
                }
            }
        }
        for (Oops oops : analysis.parsed().oopses()) {
            if (oops.registers() == null) {
                continue;
            }
            for (Map.Entry<String, Long> register : oops.registers().values().entrySet()) {
                if (register.getValue() == value) {
                    out.add(new Meaning(Meaning.Kind.REGISTER, register.getKey().toUpperCase(java.util.Locale.ROOT) + " at the oops", oops.line()));
                }
            }
        }
        for (Backtrace bt : analysis.parsed().backtraces()) {
            for (Frame frame : bt.frames()) {
                if (frame.address() != null && frame.address() == value) {
                    out.add(new Meaning(Meaning.Kind.SYMBOL, frame.function() + (frame.offset() == 0 ? "" : "+0x" + Long.toHexString(frame.offset()))
                            + " (frame #" + frame.index() + ")", frame.line()));
                }
            }
        }
        for (KmemPages kmem : analysis.parsed().kmemPages()) {
            for (PageRow row : kmem.pages()) {
                if (row.page() == value) {
                    out.add(new Meaning(Meaning.Kind.PHYSICAL_PAGE, String.format("the struct page of physical 0x%x", row.physical()), row.line()));
                }
                if (row.physical() == value) {
                    out.add(new Meaning(Meaning.Kind.PHYSICAL_PAGE, String.format("the physical page described by struct page 0x%x", row.page()), row.line()));
                }
            }
        }
        for (Ptov ptov : analysis.parsed().ptovs()) {
            for (Ptov.Mapping m : ptov.mappings()) {
                if (m.physical() == value) {
                    out.add(new Meaning(Meaning.Kind.PHYSICAL_PAGE, String.format("physical, mapped at virtual 0x%x", m.virtual()), m.line()));
                }
                if (m.virtual() == value) {
                    out.add(new Meaning(Meaning.Kind.WALK, String.format("the kernel virtual address of physical 0x%x", m.physical()), m.line()));
                }
            }
        }
        return out;
    }

    private static String sizeName(long size) {
        return size >= 1L << 30 ? (size >> 30) + " GiB" : size >= 1L << 20 ? (size >> 20) + " MiB" : (size >> 10) + " KiB";
    }
}
