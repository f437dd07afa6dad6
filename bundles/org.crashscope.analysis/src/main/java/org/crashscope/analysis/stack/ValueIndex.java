package org.crashscope.analysis.stack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.ExceptionFrame;
import org.crashscope.transcript.model.Frame;
import org.crashscope.transcript.model.HardwareError;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.StableOrder;
import org.crashscope.transcript.model.Vma;
import org.crashscope.transcript.model.Walk;
import org.crashscope.transcript.model.WalkLevel;
import org.crashscope.transcript.parse.ParsedTranscript;

/**
 * Where each value appears in a transcript, indexed once: the registers of exception frames and
 * oopses, walked addresses and entry values, the VMAs that contain it, the hardware errors whose
 * page it lies in. Built in one pass (linear in the records) and queried per value, so that a stack
 * of a thousand tasks costs what it holds, not its square. Registers of a frame crash called
 * possibly bogus are left out: they are no evidence.
 */
public final class ValueIndex {

    private final RegisterPlaces registers = new RegisterPlaces();
    private final TreeMap<Long, List<Vma>> vmas = new TreeMap<>();
    private final Map<Long, List<HardwareError>> errorPages = new HashMap<>();
    // asked from any thread: a stack word's annotation is made when a view, a writer or a rule reads it
    private final Map<Long, Links> memo = new java.util.concurrent.ConcurrentHashMap<>();
    // the walks' values, indexed when a stack word or a register first asks (a transcript of vtops alone never does)
    private final org.crashscope.transcript.model.Once<WalkPlaces> walkPlaces;

    public ValueIndex(ParsedTranscript parsed) {
        for (Backtrace bt : parsed.backtraces()) {
            for (Frame frame : bt.frames()) {
                ExceptionFrame e = frame.exception();
                if (e != null && !e.bogus()) {
                    registers(e.registers().values(), e);
                }
            }
        }
        for (Oops oops : parsed.oopses()) {
            registers(oops.registers().values(), oops);
        }
        registers.sort();
        List<Walk> walks = parsed.walks();
        walkPlaces = new org.crashscope.transcript.model.Once<>(() -> WalkPlaces.of(walks));
        for (Walk w : walks) {
            if (w.vma() != null) {
                vmas.computeIfAbsent(w.vma().start(), k -> new ArrayList<>()).add(w.vma());
            }
        }
        for (var vm : parsed.vmMaps()) {
            for (Vma v : vm.vmas()) {
                vmas.computeIfAbsent(v.start(), k -> new ArrayList<>()).add(v);
            }
        }
        for (HardwareError e : parsed.hardwareErrors()) {
            if (e.physicalAddress() != null) {
                errorPages.computeIfAbsent(e.physicalAddress() & ~0xfffL, k -> new ArrayList<>()).add(e);
            }
        }
    }

    static String where(ExceptionFrame e) {
        return (e.userMode() ? "user-mode" : "exception") + " frame at line " + e.span().first();
    }

    static String where(Oops oops) {
        return "oops at line " + oops.line();
    }

    /** @param set the exception frame or the oops that printed {@code registers} */
    private void registers(Map<String, Long> registers, Object set) {
        Map<Long, List<String>> names = new java.util.LinkedHashMap<>();
        registers.forEach((name, v) -> names.computeIfAbsent(v, k -> new ArrayList<>()).add(name));
        int at = this.registers.set(set);
        names.forEach((value, regs) -> {
            if (value == 0 || value == 1) {
                return; // (in over a third of a foreach bt's registers, and no question asks for them: trivial, below any user address)
            }
            for (String r : regs) {
                this.registers.add(value, r, at);
            }
        });
    }

    /**
     * Where {@code value} appears (see {@link #of}), the first few and their number, computed once
     * per distinct value: the slots of a thousand stacks holding one pointer share one answer.
     */
    public Links places(long value) {
        if (trivial(value) || registers.first(value) < 0 && walkPlaces().first(value) < 0 && vmas.isEmpty() && !errorPages.containsKey(value & ~0xfffL)) {
            return Links.NONE; // what of() finds for it: most stack words appear nowhere else, and need no memo entry each
        }
        return memo.computeIfAbsent(value, v -> Links.of(of(v, null, null)));
    }

    /** Whether a value is too common to mean anything when it reappears. */
    static boolean trivial(long value) {
        return value == 0 || value == 1 || value == -1;
    }

    /**
     * Every place {@code value} appears, in words, except register {@code self} of the register set
     * {@code selfWhere} (where the value was read from); registers of one set are named together.
     */
    List<String> of(long value, String self, String selfWhere) {
        List<String> out = new ArrayList<>();
        if (trivial(value)) {
            return out;
        }
        Map<String, List<String>> regsByWhere = new java.util.LinkedHashMap<>();
        for (int k = registers.first(value); k >= 0 && k < registers.size && registers.values[k] == value; k++) {
            String register = registers.name(k);
            String where = registers.where(k);
            if (!(register.equals(self) && where.equals(selfWhere))) {
                regsByWhere.computeIfAbsent(where, w -> new ArrayList<>()).add(register.toUpperCase(Locale.ROOT));
            }
        }
        regsByWhere.forEach((where, names) -> out.add(String.join(", ", names) + " of the " + where));
        WalkPlaces walked = walkPlaces();
        for (int k = walked.first(value); k >= 0 && k < walked.size() && walked.values[k] == value; k++) {
            out.add(walked.text(k));
        }
        for (Vma v : containing(value)) {
            out.add(String.format("inside VMA 0x%x-0x%x (line %d)%s", v.start(), v.end(), v.line(), v.file() == null || v.file().isEmpty() ? "" : " " + v.file()));
        }
        for (HardwareError e : errorPages.getOrDefault(value & ~0xfffL, List.of())) {
            out.add(String.format("the page of hardware error {%d} (line %d)", e.record(), e.span().first()));
        }
        return out;
    }

    /** The VMAs (of vtop and vm) that contain {@code value}; one per range. */
    List<Vma> containing(long value) {
        List<Vma> out = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        // VMAs do not overlap within one address space, but the walks and vm outputs of several tasks may: look at the nearest few starts
        int looked = 0;
        for (var entry : vmas.headMap(value, true).descendingMap().entrySet()) {
            for (Vma v : entry.getValue()) {
                if (v.contains(value) && seen.add(v.start() ^ (v.end() * 31))) {
                    out.add(v);
                }
            }
            if (++looked == 64) {
                break;
            }
        }
        return out;
    }

    /** Whether a register of some register set holds {@code value} (never 0 or 1: not indexed, see {@link RegisterPlaces}). */
    boolean inRegisters(long value) {
        return registers.first(value) >= 0;
    }

    /** Whether a walk translated exactly {@code value}. */
    boolean walked(long value) {
        WalkPlaces walked = walkPlaces();
        for (int k = walked.first(value); k >= 0 && k < walked.size() && walked.values[k] == value; k++) {
            if (walked.kinds[k] == WalkPlaces.VIRTUAL) {
                return true;
            }
        }
        return false;
    }

    /** The first walk entry value equal to {@code value}, as "the LEVEL entry value of the vtop walk at line N", or {@code null}. */
    String walkEntry(long value) {
        WalkPlaces walked = walkPlaces();
        for (int k = walked.first(value); k >= 0 && k < walked.size() && walked.values[k] == value; k++) {
            if (walked.kinds[k] != WalkPlaces.VIRTUAL) {
                return walked.text(k);
            }
        }
        return null;
    }

    private WalkPlaces walkPlaces() {
        return walkPlaces.get();
    }

    /**
     * The values of the register sets (exception frames, oopses), as columns sorted by value (in the order the sets
     * gave them within one value): each place's value, register and set, the set said in words only when a value
     * is asked for. 16 bytes a place where a boxed key, a list and a record each were 100: a {@code foreach bt} of a
     * big machine has half a million (over a third of them 0 or 1, not held: no question asks for them).
     */
    static final class RegisterPlaces {
        long[] values = new long[16];
        /** each place's register, as its place in {@link #nameTable} */
        int[] names = new int[16];
        /** each place's register set, as its place in {@link #sets} */
        int[] setOf = new int[16];
        int size;
        private final List<String> nameTable = new ArrayList<>();
        private final Map<String, Integer> nameCodes = new HashMap<>();
        /** the exception frames and oopses, each said in words when a value is asked for ({@link #where}) */
        private final List<Object> sets = new ArrayList<>();

        /** Adds a register set (an exception frame or an oops), for {@link #add}. */
        int set(Object exceptionFrameOrOops) {
            sets.add(exceptionFrameOrOops);
            return sets.size() - 1;
        }

        void add(long value, String name, int set) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
                names = java.util.Arrays.copyOf(names, size * 2);
                setOf = java.util.Arrays.copyOf(setOf, size * 2);
            }
            values[size] = value;
            names[size] = nameCodes.computeIfAbsent(name, n -> {
                nameTable.add(n);
                return nameTable.size() - 1;
            });
            setOf[size++] = set;
        }

        /** Puts the places in order of value, once all are added. */
        void sort() {
            int[] order = StableOrder.of(values, size);
            values = StableOrder.arranged(order, values);
            names = StableOrder.arranged(order, names);
            setOf = StableOrder.arranged(order, setOf);
        }

        String name(int k) {
            return nameTable.get(names[k]);
        }

        /** The register set of place {@code k} in words: "exception frame at line N", "oops at line N". */
        String where(int k) {
            return sets.get(setOf[k]) instanceof ExceptionFrame e ? ValueIndex.where(e) : ValueIndex.where((Oops) sets.get(setOf[k]));
        }

        /** The first position holding {@code value}, or -1 (once sorted: the columns are as long as the places). */
        int first(long value) {
            return StableOrder.first(values, value);
        }
    }

    /**
     * The values the walks show, as columns sorted by value (in transcript order within one value): each level's entry
     * value and each walk's virtual address, with its line and what it is. 16 bytes a place where a boxed key, a list and
     * a sentence each were 300: a transcript of a hundred thousand vtops has half a million.
     */
    static final class WalkPlaces {
        static final int VIRTUAL = -1;
        final long[] values;
        final int[] lines;
        /** the level's name in {@link #levels}, or {@link #VIRTUAL} */
        final int[] kinds;
        private final List<String> levels;

        private WalkPlaces(long[] values, int[] lines, int[] kinds, List<String> levels) {
            this.values = values;
            this.lines = lines;
            this.kinds = kinds;
            this.levels = levels;
        }

        static WalkPlaces of(List<Walk> walks) {
            int n = 0;
            for (Walk w : walks) {
                n += w.levels().size() + (w.virtual() == null ? 0 : 1);
            }
            long[] values = new long[n];
            int[] lines = new int[n];
            int[] kinds = new int[n];
            List<String> levels = new ArrayList<>();
            Map<String, Integer> levelOf = new HashMap<>();
            int i = 0;
            for (Walk w : walks) {
                for (WalkLevel level : w.levels()) {
                    Integer kind = levelOf.get(level.level());
                    if (kind == null) {
                        kind = levels.size();
                        levels.add(level.level());
                        levelOf.put(level.level(), kind);
                    }
                    values[i] = level.value();
                    lines[i] = level.line();
                    kinds[i++] = kind;
                }
                if (w.virtual() != null) {
                    values[i] = w.virtual();
                    lines[i] = w.span().first();
                    kinds[i++] = VIRTUAL;
                }
            }
            int[] order = StableOrder.of(values, n);
            return new WalkPlaces(StableOrder.arranged(order, values), StableOrder.arranged(order, lines), StableOrder.arranged(order, kinds),
                    List.copyOf(levels));
        }

        int size() {
            return values.length;
        }

        /** The first position holding {@code value}, or -1. */
        int first(long value) {
            return StableOrder.first(values, value);
        }

        /** What the value at {@code k} is, in words. */
        String text(int k) {
            return kinds[k] == VIRTUAL ? String.format("the virtual address walked by vtop at line %d", lines[k])
                    : String.format("the %s entry value of the vtop walk at line %d", levels.get(kinds[k]), lines[k]);
        }
    }
}
