package org.crashscope.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.Disassembly;
import org.crashscope.transcript.model.ExceptionFrame;
import org.crashscope.transcript.model.Frame;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.StackSlot;
import org.crashscope.transcript.parse.ParsedTranscript;

/**
 * Labels the stack words of {@code bt -f/-F/-FF}: return addresses (frame boundaries), the
 * callee-saved registers below them, slab objects, kernel text and user addresses. Saved
 * registers come, strongest evidence first, from the callee's prologue in a {@code dis} of the
 * transcript, else from the SysV callee-saved set in gcc's push order, checked against the
 * registers an exception frame or oops shows.
 */
public final class StackSlotAnnotator {

    /** gcc pushes the callee-saved registers it uses in this order; they land reversed in memory. */
    static final List<String> GCC_PUSH_ORDER = List.of("r15", "r14", "r13", "r12", "rbp", "rbx");
    private static final Pattern PUSH = Pattern.compile("^push[q]?\\s+%?(r\\w+|rbp|rbx)$");
    private static final Pattern SYMBOLIC = Pattern.compile("^([\\w.$]+)\\+(0x[0-9a-f]+|\\d+)$");

    private StackSlotAnnotator() {
    }

    public static List<AnnotatedSlot> annotate(ParsedTranscript parsed) {
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
        Map<String, Long> known = knownRegisters(parsed);
        Links links = new Links(parsed);
        List<AnnotatedSlot> out = new ArrayList<>();
        for (Backtrace bt : parsed.backtraces()) {
            Map<Long, StackSlot> byAddress = new LinkedHashMap<>();
            bt.slots().forEach(s -> byAddress.put(s.address(), s));
            Map<Long, AnnotatedSlot> labels = new LinkedHashMap<>();
            for (StackSlot slot : bt.slots()) {
                Frame[] frame = framesByStackAddress.get(slot.address());
                if (frame != null) {
                    String callee = callee(frame[1]);
                    labels.put(slot.address(), new AnnotatedSlot(slot, AnnotatedSlot.Kind.RETURN_ADDRESS, "return address into " + frame[0].function(), null,
                            frame[0].function(), "frame #" + frame[0].index() + " (line " + frame[0].line() + ") is at this stack address",
                            Confidence.HIGH, links.of(slot)));
                    savedRegisters(parsed, slot, callee, byAddress, labels, known, links);
                } else if (slot.symbol() != null && SYMBOLIC.matcher(slot.symbol()).matches() && framesByStackAddress.isEmpty()) {
                    Matcher m = SYMBOLIC.matcher(slot.symbol());
                    m.matches();
                    String callee = firstExceptionFunction(parsed);
                    labels.put(slot.address(), new AnnotatedSlot(slot, AnnotatedSlot.Kind.RETURN_ADDRESS, "return address into " + m.group(1), null,
                            m.group(1), "a text symbol with an offset on the stack: a return address", Confidence.MEDIUM, links.of(slot)));
                    savedRegisters(parsed, slot, callee, byAddress, labels, known, links);
                }
            }
            for (StackSlot slot : bt.slots()) {
                labels.computeIfAbsent(slot.address(), a -> plain(slot, links));
            }
            out.addAll(labels.values());
        }
        out.sort(java.util.Comparator.comparingLong(a -> a.slot().address()));
        return List.copyOf(out);
    }

    private static AnnotatedSlot plain(StackSlot slot, Links links) {
        List<String> seen = links.of(slot);
        if (slot.slabCache() != null) {
            return new AnnotatedSlot(slot, AnnotatedSlot.Kind.SLAB_OBJECT, String.format("slab object 0x%x (%s)", slot.slabObject(), slot.slabCache()),
                    null, null, "bt -FF names the slab cache of the object", Confidence.HIGH, seen);
        }
        if (slot.symbol() != null) {
            return new AnnotatedSlot(slot, AnnotatedSlot.Kind.KERNEL_TEXT, "kernel symbol " + slot.symbol(), null, null, "bt -F printed a symbol",
                    Confidence.HIGH, seen);
        }
        long v = slot.value();
        String entry = seen.stream().filter(l -> l.contains(" entry value of the vtop walk")).findFirst().orElse(null);
        if (entry != null) {
            return new AnnotatedSlot(slot, AnnotatedSlot.Kind.DATA, "page-table entry " + entry.substring(4, entry.indexOf(" entry value")),
                    null, null, "equals " + entry, Confidence.MEDIUM, seen);
        }
        if (v != 0 && Long.compareUnsigned(v, 0x1000) > 0 && Long.compareUnsigned(v, 0x0000800000000000L) < 0) {
            return new AnnotatedSlot(slot, AnnotatedSlot.Kind.USER_ADDRESS, String.format("user address 0x%x", v), null, null,
                    "below the user/kernel split (0x800000000000)", Confidence.LOW, seen);
        }
        return new AnnotatedSlot(slot, AnnotatedSlot.Kind.DATA, "", null, null, "", Confidence.LOW, seen);
    }

    /** Labels the words below a return address with the registers the callee's prologue saved there. */
    private static void savedRegisters(ParsedTranscript parsed, StackSlot ret, String callee, Map<Long, StackSlot> byAddress,
            Map<Long, AnnotatedSlot> labels, Map<String, Long> known, Links links) {
        Prologue prologue = callee == null ? null : prologue(parsed, callee);
        List<String> order = prologue != null ? prologue.pushes : GCC_PUSH_ORDER;
        for (int i = 0; i < order.size(); i++) {
            long address = ret.address() - 8L * (i + 1);
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
                        + (agrees ? "; the exception frame's " + reg.toUpperCase(java.util.Locale.ROOT) + " has the same value" : "; nothing confirms it");
                confidence = agrees ? Confidence.MEDIUM : Confidence.LOW;
            }
            labels.put(address, new AnnotatedSlot(slot, AnnotatedSlot.Kind.SAVED_REGISTER, "saved " + reg, reg, callee, rule, confidence, links.of(slot)));
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
                || text.startsWith("call") && text.contains("fentry") || text.equals("mov %rsp,%rbp");
    }

    private static String callee(Frame below) {
        if (below == null) {
            return null;
        }
        ExceptionFrame e = below.exception();
        return e != null && e.rip() != null ? e.rip().name() : below.function();
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

    /** Register values at the fault: the first exception frame of a backtrace, else the oops register dump. */
    static Map<String, Long> knownRegisters(ParsedTranscript parsed) {
        return faultRegisters(parsed).values();
    }

    /** The register set of the fault and where it was printed. */
    record FaultRegisters(Map<String, Long> values, String where) {
    }

    static FaultRegisters faultRegisters(ParsedTranscript parsed) {
        for (Backtrace bt : parsed.backtraces()) {
            ExceptionFrame e = bt.firstException();
            if (e != null) {
                return new FaultRegisters(e.registers().values(), Links.where(e));
            }
        }
        for (Oops oops : parsed.oopses()) {
            return new FaultRegisters(oops.registers().values(), Links.where(oops));
        }
        return new FaultRegisters(Map.of(), "");
    }
}
