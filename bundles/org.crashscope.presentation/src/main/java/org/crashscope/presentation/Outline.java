package org.crashscope.presentation;

import org.crashscope.analysis.Session;
import org.crashscope.analysis.TranscriptAnalysis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.crashscope.transcript.CommandBlock;
import org.crashscope.transcript.Segment;
import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.CrashOutput;
import org.crashscope.transcript.model.HardwareError;
import org.crashscope.transcript.model.KernelEvent;
import org.crashscope.transcript.model.MachineCheck;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.ParsedRecord;
import org.crashscope.transcript.model.SysInfo;
import org.crashscope.transcript.model.Walk;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.analysis.chain.CrashReport;
import org.crashscope.analysis.chain.CrashKind;

/**
 * The outline of a transcript, built once for every front end: crash's session header first, then
 * every block in file order (prompted commands and blocks found by their shape), each with what it
 * holds that an analyst looks for: the tasks of a {@code bt -a} or {@code foreach bt} (the panic
 * task marked), the oopses, hardware errors and machine checks of a log, the walks of a vtop, and
 * what crash said of itself.
 */
public final class Outline {

    /** What a node stands for. */
    public enum Kind {
        SESSION, COMMAND, BLOCK, TASK, OOPS, HARDWARE_ERROR, MACHINE_CHECK, MEMORY_FAILURE, WALK, CRASH_MESSAGE
    }

    /**
     * One node.
     *
     * @param source the block or record it stands for ({@link CommandBlock} for a command)
     */
    public record Node(Kind kind, String label, int firstLine, int lastLine, Object source, List<Node> children) {

        public boolean contains(int line) {
            return line >= firstLine && line <= lastLine;
        }
    }

    private Outline() {
    }

    /** The command blocks alone: what the outline shows before a large transcript is analysed. */
    public static List<Node> ofBlocks(List<CommandBlock> blocks) {
        return blocks.stream().map(b -> new Node(Kind.COMMAND, label(b), b.firstLine(), b.lastLine(), b, List.of())).toList();
    }

    public static List<Node> of(TranscriptAnalysis analysis) {
        ParsedTranscript parsed = analysis.parsed();
        Session session = analysis.session();
        List<Node> out = new ArrayList<>();
        List<ParsedRecord> records = parsed.records();
        java.util.Map<Oops, CrashReport> reports = new java.util.IdentityHashMap<>();
        analysis.reports().forEach(r -> reports.put(r.oops(), r));
        for (CommandBlock b : parsed.commands()) {
            out.add(new Node(Kind.COMMAND, label(b), b.firstLine(), b.lastLine(), b, children(records, b.firstLine(), b.lastLine(), session, reports)));
        }
        for (Segment s : parsed.segments()) {
            if (s.kind() == Segment.Kind.SESSION) {
                SysInfo banner = parsed.sysInfos().stream().filter(x -> x.span().first() == s.firstLine()).findFirst().orElse(null);
                if (banner != null) {
                    out.add(new Node(Kind.SESSION, sessionLabel(session, s.firstLine()), s.firstLine(), s.lastLine(), banner, List.of()));
                }
                continue;
            }
            String what = switch (s.kind()) {
                case BACKTRACE -> "backtrace (no prompt)";
                case MEMORY_DUMP -> "memory dump (no prompt)";
                case LOG -> "kernel log";
                case SESSION -> "session";
            };
            out.add(new Node(Kind.BLOCK, what + "  :" + s.firstLine(), s.firstLine(), s.lastLine(), s,
                    children(records, s.firstLine(), s.lastLine(), session, reports)));
        }
        records.stream().filter(r -> r instanceof CrashOutput c && c.span().first() == c.span().last() && outside(out, c.span().first()))
                .forEach(r -> out.add(message((CrashOutput) r)));
        out.sort(Comparator.comparingInt(Node::firstLine));
        return List.copyOf(out);
    }

    private static boolean outside(List<Node> nodes, int line) {
        return nodes.stream().noneMatch(n -> n.contains(line));
    }

    /** A command's label: the command as typed and its line ({@code bt -FFls  :164}). */
    public static String label(CommandBlock block) {
        return (block.isBare() ? "(bare prompt)" : block.command()) + "  :" + block.firstLine();
    }

    private static String sessionLabel(Session session, int line) {
        StringBuilder b = new StringBuilder("session");
        if (session.get("release") != null) {
            b.append(": ").append(session.get("release"));
        }
        if (session.panic() != null) {
            b.append(", panic \"").append(session.panic()).append('"');
        }
        return b.append("  :").append(line).toString();
    }

    private static List<Node> children(List<ParsedRecord> records, int first, int last, Session session, java.util.Map<Oops, CrashReport> reports) {
        List<Node> out = new ArrayList<>();
        int from = firstAtOrAfter(records, first);
        List<Backtrace> tasks = new ArrayList<>();
        List<Walk> walks = new ArrayList<>();
        for (int i = from; i < records.size() && records.get(i).span().first() <= last; i++) {
            switch (records.get(i)) {
                case Backtrace bt when bt.task() != null -> tasks.add(bt);
                case Walk w -> walks.add(w);
                case Oops o -> out.add(new Node(Kind.OOPS, oopsLabel(o, reports.get(o)), o.span().first(), o.span().last(), o, List.of()));
                case HardwareError e -> out.add(new Node(Kind.HARDWARE_ERROR, String.format("{%d} %s hardware error%s  :%d", e.record(),
                        e.severity() == null ? "" : e.severity(), e.physicalAddress() == null ? "" : String.format(" at 0x%x", e.physicalAddress()),
                        e.span().first()), e.span().first(), e.span().last(), e, List.of()));
                case MachineCheck m -> out.add(new Node(Kind.MACHINE_CHECK, firstLine(HardwareEvidence.of(m).label()) + "  :" + m.span().first(),
                        m.span().first(), m.span().last(), m, List.of()));
                case KernelEvent e when HardwareEvidence.of(e) != null -> out.add(new Node(Kind.MEMORY_FAILURE, HardwareEvidence.of(e).label() + "  :"
                        + e.span().first(), e.span().first(), e.span().last(), e, List.of()));
                case CrashOutput c -> c.diagnostics().forEach(d -> out.add(new Node(Kind.CRASH_MESSAGE, d.message() + "  :" + d.line(), d.line(),
                        d.line(), c, List.of())));
                default -> {
                }
            }
        }
        if (tasks.size() > 1 || tasks.size() == 1 && isPanicTask(tasks.get(0), session)) {
            for (Backtrace bt : tasks) {
                out.add(new Node(Kind.TASK, taskLabel(bt, session), bt.span().first(), bt.span().last(), bt, List.of()));
            }
        }
        if (walks.size() > 1) {
            for (Walk w : walks) {
                out.add(new Node(Kind.WALK, (w.virtual() == null ? "walk" : String.format("0x%x", w.virtual())) + "  :" + w.span().first(),
                        w.span().first(), w.span().last(), w, List.of()));
            }
        }
        out.sort(Comparator.comparingInt(Node::firstLine));
        return List.copyOf(out);
    }

    /** The report as the kernel printed it, and its kind when that says more ({@code [use-after-free]}). */
    private static String oopsLabel(Oops o, CrashReport report) {
        String kind = report == null || report.kind() == CrashKind.UNKNOWN ? "" : "  [" + report.kind().id() + (report.deliberate() ? ", deliberate" : "") + "]";
        return o.message() + kind + "  :" + o.line();
    }

    private static Node message(CrashOutput c) {
        return new Node(Kind.CRASH_MESSAGE, c.diagnostics().get(0).message() + "  :" + c.span().first(), c.span().first(), c.span().last(), c, List.of());
    }

    /** Whether a backtrace is the panic task's, by crash's session header. */
    public static boolean isPanicTask(Backtrace bt, Session session) {
        return bt.task() != null && session.pid() != null && bt.task().pid() == session.pid()
                && (session.cpu() == null || bt.task().cpu() == session.cpu() || bt.task().pid() != 0);
    }

    static String taskLabel(Backtrace bt, Session session) {
        var t = bt.task();
        String cpu = t.cpu() < 0 ? "" : " CPU " + t.cpu();
        String mark = isPanicTask(bt, session) ? "  (panic task)" : t.idle() && bt.frames().size() <= 3 ? "  (idle)" : "";
        return String.format(Locale.ROOT, "PID %d %s%s, %d frames%s  :%d", t.pid(), t.command(), cpu, bt.frames().size(), mark, bt.span().first());
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static int firstAtOrAfter(List<ParsedRecord> records, int line) {
        int lo = 0;
        int hi = records.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (records.get(mid).span().first() < line) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
