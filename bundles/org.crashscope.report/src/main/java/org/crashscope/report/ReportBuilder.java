package org.crashscope.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;

import org.crashscope.presentation.HardwareEvidence;
import org.crashscope.presentation.KnownIssue;
import org.crashscope.presentation.Presentation;
import org.crashscope.presentation.SessionInfo;
import org.crashscope.presentation.StackWord;
import org.crashscope.presentation.Step;
import org.crashscope.diagram.PageTableDiagram;
import org.crashscope.diagram.WalkDiagram;
import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.Oops;
import org.crashscope.arch.paging.Anomaly;
import org.crashscope.arch.paging.CheckedWalk;
import org.crashscope.arch.paging.PageTable;
import org.crashscope.arch.x86.Disassembler;
import org.crashscope.arch.x86.FaultingInstruction;
import org.crashscope.report.notes.Note;

/**
 * Builds a report from the analyses of a transcript and the analyst's notes: the diagnosis first,
 * then one section per kind of evidence, the notes, and the transcript lines the evidence cites.
 * Each section comes from a {@link Contributor}; a new analysis adds its own.
 */
public final class ReportBuilder {

    /** Adds the sections of one kind of analysis. */
    public interface Contributor {
        void contribute(Input input, List<Report.Section> sections);
    }

    /** What contributors read. {@code lines} gives a transcript line by its number. */
    public record Input(Presentation presentation, IntFunction<String> lines, int lineCount, List<Note> notes, Meta meta) {

        public Input(Presentation presentation, IntFunction<String> lines, int lineCount, List<Note> notes) {
            this(presentation, lines, lineCount, notes, Meta.NONE);
        }
    }

    /**
     * What the report says of itself, for a support case: the case and the analyst (either may be
     * {@code null}), when it was written, by which Crashscope, and how instructions are written.
     */
    public record Meta(String caseId, String analyst, String date, String version, Disassembler.Syntax syntax) {

        public static final Meta NONE = new Meta(null, null, null, null, Disassembler.Syntax.ATT);

        /** Today's report by Crashscope {@code version}, instructions in AT&T syntax. */
        public static Meta now(String caseId, String analyst, String version, Disassembler.Syntax syntax) {
            return new Meta(blankToNull(caseId), blankToNull(analyst), java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), version, syntax == null ? Disassembler.Syntax.ATT : syntax);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    private static final int CONTEXT = 2;
    private static final int MAX_EXCERPT_LINE = 400;

    private final List<Contributor> contributors = new ArrayList<>(List.of(ReportBuilder::header, ReportBuilder::diagnosis, ReportBuilder::hardwareErrors,
            ReportBuilder::oopses, ReportBuilder::backtraces, ReportBuilder::walks, ReportBuilder::tables, ReportBuilder::notes));

    public ReportBuilder add(Contributor contributor) {
        contributors.add(contributor);
        return this;
    }

    public Report build(String file, Input input) {
        List<Report.Section> sections = new ArrayList<>();
        contributors.forEach(c -> c.contribute(input, sections));
        excerpts(input, sections);
        String kernel = input.presentation().parsed().oopses().stream().map(Oops::kernel).filter(k -> k != null).findFirst().orElse(null);
        String subtitle = String.format("%s, %d lines%s", file, input.lineCount(), kernel == null ? "" : ", kernel " + kernel);
        return new Report("Crash analysis: " + file, file, subtitle, List.copyOf(sections));
    }

    /** The case, the analyst, the date, the tool; crash's session header; the crash's kind and title. */
    private static void header(Input in, List<Report.Section> out) {
        List<List<String>> facts = new ArrayList<>();
        Meta m = in.meta();
        if (m.caseId() != null) {
            facts.add(List.of("Case", m.caseId()));
        }
        if (m.analyst() != null) {
            facts.add(List.of("Analyst", m.analyst()));
        }
        if (m.date() != null) {
            facts.add(List.of("Date", m.date()));
        }
        if (m.version() != null) {
            facts.add(List.of("Written by", "Crashscope " + m.version()));
        }
        var crash = in.presentation().crash();
        if (crash != null) {
            facts.add(List.of("Crash", crash.title() + " (" + crash.kind() + (crash.deliberate() ? ", deliberate" : "") + ", line " + crash.line() + ")"));
        }
        facts.addAll(sessionFacts(in.presentation()));
        out.add(new Report.Section("case", "Case and session", List.of(new Report.Facts(facts))));
    }

    private static void diagnosis(Input in, List<Report.Section> out) {
        List<Report.Block> blocks = new ArrayList<>();
        Presentation a = in.presentation();
        if (a.knownIssues().isEmpty()) {
            blocks.add(new Report.Paragraph("No known issue and no kind of crash matches this transcript.", true));
        }
        for (KnownIssue d : a.knownIssues()) {
            blocks.add(new Report.Paragraph(d.title(), true));
            List<List<String>> facts = new ArrayList<>();
            facts.add(List.of(d.what(), d.id()));
            facts.add(List.of("Symptoms that hold", String.format(Locale.ROOT, "%d of %d (%.0f%%)", d.held().size(), d.held().size() + d.missing().size(),
                    d.confidence() * 100)));
            if (!d.fixedIn().isEmpty()) {
                facts.add(List.of("Fixed in", String.join(", ", d.fixedIn())));
            }
            if (d.kernel() != null && !d.explainsAKind()) {
                facts.add(List.of("Running kernel", d.kernel() + " (" + d.kernelVerdict() + ")"));
            }
            if (d.workaround() != null) {
                facts.add(List.of(d.adviceLabel(), d.workaroundText() != null ? d.workaroundText() : d.workaround()));
            }
            if (!d.missing().isEmpty()) {
                facts.add(List.of("Not seen", String.join("; ", d.missing())));
            }
            if (!d.references().isEmpty()) {
                facts.add(List.of("References", String.join("; ", d.references())));
            }
            blocks.add(new Report.Facts(facts));
        }
        if (!a.steps().isEmpty()) {
            List<Report.Step> steps = new ArrayList<>();
            for (Step f : a.steps()) {
                steps.add(new Report.Step(f.kind(), f.text(), f.isGap() ? "missing" : f.confidence(), f.evidence(),
                        f.nextCommand()));
            }
            blocks.add(new Report.Paragraph("Evidence chain", true));
            blocks.add(new Report.Steps(steps));
        }
        out.add(new Report.Section("diagnosis", "Summary and diagnosis", blocks));
    }

    /** The architecture (and why) and crash's session header, as printed. */
    private static List<List<String>> sessionFacts(Presentation a) {
        List<List<String>> facts = new ArrayList<>();
        facts.add(List.of("Architecture", a.arch().known() ? a.arch().arch().id() + " (" + a.arch().evidence()
                + (a.arch().line() > 0 ? ", line " + a.arch().line() : "") + ")" : "not shown by the transcript"));
        for (String[] key : SessionInfo.KEYS) {
            String v = a.session().get(key[0]);
            if (v != null) {
                facts.add(List.of(key[1], v + " (line " + a.session().lineOf(key[0]) + ")"));
            }
        }
        return facts;
    }

    private static void hardwareErrors(Input in, List<Report.Section> out) {
        List<HardwareEvidence> evidence = in.presentation().hardwareEvidence();
        if (evidence.isEmpty()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (HardwareEvidence e : evidence) {
            rows.add(List.of(String.valueOf(e.first()), e.source(), e.severity(), e.what(), e.physical() == null ? "" : hex(e.physical()), e.where()));
        }
        out.add(new Report.Section("hardware-errors", "Hardware errors", List.of(new Report.Table(List.of("line", "record", "severity", "error",
                "physical address", "where"), rows, Set.of(), false))));
    }

    private static void oopses(Input in, List<Report.Section> out) {
        List<Report.Block> blocks = new ArrayList<>();
        for (Oops o : in.presentation().parsed().oopses()) {
            List<List<String>> facts = new ArrayList<>();
            facts.add(List.of("Message", o.message() + " (line " + o.line() + ")"));
            if (o.cpu() != null) {
                facts.add(List.of("Task", String.format("PID %d \"%s\" on CPU %d", o.pid(), o.comm(), o.cpu())));
            }
            if (o.kernel() != null) {
                facts.add(List.of("Kernel", o.kernel() + (o.tainted() == null || o.tainted().isEmpty() ? "" : ", tainted " + o.tainted())));
            }
            if (o.hardware() != null) {
                facts.add(List.of("Hardware", o.hardware()));
            }
            if (o.rip() != null) {
                facts.add(List.of("RIP", o.rip() + (o.ripLength() == null ? "" : "/0x" + Long.toHexString(o.ripLength()))));
            }
            FaultingInstruction f = o == in.presentation().faultingOops() ? in.presentation().fault() : null;
            Disassembler.Syntax syntax = in.meta().syntax();
            if (f != null && f.trapping() != null) {
                facts.add(List.of("Faulting instruction", f.trapping().text(syntax)));
                if (f.faultAddress() != null) {
                    facts.add(List.of("Address", String.format("%s: %s", f.addressText(),
                            f.canonical() ? "canonical" : "NOT canonical, so a general protection fault and not a page fault")));
                }
            } else if (f != null && f.problem() != null) {
                facts.add(List.of("Code", "not decoded: " + f.problem()));
            }
            blocks.add(new Report.Facts(facts));
            if (!o.registers().isEmpty()) {
                blocks.add(registers(o));
            }
            if (f != null && !f.instructions().isEmpty()) {
                List<List<String>> rows = new ArrayList<>();
                Set<Integer> trap = new LinkedHashSet<>();
                if (f.firstDecoded() > 0 && o.code() != null) {
                    StringBuilder context = new StringBuilder();
                    for (int b = 0; b < f.firstDecoded() && b < o.code().bytes().size(); b++) {
                        context.append(b == 0 ? "" : " ").append(String.format("%02x", o.code().bytes().get(b)));
                    }
                    rows.add(List.of("+0", context.toString(), "(context: the end of an instruction that began before the Code: bytes)"));
                }
                for (int i = 0; i < f.instructions().size(); i++) {
                    Disassembler.Instruction insn = f.instructions().get(i);
                    if (i == f.trap()) {
                        trap.add(rows.size());
                    }
                    rows.add(List.of("+" + insn.address(), insn.bytes() == null ? "" : insn.bytes(), (i == f.trap() ? "=> " : "") + insn.text(syntax)));
                }
                blocks.add(new Report.Table(List.of("offset", "bytes", "instruction (" + (syntax == Disassembler.Syntax.ATT ? "AT&T, as objdump -d" : "Intel")
                        + ", from the Code: bytes)"), rows, trap, true));
            }
        }
        if (!blocks.isEmpty()) {
            out.add(new Report.Section("oops", "Oops and faulting instruction", blocks));
        }
    }

    /** The oops's registers as the kernel printed them, four to a row (CR2, CR3 and the rest included). */
    private static Report.Table registers(Oops o) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        for (var r : o.registers().values().entrySet()) {
            row.add(r.getKey().toUpperCase(Locale.ROOT));
            row.add(String.format("%016x", r.getValue()));
            if (row.size() == 8) {
                rows.add(List.copyOf(row));
                row.clear();
            }
        }
        if (!row.isEmpty()) {
            while (row.size() < 8) {
                row.add("");
            }
            rows.add(List.copyOf(row));
        }
        return new Report.Table(List.of("register", "value", "register", "value", "register", "value", "register", "value"), rows, Set.of(), true);
    }

    private static void backtraces(Input in, List<Report.Section> out) {
        List<Report.Block> blocks = new ArrayList<>();
        List<Backtrace> traces = in.presentation().parsed().backtraces();
        List<List<StackWord>> slotsOf = in.presentation().wordsByBacktrace();
        for (int t = 0; t < traces.size(); t++) {
            Backtrace bt = traces.get(t);
            String who = bt.task() == null ? "" : String.format(": PID %d \"%s\" CPU %d", bt.task().pid(), bt.task().command(), bt.task().cpu());
            blocks.add(new Report.Paragraph(String.format("%s at line %d%s", bt.command().isEmpty() ? "Backtrace" : "crash> " + bt.command(),
                    bt.span().first(), who), true));
            if (!bt.frames().isEmpty()) {
                List<List<String>> rows = new ArrayList<>();
                Set<Integer> exception = new LinkedHashSet<>();
                for (int i = 0; i < bt.frames().size(); i++) {
                    var f = bt.frames().get(i);
                    rows.add(List.of(f.index() < 0 ? "" : "#" + f.index(), Long.toHexString(f.stackAddress()), (f.unreliable() ? "? " : "") + f.function()
                            + (f.exception() != null && f.exception().rip() != null ? "  [exception RIP: " + f.exception().rip() + "]" : ""),
                            f.module() == null ? "" : f.module()));
                    if (f.exception() != null && !f.exception().userMode()) {
                        exception.add(i);
                    }
                }
                blocks.add(new Report.Table(List.of("#", "stack", "function", "module"), rows, exception, true));
            }
            List<StackWord> slots = slotsOf.get(t);
            if (!slots.isEmpty()) {
                List<List<String>> rows = new ArrayList<>();
                Set<Integer> labelled = new LinkedHashSet<>();
                for (int i = 0; i < slots.size(); i++) {
                    StackWord s = slots.get(i);
                    String value = s.slot().value() != null ? String.format("%0" + 2 * s.slot().width() + "x", s.slot().value())
                            : s.slot().symbol() != null ? s.slot().symbol() : String.format("[%x:%s]", s.slot().slabObject(), s.slot().slabCache());
                    rows.add(List.of(Long.toHexString(s.slot().address()), value, s.label(),
                            s.labelled() ? s.confidence() : "", s.rule()));
                    if (s.kind().equals("saved-register") || s.kind().equals("return-address")) {
                        labelled.add(i);
                    }
                }
                blocks.add(new Report.Table(List.of("address", "value", "what it holds", "confidence", "rule"), rows, labelled, true));
            }
        }
        if (!blocks.isEmpty()) {
            out.add(new Report.Section("backtrace", "Backtrace and annotated stack", blocks));
        }
    }

    private static void walks(Input in, List<Report.Section> out) {
        List<Report.Block> blocks = new ArrayList<>();
        for (CheckedWalk w : in.presentation().paging().walks()) {
            blocks.add(new Report.Figure(WalkDiagram.of(w, -1), WalkDiagram.title(w) + ", " + WalkDiagram.verdict(w)));
        }
        if (!blocks.isEmpty()) {
            out.add(new Report.Section("walks", "Page-table walks", blocks));
        }
    }

    private static void tables(Input in, List<Report.Section> out) {
        List<Report.Block> blocks = new ArrayList<>();
        for (PageTable t : in.presentation().paging().tables()) {
            blocks.add(new Report.Figure(PageTableDiagram.of(t), String.format("%s table at 0x%x dumped at line %d", t.level() == null ? "Page" : t.level(),
                    t.base(), t.dump().span().first())));
            for (Anomaly a : t.anomalies()) {
                blocks.add(new Report.Paragraph(String.format("Slot 0x%x (0x%x, line %d) %s", a.slot().index(), a.slot().address(), a.slot().line(), a.reason()),
                        true));
            }
        }
        if (!blocks.isEmpty()) {
            out.add(new Report.Section("tables", "Page-table dumps", blocks));
        }
    }

    private static void notes(Input in, List<Report.Section> out) {
        if (in.notes().isEmpty()) {
            return;
        }
        List<Report.Block> blocks = new ArrayList<>();
        in.notes().forEach(n -> blocks.add(new Report.NoteBlock(n)));
        out.add(new Report.Section("notes", "Analyst notes", blocks));
    }

    /** The transcript lines every finding, diagnosis and note cites, with a little context. */
    private static void excerpts(Input in, List<Report.Section> out) {
        TreeSet<Integer> marked = new TreeSet<>();
        in.presentation().steps().forEach(f -> marked.addAll(f.evidence()));
        in.presentation().knownIssues().forEach(d -> marked.addAll(d.evidence()));
        in.presentation().paging().tables().forEach(t -> t.anomalies().forEach(a -> marked.add(a.slot().line())));
        in.notes().forEach(n -> {
            for (int l = n.firstLine(); l <= n.lastLine() && l - n.firstLine() < 50; l++) {
                marked.add(l);
            }
        });
        marked.removeIf(l -> l < 1 || l > in.lineCount());
        if (marked.isEmpty()) {
            return;
        }
        List<Report.Block> blocks = new ArrayList<>();
        int start = -1;
        int end = -1;
        for (int line : marked) {
            if (start < 0) {
                start = Math.max(1, line - CONTEXT);
                end = Math.min(in.lineCount(), line + CONTEXT);
            } else if (line - CONTEXT <= end + 1) {
                end = Math.min(in.lineCount(), line + CONTEXT);
            } else {
                blocks.add(excerpt(in, start, end, marked));
                start = Math.max(1, line - CONTEXT);
                end = Math.min(in.lineCount(), line + CONTEXT);
            }
        }
        blocks.add(excerpt(in, start, end, marked));
        out.add(new Report.Section("excerpts", "Transcript excerpts (the cited lines)", blocks));
    }

    private static Report.Excerpt excerpt(Input in, int start, int end, TreeSet<Integer> marked) {
        List<String> lines = new ArrayList<>();
        for (int l = start; l <= end; l++) {
            String text = in.lines().apply(l);
            lines.add(text.length() > MAX_EXCERPT_LINE ? text.substring(0, MAX_EXCERPT_LINE) + " [... " + (text.length() - MAX_EXCERPT_LINE)
                    + " more characters]" : text);
        }
        Set<Integer> mine = new TreeSet<>(marked.subSet(start, end + 1));
        return new Report.Excerpt(start, lines, mine, "lines " + start + "-" + end);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
