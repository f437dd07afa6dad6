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

    /** One place a value appears; {@code where} tells a register set apart so that it can be excluded. */
    record Place(String text, int line, String register, String where) {
    }

    private final Map<Long, List<Place>> exact = new HashMap<>();
    private final TreeMap<Long, List<Vma>> vmas = new TreeMap<>();
    private final Map<Long, List<HardwareError>> errorPages = new HashMap<>();
    // asked from any thread: a stack word's annotation is made when a view, a writer or a rule reads it
    private final Map<Long, Links> memo = new java.util.concurrent.ConcurrentHashMap<>();
    // what the per-slot questions ask, answered when the index is built: a value every walk shares has a hundred thousand places
    private final java.util.Set<Long> inRegisters = new java.util.HashSet<>();
    private final java.util.Set<Long> walked = new java.util.HashSet<>();
    private final Map<Long, String> walkEntry = new HashMap<>();

    public ValueIndex(ParsedTranscript parsed) {
        for (Backtrace bt : parsed.backtraces()) {
            for (Frame frame : bt.frames()) {
                ExceptionFrame e = frame.exception();
                if (e != null && !e.bogus()) {
                    registers(e.registers().values(), where(e), e.span().first());
                }
            }
        }
        for (Oops oops : parsed.oopses()) {
            registers(oops.registers().values(), where(oops), oops.line());
        }
        for (Walk w : parsed.walks()) {
            for (WalkLevel level : w.levels()) {
                Place place = new Place(String.format("the %s entry value of the vtop walk at line %d", level.level(), level.line()), level.line(), null, null);
                add(level.value(), place);
                walkEntry.putIfAbsent(level.value(), place.text());
            }
            if (w.virtual() != null) {
                add(w.virtual(), new Place(String.format("the virtual address walked by vtop at line %d", w.span().first()), w.span().first(), null, null));
                walked.add(w.virtual());
            }
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

    private void registers(Map<String, Long> registers, String where, int line) {
        Map<Long, List<String>> names = new java.util.LinkedHashMap<>();
        registers.forEach((name, v) -> names.computeIfAbsent(v, k -> new ArrayList<>()).add(name));
        names.forEach((value, regs) -> {
            for (String r : regs) {
                add(value, new Place(null, line, r, where));
                inRegisters.add(value);
            }
        });
    }

    private void add(long value, Place place) {
        exact.computeIfAbsent(value, k -> new ArrayList<>()).add(place);
    }

    /**
     * Where {@code value} appears (see {@link #of}), the first few and their number, computed once
     * per distinct value: the slots of a thousand stacks holding one pointer share one answer.
     */
    public Links places(long value) {
        if (trivial(value) || !exact.containsKey(value) && vmas.isEmpty() && !errorPages.containsKey(value & ~0xfffL)) {
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
        for (Place p : exact.getOrDefault(value, List.of())) {
            if (p.register() != null) {
                if (!(p.register().equals(self) && p.where().equals(selfWhere))) {
                    regsByWhere.computeIfAbsent(p.where(), k -> new ArrayList<>()).add(p.register().toUpperCase(Locale.ROOT));
                }
            }
        }
        regsByWhere.forEach((where, names) -> out.add(String.join(", ", names) + " of the " + where));
        for (Place p : exact.getOrDefault(value, List.of())) {
            if (p.register() == null) {
                out.add(p.text());
            }
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

    /** Whether a register of some register set holds {@code value}. */
    boolean inRegisters(long value) {
        return inRegisters.contains(value);
    }

    /** Whether a walk translated exactly {@code value}. */
    boolean walked(long value) {
        return walked.contains(value);
    }

    /** The first walk entry value equal to {@code value}, as "the LEVEL entry value of the vtop walk at line N", or {@code null}. */
    String walkEntry(long value) {
        return walkEntry.get(value);
    }
}
