package org.crashscope.analysis.stack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.arch.ArchFacts;
import org.crashscope.arch.x86.PtRegs;
import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.ExceptionFrame;
import org.crashscope.transcript.model.Frame;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.StackSlot;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.analysis.Confidence;

/**
 * Labels the stack words of {@code bt -f/-F/-FF} at the architecture's word size, each once: the
 * exception frames' {@code pt_regs} fields (where the words hold the registers crash printed), the
 * stack-protector canaries (where a prologue in the transcript shows where the guard goes), return
 * addresses (frame boundaries), the callee-saved registers below them, slab objects, kernel text and
 * user addresses. What crash printed wins over any convention: its slab tags and symbols are kept in
 * every label. Saved registers come, strongest evidence first, from the callee's prologue in a
 * {@code dis} of the transcript, else (x86-64 only, where it is modelled) from the SysV
 * callee-saved set in gcc's push order, checked against the registers an exception frame or oops
 * shows; never below the stack pointer an exception interrupted. A word is a user address only when it lies in user space and something supports it: a
 * walk of it, a VMA that holds it, a register that holds it.
 */
public final class StackSlotAnnotator {

    /** Below this, a word is a count or a flag, never a user address (the kernel's default mmap_min_addr). */
    private static final long MMAP_MIN_ADDR = 0x10000;
    private static final Pattern SYMBOLIC = Pattern.compile("^([\\w.$]+)\\+(0x[0-9a-f]+|\\d+)$");

    private StackSlotAnnotator() {
    }

    /**
     * The annotations of every word in address order: those a frame, register or canary explains
     * held, the others made from their word when asked ({@link #plain}: what a word holds by itself,
     * the same every time), so that a million words of data are not held twice.
     */
    private static final class Annotations extends java.util.AbstractList<AnnotatedSlot> implements java.util.RandomAccess {
        /** by position: a plain word as its place among all traces' words, a label as -1 - its index (see {@link WordOrder}) */
        private final int[] refs;
        private final WordOrder.Words words;
        private final java.util.function.Function<StackSlot, AnnotatedSlot> plain;

        Annotations(int[] refs, WordOrder.Words words, java.util.function.Function<StackSlot, AnnotatedSlot> plain) {
            this.refs = refs;
            this.words = words;
            this.plain = plain;
        }

        @Override
        public AnnotatedSlot get(int i) {
            int ref = refs[i];
            return ref < 0 ? words.labels.get(-1 - ref) : plain.apply(words.word(ref));
        }

        @Override
        public int size() {
            return refs.length;
        }

        StackSlot word(int i) {
            int ref = refs[i];
            return ref < 0 ? words.labels.get(-1 - ref).slot() : words.word(ref);
        }
    }

    /** The word at {@code i} of {@code slots} (a list {@link #annotate} made): read without annotating it. */
    public static StackSlot wordAt(List<AnnotatedSlot> slots, int i) {
        return slots instanceof Annotations a ? a.word(i) : slots.get(i).slot();
    }

    public static List<AnnotatedSlot> annotate(ParsedTranscript parsed) {
        return annotate(parsed, org.crashscope.arch.ArchDetector.detect(parsed), new ValueIndex(parsed));
    }

    public static List<AnnotatedSlot> annotate(ParsedTranscript parsed, ArchFacts arch, ValueIndex index) {
        // the frames by stack address, for the words to ask: none when no trace has a word (a foreach bt prints a million frames, no word)
        boolean anyWord = parsed.backtraces().stream().anyMatch(bt -> !bt.slots().isEmpty());
        FramesByAddress framesByStackAddress = new FramesByAddress(anyWord ? parsed.backtraces() : List.of());
        Map<String, Long> known = faultRegisters(parsed).values();
        Map<String, Optional<Prologue>> prologues = new HashMap<>();
        PtRegs layout = arch.architecture().ptRegs();
        WordOrder out = new WordOrder();
        for (Backtrace bt : parsed.backtraces()) {
            TraceWords byAddress = new TraceWords(bt.slots());
            Map<Long, AnnotatedSlot> labels = new LinkedHashMap<>(); // what frames, registers and canaries explain: a few words a frame
            exceptionFrames(bt, layout, byAddress, labels, index);
            canaries(parsed, bt, byAddress, labels, index, prologues);
            for (StackSlot slot : bt.slots()) {
                if (labels.containsKey(slot.address())) {
                    continue; // each word is labelled once: an exception frame's or canary's word is nothing else
                }
                Frame[] frame = framesByStackAddress.at(slot.address());
                if (frame != null && holdsReturnAddress(slot, frame[0])) {
                    String callee = callee(frame[1]);
                    labels.put(slot.address(), new AnnotatedSlot(slot, AnnotatedSlot.Kind.RETURN_ADDRESS, "return address into " + frame[0].function(), null,
                            frame[0].function(), "frame #" + frame[0].index() + " (line " + frame[0].line() + ") is at this stack address",
                            Confidence.HIGH, links(index, slot)));
                    savedRegisters(parsed, arch, slot, callee, interruptedStackPointer(frame[1]), byAddress, labels, known, index, prologues);
                } else if (slot.symbol() != null && SYMBOLIC.matcher(slot.symbol()).matches() && framesByStackAddress.isEmpty()) {
                    Matcher m = SYMBOLIC.matcher(slot.symbol());
                    m.matches();
                    String callee = firstExceptionFunction(parsed);
                    labels.put(slot.address(), new AnnotatedSlot(slot, AnnotatedSlot.Kind.RETURN_ADDRESS, "return address into " + m.group(1), null,
                            m.group(1), "a text symbol with an offset on the stack: a return address", Confidence.MEDIUM, links(index, slot)));
                    savedRegisters(parsed, arch, slot, callee, null, byAddress, labels, known, index, prologues);
                }
            }
            // the words nothing above explains are what they hold by themselves: kept as their place in the trace (the first
            // of its address), the annotation made when asked (the order within a trace is the sort's: one word an address)
            List<StackSlot> words = bt.slots();
            java.util.BitSet plainWords = new java.util.BitSet(words.size());
            for (int i = 0; i < words.size(); i++) {
                if (!labels.containsKey(byAddress.address(i)) && byAddress.firstAt(i)) {
                    plainWords.set(i);
                }
            }
            out.trace(words, byAddress, plainWords, labels.values());
        }
        return new Annotations(out.refs(), out.words(), slot -> plain(slot, arch, index));
    }

    /**
     * The frames of every trace by their stack address, the last frame of an address winning (as a map's put would):
     * the addresses sorted, each with its trace and frame beside it, the frames made when a word asks. A map of boxed
     * addresses to the frames held 50 MB for a bt -FF of 200,000 frames, more than its words.
     */
    private static final class FramesByAddress {
        private final List<Backtrace> traces;
        private final long[] addresses;
        /** beside each address: its trace's index in the high half, its frame's in the low */
        private final long[] places;

        FramesByAddress(List<Backtrace> traces) {
            this.traces = traces;
            int n = 0;
            for (Backtrace bt : traces) {
                n += bt.frames().size();
            }
            long[] all = new long[n];
            n = 0;
            for (Backtrace bt : traces) {
                for (Frame f : bt.frames()) {
                    if (f.stackAddress() != 0) {
                        all[n++] = f.stackAddress();
                    }
                }
            }
            Arrays.sort(all, 0, n);
            int distinct = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0 || all[i] != all[distinct - 1]) {
                    all[distinct++] = all[i];
                }
            }
            addresses = Arrays.copyOf(all, distinct);
            places = new long[distinct];
            for (int t = 0; t < traces.size(); t++) {
                List<Frame> frames = traces.get(t).frames();
                for (int i = 0; i < frames.size(); i++) {
                    long address = frames.get(i).stackAddress();
                    if (address != 0) {
                        places[Arrays.binarySearch(addresses, address)] = (long) t << 32 | i; // a later frame replaces an earlier
                    }
                }
            }
        }

        boolean isEmpty() {
            return addresses.length == 0;
        }

        /** The frame at {@code address} and the frame before it in its trace ({@code null} for the first), or {@code null}. */
        Frame[] at(long address) {
            int at = Arrays.binarySearch(addresses, address);
            if (at < 0) {
                return null;
            }
            List<Frame> frames = traces.get((int) (places[at] >>> 32)).frames();
            int i = (int) places[at];
            return new Frame[] {frames.get(i), i > 0 ? frames.get(i - 1) : null};
        }
    }

    /**
     * Labels the words of each exception frame whose {@code pt_regs} the words show (see
     * {@link ExceptionFrameWords}) with the field at their offset from its base.
     */
    private static void exceptionFrames(Backtrace bt, PtRegs layout, Map<Long, StackSlot> byAddress, Map<Long, AnnotatedSlot> labels, ValueIndex index) {
        if (layout == null) {
            return;
        }
        for (Frame f : bt.frames()) {
            ExceptionFrame e = f.exception();
            if (e == null) {
                continue;
            }
            ExceptionFrameWords.Placed placed = ExceptionFrameWords.place(e, layout, byAddress);
            if (placed == null) {
                continue;
            }
            String of = e.ripText() != null ? "the exception frame of [exception RIP: " + e.ripText() + "]" : "the exception frame";
            for (int i = 0; i < layout.fields().size(); i++) {
                PtRegs.Field field = layout.fields().get(i);
                StackSlot w = placed.words().get(i);
                String label = String.format("pt_regs.%s (exception frame 0x%x + 0x%x)", field.name(), placed.base(), field.offset()) + printed(w);
                String rule = String.format("%s (line %d): its words from 0x%x hold the registers crash printed in pt_regs order (%d of them agree, "
                        + "none differs)", of, e.span().first(), placed.base(), placed.agreeing());
                labels.putIfAbsent(w.address(), new AnnotatedSlot(w, AnnotatedSlot.Kind.EXCEPTION_FRAME, label, field.register(), f.function(), rule,
                        Confidence.HIGH, links(index, w)));
            }
        }
    }

    /** What bt printed for a word in place of its value, kept in its label. */
    private static String printed(StackSlot w) {
        return w.slabCache() != null ? String.format(" = slab object 0x%x (%s, as bt -FF tags it)", w.slabObject(), w.slabCache())
                : w.symbol() != null ? " = " + w.symbol() + " (as bt -F prints it)" : "";
    }

    /**
     * Labels the stack-protector canaries: the word where a function's prologue in the transcript's
     * {@code dis} stores the guard, in each frame of that function, and every other word of the task's
     * stack equal to the value found there (the guard is one per task). Without such a prologue
     * nothing is called a canary: a recurring value proves nothing by itself.
     */
    private static void canaries(ParsedTranscript parsed, Backtrace bt, Map<Long, StackSlot> byAddress,
            Map<Long, AnnotatedSlot> labels, ValueIndex index, Map<String, Optional<Prologue>> prologues) {
        Long guard = null;
        String from = null;
        List<Frame> frames = bt.frames();
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            StackSlot ret = f.stackAddress() == 0 ? null : byAddress.get(f.stackAddress());
            if (ret == null || !holdsReturnAddress(ret, f)) {
                continue;
            }
            String callee = callee(i > 0 ? frames.get(i - 1) : null);
            Prologue p = callee == null ? null : prologues.computeIfAbsent(callee, c -> Optional.ofNullable(Prologue.of(parsed, c))).orElse(null);
            if (p == null || p.canaryOffset() == null) {
                continue;
            }
            StackSlot w = byAddress.get(ret.address() + p.canaryOffset());
            if (w == null || w.value() == null || labels.containsKey(w.address())) {
                continue;
            }
            String rule = String.format("the prologue of %s (dis, line %d) stores the stack-protector guard at return address %s0x%x", callee,
                    p.canaryLine(), p.canaryOffset() < 0 ? "- " : "+ ", Math.abs(p.canaryOffset()));
            labels.put(w.address(), new AnnotatedSlot(w, AnnotatedSlot.Kind.CANARY, "stack-protector canary of " + callee, null, callee, rule,
                    Confidence.HIGH, links(index, w)));
            if (guard == null) {
                guard = w.value();
                from = String.format("equals the canary of %s at 0x%x (its prologue, dis line %d): the guard is one per task", callee, w.address(),
                        p.canaryLine());
            }
        }
        if (guard == null) {
            return;
        }
        for (StackSlot w : bt.slots()) {
            if (w.value() != null && w.value().longValue() == guard && !labels.containsKey(w.address())) {
                labels.put(w.address(), new AnnotatedSlot(w, AnnotatedSlot.Kind.CANARY, "stack-protector canary", null, null, from, Confidence.HIGH,
                        links(index, w)));
            }
        }
    }

    /**
     * The stack pointer at an exception, when the frame below a return address took one: the words
     * under it were not the interrupted function's.
     */
    private static Long interruptedStackPointer(Frame below) {
        ExceptionFrame e = below == null ? null : below.exception();
        return e == null || e.bogus() || e.userMode() ? null : e.registers().get("rsp");
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

    /** A word no frame, register or canary explains: what it holds by itself (its label made of it when asked). */
    private static AnnotatedSlot plain(StackSlot slot, ArchFacts arch, ValueIndex index) {
        Links seen = links(index, slot);
        if (slot.slabCache() != null) {
            return new AnnotatedSlot(slot, AnnotatedSlot.Kind.SLAB_OBJECT, null, null, null, "bt -FF names the slab cache of the object", Confidence.HIGH, seen);
        }
        if (slot.symbol() != null) {
            return new AnnotatedSlot(slot, AnnotatedSlot.Kind.KERNEL_TEXT, null, null, null, "bt -F printed a symbol", Confidence.HIGH, seen);
        }
        long v = slot.value();
        String entry = index.walkEntry(v);
        if (entry != null) {
            return new AnnotatedSlot(slot, AnnotatedSlot.Kind.DATA, "page-table entry " + entry.substring(4, entry.indexOf(" entry value")),
                    null, null, "equals " + entry, Confidence.MEDIUM, seen);
        }
        String support = userSupport(v, arch, index);
        if (support != null) {
            return new AnnotatedSlot(slot, AnnotatedSlot.Kind.USER_ADDRESS, null, null, null,
                    "in user space and " + support, index.walked(v) ? Confidence.HIGH : Confidence.MEDIUM, seen);
        }
        return new AnnotatedSlot(slot, AnnotatedSlot.Kind.DATA, "", null, null, "", Confidence.LOW, seen);
    }

    /** Why a word is a user address (a walk, a VMA, a register), or {@code null} when nothing says so. */
    private static String userSupport(long v, ArchFacts arch, ValueIndex index) {
        Boolean user = arch.architecture().isUserAddress(v);
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
    private static void savedRegisters(ParsedTranscript parsed, ArchFacts arch, StackSlot ret, String callee, Long interruptedSp,
            Map<Long, StackSlot> byAddress, Map<Long, AnnotatedSlot> labels, Map<String, Long> known, ValueIndex index,
            Map<String, Optional<Prologue>> prologues) {
        Prologue prologue = callee == null ? null : prologues.computeIfAbsent(callee, c -> Optional.ofNullable(Prologue.of(parsed, c))).orElse(null);
        List<String> order = prologue != null ? prologue.pushes() : arch.architecture().prologuePushOrder();
        if (order.isEmpty()) {
            return; // a compiler's push order is modelled for x86-64 only: say nothing rather than guess
        }
        int width = ret.width();
        for (int i = 0; i < order.size(); i++) {
            long address = ret.address() - (long) width * (i + 1);
            StackSlot slot = byAddress.get(address);
            if (slot == null || labels.containsKey(address) || interruptedSp != null && Long.compareUnsigned(address, interruptedSp) < 0) {
                break;
            }
            String reg = order.get(i);
            String rule;
            Confidence confidence;
            if (prologue != null) {
                rule = String.format("prologue of %s (dis, line %d): push #%d is %%%s", callee, prologue.line(), i + 1, reg);
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
