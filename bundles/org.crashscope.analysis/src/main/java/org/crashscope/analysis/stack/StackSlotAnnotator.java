package org.crashscope.analysis.stack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.arch.Arch;
import org.crashscope.arch.ArchFacts;
import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.Disassembly;
import org.crashscope.transcript.model.ExceptionFrame;
import org.crashscope.transcript.model.Frame;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.StackSlot;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.analysis.Confidence;

/**
 * Labels the stack words of {@code bt -f/-F/-FF} at the architecture's word size: return addresses
 * (frame boundaries), the callee-saved registers below them, slab objects, kernel text and user
 * addresses. What crash printed wins over any convention: its slab tags and symbols are kept in
 * every label. Saved registers come, strongest evidence first, from the callee's prologue in a
 * {@code dis} of the transcript, else (x86-64 only, where it is modelled) from the SysV
 * callee-saved set in gcc's push order, checked against the registers an exception frame or oops
 * shows. A word is a user address only when it lies in user space and something supports it: a
 * walk of it, a VMA that holds it, a register that holds it.
 */
public final class StackSlotAnnotator {

    /** gcc pushes the x86-64 callee-saved registers it uses in this order; they land reversed in memory. */
    static final List<String> GCC_PUSH_ORDER = List.of("r15", "r14", "r13", "r12", "rbp", "rbx");
    /** Below this, a word is a count or a flag, never a user address (the kernel's default mmap_min_addr). */
    private static final long MMAP_MIN_ADDR = 0x10000;
    private static final Pattern PUSH = Pattern.compile("^push[ql]?\\s+%?([re]\\w+)$");
    private static final Pattern SYMBOLIC = Pattern.compile("^([\\w.$]+)\\+(0x[0-9a-f]+|\\d+)$");

    private StackSlotAnnotator() {
    }

    public static List<AnnotatedSlot> annotate(ParsedTranscript parsed) {
        return annotate(parsed, org.crashscope.arch.ArchDetector.detect(parsed), new ValueIndex(parsed));
    }

    public static List<AnnotatedSlot> annotate(ParsedTranscript parsed, ArchFacts arch, ValueIndex index) {
        Map<Long, Frame[]> framesByStackAddress = new HashMap<>();
        for (Backtrace bt : parsed.backtraces()) {
            List<Frame> frames = bt.frames();
            for (int i = 0; i < frames.size(); i++) {
                Frame f = frames.get(i);
                if (f.stackAddress() != 0) {
                    framesByStackAddress.put(f.stackAddress(), new Frame[] {f, i > 0 ? frames.get(i - 1) : null});
                }
            }
        }
        Map<String, Long> known = faultRegisters(parsed).values();
        Map<String, Prologue> prologues = new HashMap<>();
        List<AnnotatedSlot> out = new ArrayList<>();
        for (Backtrace bt : parsed.backtraces()) {
            Map<Long, StackSlot> byAddress = new LinkedHashMap<>();
            bt.slots().forEach(s -> byAddress.put(s.address(), s));
            Map<Long, AnnotatedSlot> labels = new LinkedHashMap<>();
            for (StackSlot slot : bt.slots()) {
                Frame[] frame = framesByStackAddress.get(slot.address());
                if (frame != null && holdsReturnAddress(slot, frame[0])) {
                    String callee = callee(frame[1]);
                    labels.put(slot.address(), new AnnotatedSlot(slot, AnnotatedSlot.Kind.RETURN_ADDRESS, "return address into " + frame[0].function(), null,
                            frame[0].function(), "frame #" + frame[0].index() + " (line " + frame[0].line() + ") is at this stack address",
                            Confidence.HIGH, links(index, slot)));
                    savedRegisters(parsed, arch, slot, callee, byAddress, labels, known, index, prologues);
                } else if (slot.symbol() != null && SYMBOLIC.matcher(slot.symbol()).matches() && framesByStackAddress.isEmpty()) {
                    Matcher m = SYMBOLIC.matcher(slot.symbol());
                    m.matches();
                    String callee = firstExceptionFunction(parsed);
                    labels.put(slot.address(), new AnnotatedSlot(slot, AnnotatedSlot.Kind.RETURN_ADDRESS, "return address into " + m.group(1), null,
                            m.group(1), "a text symbol with an offset on the stack: a return address", Confidence.MEDIUM, links(index, slot)));
                    savedRegisters(parsed, arch, slot, callee, byAddress, labels, known, index, prologues);
                }
            }
            for (StackSlot slot : bt.slots()) {
                labels.computeIfAbsent(slot.address(), a -> plain(slot, arch, index));
            }
            out.addAll(labels.values());
        }
        out.sort(java.util.Comparator.comparingLong(a -> a.slot().address()));
        return List.copyOf(out);
    }

    /**
     * Whether the word at a frame's stack address is the return address into that frame's function:
     * crash names it so ({@code bt -F}), or its value is the frame's text address (give or take the
     * call instruction, i386 prints the call site). On i386 frame #0's address is the stack pointer,
     * whose word is data: the check keeps it so.
     */
    private static boolean holdsReturnAddress(StackSlot slot, Frame frame) {
        if (slot.symbol() != null) {
            Matcher m = SYMBOLIC.matcher(slot.symbol());
            return (m.matches() ? m.group(1) : slot.symbol()).equals(frame.function());
        }
        if (slot.value() == null || frame.address() == null) {
            return slot.value() == null;
        }
        long d = slot.value() - frame.address();
        return d >= -16 && d <= 16;
    }

    private static Links links(ValueIndex index, StackSlot slot) {
        return slot.value() == null ? Links.NONE : index.places(slot.value());
    }

    private static AnnotatedSlot plain(StackSlot slot, ArchFacts arch, ValueIndex index) {
        Links seen = links(index, slot);
        if (slot.slabCache() != null) {
            return new AnnotatedSlot(slot, AnnotatedSlot.Kind.SLAB_OBJECT, String.format("slab object 0x%x (%s)", slot.slabObject(), slot.slabCache()),
                    null, null, "bt -FF names the slab cache of the object", Confidence.HIGH, seen);
        }
        if (slot.symbol() != null) {
            return new AnnotatedSlot(slot, AnnotatedSlot.Kind.KERNEL_TEXT, "kernel symbol " + slot.symbol(), null, null, "bt -F printed a symbol",
                    Confidence.HIGH, seen);
        }
        long v = slot.value();
        String entry = index.walkEntry(v);
        if (entry != null) {
            return new AnnotatedSlot(slot, AnnotatedSlot.Kind.DATA, "page-table entry " + entry.substring(4, entry.indexOf(" entry value")),
                    null, null, "equals " + entry, Confidence.MEDIUM, seen);
        }
        String support = userSupport(v, arch, index);
        if (support != null) {
            return new AnnotatedSlot(slot, AnnotatedSlot.Kind.USER_ADDRESS, String.format("user address 0x%x", v), null, null,
                    "in user space and " + support, index.walked(v) ? Confidence.HIGH : Confidence.MEDIUM, seen);
        }
        return new AnnotatedSlot(slot, AnnotatedSlot.Kind.DATA, "", null, null, "", Confidence.LOW, seen);
    }

    /** Why a word is a user address (a walk, a VMA, a register), or {@code null} when nothing says so. */
    private static String userSupport(long v, ArchFacts arch, ValueIndex index) {
        Boolean user = arch.arch() == null ? null : arch.arch().isUserAddress(v);
        if (user == null || !user || Long.compareUnsigned(v, MMAP_MIN_ADDR) < 0) {
            return null;
        }
        if (index.walked(v)) {
            return "a vtop walk translates it";
        }
        var vmas = index.containing(v);
        if (!vmas.isEmpty()) {
            return String.format("inside the VMA 0x%x-0x%x (line %d)", vmas.get(0).start(), vmas.get(0).end(), vmas.get(0).line());
        }
        if (index.inRegisters(v)) {
            return "a register of the transcript holds it";
        }
        return null;
    }

    /** Labels the words below a return address with the registers the callee's prologue saved there. */
    private static void savedRegisters(ParsedTranscript parsed, ArchFacts arch, StackSlot ret, String callee, Map<Long, StackSlot> byAddress,
            Map<Long, AnnotatedSlot> labels, Map<String, Long> known, ValueIndex index, Map<String, Prologue> prologues) {
        Prologue prologue = callee == null ? null : prologues.computeIfAbsent(callee, c -> prologue(parsed, c));
        if (prologue == null && arch.arch() != Arch.X86_64) {
            return; // gcc's push order is modelled for x86-64 only: say nothing rather than guess
        }
        List<String> order = prologue != null ? prologue.pushes : GCC_PUSH_ORDER;
        int width = ret.width();
        for (int i = 0; i < order.size(); i++) {
            long address = ret.address() - (long) width * (i + 1);
            StackSlot slot = byAddress.get(address);
            if (slot == null || labels.containsKey(address)) {
                break;
            }
            String reg = order.get(i);
            String rule;
            Confidence confidence;
            if (prologue != null) {
                rule = String.format("prologue of %s (dis, line %d): push #%d is %%%s", callee, prologue.line, i + 1, reg);
                confidence = Confidence.HIGH;
            } else {
                Long value = known.get(reg);
                boolean agrees = value != null && slot.value() != null && value.longValue() == slot.value().longValue();
                rule = "SysV callee-saved set in gcc's push order (r15, r14, r13, r12, rbp, rbx) below the return address"
                        + (agrees ? "; the exception frame's " + reg.toUpperCase(Locale.ROOT) + " has the same value" : "; nothing confirms it");
                confidence = agrees ? Confidence.MEDIUM : Confidence.LOW;
            }
            String label = "saved " + reg + (slot.slabCache() != null ? String.format(" = slab object 0x%x (%s, as bt -FF tags it)", slot.slabObject(),
                    slot.slabCache()) : slot.symbol() != null ? " = " + slot.symbol() + " (as bt -F prints it)" : "");
            labels.put(address, new AnnotatedSlot(slot, AnnotatedSlot.Kind.SAVED_REGISTER, label, reg, callee, rule, confidence, links(index, slot)));
        }
    }

    private record Prologue(int line, List<String> pushes) {
    }

    /** The pushes at the start of a function's disassembly, if the transcript has one. */
    private static Prologue prologue(ParsedTranscript parsed, String function) {
        for (Disassembly dis : parsed.disassemblies()) {
            List<String> pushes = new ArrayList<>();
            int line = -1;
            for (Disassembly.Instruction insn : dis.instructions()) {
                if (insn.symbol() == null || !insn.symbol().name().equals(function)) {
                    break;
                }
                String text = insn.text().replaceAll("\\s+", " ").strip();
                Matcher m = PUSH.matcher(text);
                if (m.matches()) {
                    pushes.add(m.group(1));
                    line = line < 0 ? insn.line() : line;
                } else if (!isPrologueFiller(text)) {
                    break;
                }
            }
            if (!pushes.isEmpty()) {
                return new Prologue(line, pushes);
            }
        }
        return null;
    }

    /** Instructions a prologue may have between its pushes: ftrace NOPs, the fentry call, the frame pointer set-up. */
    private static boolean isPrologueFiller(String text) {
        return text.startsWith("nop") || text.startsWith("xchg %ax,%ax") || text.startsWith("data16") || text.startsWith("endbr64")
                || text.startsWith("call") && text.contains("fentry") || text.equals("mov %rsp,%rbp") || text.equals("mov %esp,%ebp");
    }

    private static String callee(Frame below) {
        if (below == null) {
            return null;
        }
        ExceptionFrame e = below.exception();
        return e != null && e.rip() != null && !e.bogus() ? e.rip().name() : below.function();
    }

    private static String firstExceptionFunction(ParsedTranscript parsed) {
        for (Backtrace bt : parsed.backtraces()) {
            ExceptionFrame e = bt.firstException();
            if (e != null && e.rip() != null) {
                return e.rip().name();
            }
        }
        return parsed.oopses().stream().filter(o -> o.rip() != null).map(o -> o.rip().name()).findFirst().orElse(null);
    }

    /** The register set of the fault and where it was printed. */
    public record FaultRegisters(Map<String, Long> values, String where, int line) {
    }

    /**
     * The registers at the fault: the first kernel-mode exception frame of a backtrace that crash did
     * not call bogus, else the register dump of the first oops that has one; empty when none.
     */
    public static FaultRegisters faultRegisters(ParsedTranscript parsed) {
        for (Backtrace bt : parsed.backtraces()) {
            ExceptionFrame e = bt.firstException();
            if (e != null) {
                return new FaultRegisters(e.registers().values(), ValueIndex.where(e), e.span().first());
            }
        }
        for (Oops oops : parsed.oopses()) {
            if (!oops.registers().isEmpty()) {
                return new FaultRegisters(oops.registers().values(), ValueIndex.where(oops), oops.line());
            }
        }
        return new FaultRegisters(Map.of(), "", 0);
    }
}
