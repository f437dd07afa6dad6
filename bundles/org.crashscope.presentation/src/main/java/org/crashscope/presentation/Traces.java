package org.crashscope.presentation;

import org.crashscope.analysis.Session;
import org.crashscope.analysis.TranscriptAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.Frame;
import org.crashscope.transcript.model.LogStack;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.Task;

/**
 * The backtraces of a transcript in the order an analyst reads them: the panic task first (by
 * crash's session header, else the task whose frames reach panic), then every other task as the
 * transcript has it, the idle CPUs (swapper in its idle loop) last; each named with what tells it
 * apart, and found by a query on its command, PID, CPU or any function of its frames. The stacks
 * the kernel's reports printed in the log (the Call Trace, KASAN's allocation and free stacks,
 * lockdep's chain) are listed too, in the same frame model, after crash's own backtraces: those of
 * the crash that leads first.
 */
public final class Traces {

    /**
     * One backtrace as listed.
     *
     * @param index its index in {@code ParsedTranscript.backtraces()}, or -1 for a stack a log report printed
     */
    public record Entry(Backtrace backtrace, int index, boolean panic, boolean idle, String label) {

        /** Whether {@code query} (words, all of which must match; case ignored) names this trace. */
        public boolean matches(String query) {
            for (String word : query.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
                if (!word.isEmpty() && !mentions(word)) {
                    return false;
                }
            }
            return true;
        }

        private boolean mentions(String word) {
            if (label.toLowerCase(Locale.ROOT).contains(word)) {
                return true;
            }
            for (Frame f : backtrace.frames()) {
                if (f.function() != null && f.function().toLowerCase(Locale.ROOT).contains(word)) {
                    return true;
                }
            }
            return false;
        }
    }

    private Traces() {
    }

    public static List<Entry> of(TranscriptAnalysis analysis) {
        List<Backtrace> all = analysis.parsed().backtraces();
        Session session = analysis.session();
        boolean headerNamesOne = all.stream().anyMatch(bt -> Outline.isPanicTask(bt, session));
        List<Entry> first = new ArrayList<>();
        List<Entry> rest = new ArrayList<>();
        List<Entry> idle = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Backtrace bt = all.get(i);
            boolean panic = headerNamesOne ? Outline.isPanicTask(bt, session) : reachesPanic(bt);
            boolean isIdle = !panic && bt.task() != null && bt.task().idle() && bt.frames().stream().noneMatch(f -> f.exception() != null);
            Entry e = new Entry(bt, i, panic, isIdle, label(bt, panic, isIdle));
            (panic ? first : isIdle ? idle : rest).add(e);
        }
        List<Entry> out = new ArrayList<>(all.size());
        out.addAll(first);
        out.addAll(rest);
        out.addAll(logStacks(analysis));
        out.addAll(idle);
        return List.copyOf(out);
    }

    /** How many of the log's stacks are listed: a log of thousands of reports lists the first. */
    private static final int MAX_LOG_STACKS = 500;

    /** The stacks the log's reports printed, the leading crash's first, each as a backtrace of its task. */
    private static List<Entry> logStacks(TranscriptAnalysis analysis) {
        List<Oops> oopses = new ArrayList<>(analysis.parsed().oopses());
        Oops leading = analysis.crash() == null ? null : analysis.crash().oops();
        if (leading != null && oopses.remove(leading)) {
            oopses.add(0, leading);
        }
        List<Entry> out = new ArrayList<>();
        for (Oops o : oopses) {
            for (LogStack st : o.stacks()) {
                if (out.size() == MAX_LOG_STACKS) {
                    return out;
                }
                Task task = o.pid() == null ? null : new Task(o.line(), o.pid(), 0, o.cpu() == null ? -1 : o.cpu(), o.comm() == null ? "" : o.comm());
                Backtrace bt = new Backtrace(st.span(), "log: " + st.heading(), task, st.frames(), List.of(), List.of(), List.of());
                String top = st.frames().get(0).function();
                String who = task == null ? "" : String.format(Locale.ROOT, "PID %d \"%s\"%s, ", task.pid(), task.command(),
                        task.cpu() < 0 ? "" : " CPU " + task.cpu());
                out.add(new Entry(bt, -1, false, false, (o == leading ? "\u25b6 " : "") + "log: " + st.heading() + " of \"" + shortMessage(o.message())
                        + "\", " + who + st.frames().size() + " frames, in " + top + " (line " + st.span().first() + ")"));
            }
        }
        return out;
    }

    private static String shortMessage(String m) {
        return m.length() > 60 ? m.substring(0, 60) + "..." : m;
    }

    /** The index in {@link #of}'s list the Backtrace view opens on: the panic task, else the first with stack words, else the first. */
    public static int opening(List<Entry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).panic()) {
                return i;
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            if (!entries.get(i).backtrace().slots().isEmpty()) {
                return i;
            }
        }
        return entries.isEmpty() ? -1 : 0;
    }

    private static boolean reachesPanic(Backtrace bt) {
        return bt.frames().stream().anyMatch(f -> f.function() != null && (f.function().equals("panic") || f.function().equals("vpanic")
                || f.function().equals("nmi_panic")));
    }

    private static String label(Backtrace bt, boolean panic, boolean idle) {
        String who = bt.task() == null ? "no task header"
                : String.format(Locale.ROOT, "PID %d \"%s\"%s", bt.task().pid(), bt.task().command(), bt.task().cpu() < 0 ? "" : " CPU " + bt.task().cpu());
        String top = bt.frames().stream().map(Frame::function).filter(f -> f != null && !f.isEmpty()).findFirst().orElse("");
        return (panic ? "\u25b6 panic task: " : "") + who + ", " + bt.frames().size() + " frames"
                + (bt.slots().isEmpty() ? "" : ", " + bt.slots().size() + " stack words") + (top.isEmpty() ? "" : ", in " + top) + (idle ? " (idle)" : "")
                + " (" + (bt.command().isEmpty() ? "bt without prompt" : bt.command()) + ", line " + bt.span().first() + ")";
    }

    /**
     * The annotated stack words of each of {@code traces} (index for index): the words' positions
     * sorted by line once (stably), each trace's found by a binary search, so a thousand traces cost
     * what they hold; the words are taken from {@code slots} when asked.
     *
     * @param lineOf the line of the word at a position of {@code slots} (read without making the word)
     */
    public static List<List<StackWord>> slotsOf(List<Backtrace> traces, List<StackWord> slots, java.util.function.IntUnaryOperator lineOf) {
        boolean rising = true; // (a trace printed upwards, as bt does, and the words in address order: each word's line is after the one before)
        for (int i = 1, before = slots.isEmpty() ? 0 : lineOf.applyAsInt(0); i < slots.size() && rising; i++) {
            int line = lineOf.applyAsInt(i);
            rising = line >= before;
            before = line;
        }
        List<StackWord> sorted;
        java.util.function.IntUnaryOperator lineAt;
        if (rising) {
            sorted = slots; // sorted by line already: no table of positions
            lineAt = lineOf;
        } else {
            long[] byLine = new long[slots.size()];
            for (int i = 0; i < byLine.length; i++) {
                byLine[i] = (long) lineOf.applyAsInt(i) << 32 | i;
            }
            java.util.Arrays.sort(byLine);
            sorted = new Mapped<>(byLine.length, i -> slots.get((int) byLine[i]));
            lineAt = i -> (int) (byLine[i] >>> 32);
        }
        List<List<StackWord>> out = new ArrayList<>(traces.size());
        for (Backtrace bt : traces) {
            int lo = 0;
            int hi = sorted.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (lineAt.applyAsInt(mid) < bt.span().first()) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            int end = lo;
            while (end < sorted.size() && bt.span().contains(lineAt.applyAsInt(end))) {
                end++;
            }
            out.add(sorted.subList(lo, end));
        }
        return out;
    }
}
