package org.crashscope.presentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.crashscope.analysis.Finding;
import org.crashscope.analysis.TranscriptAnalysis;
import org.crashscope.analysis.chain.CrashReport;
import org.crashscope.analysis.rules.Diagnosis;
import org.crashscope.analysis.stack.AnnotatedSlot;
import org.crashscope.analysis.stack.Links;
import org.crashscope.analysis.stack.RegisterProvenance;
import org.crashscope.analysis.stack.StackSlotAnnotator;
import org.crashscope.arch.ArchFacts;
import org.crashscope.arch.paging.PagingAnalysis;
import org.crashscope.arch.x86.FaultingInstruction;
import org.crashscope.transcript.model.Once;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.parse.ParsedTranscript;

/**
 * What every output shows of one analysis, computed once: the crash, the session, the evidence
 * chain, the known issues, the stack words, the registers at the fault, the hardware errors, the
 * outline, the problems, the traces, the status line and the cross-reference of values. The views,
 * the HTML and Markdown reports, the JSON contract and the CLI's summary are writers over it; none
 * of them derives a fact, and none reads the analysis (after Eclipse MAT's {@code IResult}, which its
 * panes, its HTML outputter and its batch mode render alike).
 *
 * <p>The parse ({@link #parsed()}) and the paging model ({@link #paging()}) are typed models of
 * their own bundles and are shown as they are. A presentation is immutable; the cross-reference is
 * built on first use (from any thread).
 */
public final class Presentation {

    private final TranscriptAnalysis analysis;
    private final Crash crash;
    private final List<Crash> reports;
    private final SessionInfo session;
    private final List<Step> steps;
    private final List<KnownIssue> knownIssues;
    private final List<StackWord> stackWords;
    private final List<RegisterRow> registerPlaces;
    private final FaultRegisters faultRegisters;
    private final List<FaultingInstruction> decoded;
    private final List<HardwareEvidence> hardware;
    private final Once<List<Problems.Problem>> problems;
    private final Once<List<Outline.Node>> outline;
    private final Once<Long> labelledWords;
    private final Once<List<Traces.Entry>> traces;
    private final Once<List<List<StackWord>>> wordsByBacktrace;
    private final String status;
    private final Once<CrossReference> xref;

    private Presentation(TranscriptAnalysis analysis) {
        this.analysis = analysis;
        this.crash = crash(analysis.crash());
        this.reports = analysis.reports().stream().map(Presentation::crash).toList();
        var s = analysis.session();
        this.session = new SessionInfo(s.line(), s.fields(), s.lines(), s.panic(), s.pid(), s.command(), s.cpu());
        List<Step> chain = new ArrayList<>();
        for (Finding f : analysis.findings()) {
            chain.add(new Step("step-" + (chain.size() + 1), f.kind().id(), f.heading(), f.text(), level(f.confidence()), f.evidence(), f.nextCommand(),
                    org.crashscope.live.Gatherer.typeable(f.nextCommand())));
        }
        this.steps = List.copyOf(chain);
        this.knownIssues = analysis.diagnoses().stream().map(Presentation::knownIssue).toList();
        // made when asked: a million words of a big bt -FF held three times over (slot, annotation, word) did not fit the heap
        this.stackWords = Mapped.of(analysis.slots(), Presentation::word);
        this.faultRegisters = faultRegisters(analysis);
        this.registerPlaces = analysis.provenance().stream()
                .map(p -> new RegisterRow(p.register(), p.value(), places(p.places()), p.register().equals(faultRegisters.faulting()))).toList();
        this.decoded = decodeAll(analysis);
        this.hardware = HardwareEvidence.of(analysis.parsed());
        // made when a view or the report asks: the JSON never does, and a foreach bt's labels of 85,000 traces are 14 MB
        this.traces = new Once<>(() -> Traces.of(analysis));
        this.wordsByBacktrace = new Once<>(() -> Traces.slotsOf(analysis.parsed().backtraces(), stackWords,
                i -> StackSlotAnnotator.wordAt(analysis.slots(), i).line()));
        this.status = statusLine(analysis);
        this.problems = new Once<>(() -> Problems.of(analysis));
        this.outline = new Once<>(() -> Outline.of(analysis));
        this.labelledWords = new Once<>(() -> stackWords.stream().filter(StackWord::labelled).count());
        this.xref = new Once<>(() -> CrossReference.of(analysis));
    }

    /** The presentation of {@code analysis}; a caller keeps it as long as the analysis (the session service does). */
    public static Presentation of(TranscriptAnalysis analysis) {
        return new Presentation(analysis);
    }

    /** The transcript's records, as parsed. */
    public ParsedTranscript parsed() {
        return analysis.parsed();
    }

    /** The transcript's name (its file name). */
    public String name() {
        return analysis.parsed().name();
    }

    /** The architecture and what decided it. */
    public ArchFacts arch() {
        return analysis.arch();
    }

    /** Walk checks, dumped tables and their anomalies. */
    public PagingAnalysis paging() {
        return analysis.paging();
    }

    /** The crash that ended the session, or {@code null} when the text shows none. */
    public Crash crash() {
        return crash;
    }

    /** The kind and title of every oops, in the order of {@code parsed().oopses()}. */
    public List<Crash> reports() {
        return reports;
    }

    public SessionInfo session() {
        return session;
    }

    /** The evidence chain, gaps included, each step with a stable id. */
    public List<Step> steps() {
        return steps;
    }

    /** The matched rules, best first. */
    public List<KnownIssue> knownIssues() {
        return knownIssues;
    }

    /** The best matched rule, or {@code null}. */
    public KnownIssue topIssue() {
        return knownIssues.isEmpty() ? null : knownIssues.get(0);
    }

    /** Every labelled stack word, in the order of the transcript's backtraces. */
    public List<StackWord> stackWords() {
        return stackWords;
    }

    /** Where each register value at the fault reappears (the JSON's {@code registerProvenance}). */
    public List<RegisterRow> registerPlaces() {
        return registerPlaces;
    }

    /** The registers at the fault, in crash's order, with where each value reappears. */
    public FaultRegisters faultRegisters() {
        return faultRegisters;
    }

    /** The oops whose Code: is decoded as the crash's instruction, or {@code null}. */
    public Oops faultingOops() {
        return analysis.faultingOops();
    }

    /** The crash's decoded instruction, or {@code null}. */
    public FaultingInstruction fault() {
        return analysis.fault();
    }

    /** The decoded Code: of each oops (index for index with {@code parsed().oopses()}), {@code null} where none is decoded. */
    public List<FaultingInstruction> decoded() {
        return decoded;
    }

    public List<HardwareEvidence> hardwareEvidence() {
        return hardware;
    }

    /** The hardware errors as the view lists them, the time counted to the crash's report. */
    public List<HardwareRow> hardwareRows() {
        Oops oops = crash != null && crash.oops() != null ? crash.oops() : parsed().oopses().stream().findFirst().orElse(null);
        Double oopsTime = oops == null ? null : oops.timestamp();
        return hardware.stream().map(e -> new HardwareRow(e.source(), time(e.timestamp()), e.severity(), e.what(), e.physical(), e.where(),
                before(e.timestamp(), oopsTime), e.first(), e.last())).toList();
    }

    /** What the Problems view lists (made when first asked: a report or the JSON does not ask, a workbench's opening job does). */
    public List<Problems.Problem> problems() {
        return problems.get();
    }

    /** How many stack words are labelled with more than "data" (counted when first asked, as {@link #problems()}: each word is annotated). */
    public long labelledWords() {
        return labelledWords.get();
    }

    /** What the Outline view lists (made when first asked, as {@link #problems()}). */
    public List<Outline.Node> outline() {
        return outline.get();
    }

    /** The backtraces as listed: crash's, then the log's reports' stacks. */
    public List<Traces.Entry> traces() {
        return traces.get();
    }

    /** The stack words of a listed trace (a stack a log report printed has none). */
    public List<StackWord> wordsOf(Traces.Entry entry) {
        return entry.index() < 0 ? List.of() : wordsByBacktrace.get().get(entry.index());
    }

    /** The stack words of each of {@code parsed().backtraces()}, index for index. */
    public List<List<StackWord>> wordsByBacktrace() {
        return wordsByBacktrace.get();
    }

    /** The analysis in one line, for a status bar: size, crash, findings, anomalies. */
    public String status() {
        return status;
    }

    /** Rule files that could not be read. */
    public List<String> ruleProblems() {
        return analysis.ruleProblems();
    }

    /** Every value to the typed places the analysis knows it at (built on first use). */
    public CrossReference xref() {
        return xref.get();
    }

    /**
     * The registers at the fault (the first kernel-mode exception frame, else the first oops's
     * register dump), with the register the faulting instruction addressed through.
     *
     * @param where  which frame or oops they come from, in words, or empty when there are none
     * @param digits the width of a value in hex digits
     */
    public record FaultRegisters(String where, int line, String arch, int digits, String faulting, List<RegisterRow> rows) {
    }

    /** A register at the fault and where its value reappears. */
    public record RegisterRow(String register, long value, Places places, boolean faulting) {
    }

    /** One hardware-error record as listed, times as printed, {@code beforeOops} counted to the crash's report. */
    public record HardwareRow(String kind, String time, String severity, String type, Long physical, String where, String beforeOops, int first,
            int last) {
    }

    private static FaultRegisters faultRegisters(TranscriptAnalysis analysis) {
        var fault = StackSlotAnnotator.faultRegisters(analysis.parsed());
        String faulting = analysis.fault() == null ? null : analysis.fault().faultRegister();
        List<RegisterRow> rows = new ArrayList<>();
        for (Map.Entry<String, Long> r : fault.values().entrySet()) {
            Places places = analysis.provenance().stream().filter(p -> p.register().equals(r.getKey())).findFirst()
                    .map(p -> places(p.places())).orElse(Places.NONE);
            rows.add(new RegisterRow(r.getKey(), r.getValue(), places, r.getKey().equals(faulting)));
        }
        return new FaultRegisters(fault.values().isEmpty() ? "" : fault.where(), fault.line(), analysis.arch().known() ? analysis.arch().arch().id() : null,
                2 * analysis.arch().wordSize(8), faulting, List.copyOf(rows));
    }

    /**
     * The Code: of each oops decoded: the crash's as the analysis decoded it, the others' by the
     * architecture's decoder (none where it decodes nothing).
     */
    private static List<FaultingInstruction> decodeAll(TranscriptAnalysis analysis) {
        List<Oops> oopses = analysis.parsed().oopses();
        List<FaultingInstruction> out = new ArrayList<>(oopses.size());
        for (Oops oops : oopses) {
            out.add(oops.code() == null ? null : oops == analysis.faultingOops() ? analysis.fault()
                    : analysis.arch().architecture().decodeCode(oops.code(), oops.registers()));
        }
        return java.util.Collections.unmodifiableList(out);
    }

    private static Crash crash(CrashReport c) {
        return c == null ? null : new Crash(c.line(), c.kind().id(), c.kind().meaning(), c.kind().fault(), c.title(), c.guiltyFrame(), c.deliberate(), c.evidence(), c.oops(),
                c.lines(), c.altTitles());
    }

    private static KnownIssue knownIssue(Diagnosis d) {
        var r = d.rule();
        return new KnownIssue(r.id(), r.title(), r.what(), r.adviceLabel(), r.explainsAKind(), r.summary(), d.confidence(), level(d.level()), r.fixedIn(), r.category(),
                r.workaround(), r.workaroundText(), d.kernel(), d.kernelStatus().id(), d.kernelStatus().wording(), d.held(), d.missing(), r.references(),
                d.evidence());
    }

    private static StackWord word(AnnotatedSlot a) {
        return new StackWord(a.slot(), a.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), a.label(), a.register(), a.function(), a.rule(),
                level(a.confidence()), places(a.places()));
    }

    static Places places(Links links) {
        return links.total() == 0 ? Places.NONE : new Places(links.shown(), links.total());
    }

    private static String level(org.crashscope.analysis.Confidence c) {
        return c.name().toLowerCase(Locale.ROOT);
    }

    private static String statusLine(TranscriptAnalysis a) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%,d lines, %,d commands", a.parsed().lineCount(), a.parsed().commands().size()));
        if (a.crash() != null) {
            b.append("; ").append(a.crash().kind().id()).append(a.crash().deliberate() ? " (deliberate)" : "").append(": ").append(a.crash().title());
        }
        b.append(String.format(Locale.ROOT, "; %,d finding%s", a.findings().size(), a.findings().size() == 1 ? "" : "s"));
        long anomalies = a.paging().tables().stream().mapToLong(t -> t.anomalies().size()).sum();
        if (anomalies > 0) {
            b.append(String.format(Locale.ROOT, ", %,d page-table anomal%s", anomalies, anomalies == 1 ? "y" : "ies"));
        }
        return b.toString();
    }

    private static String time(Double t) {
        return t == null ? "" : String.format(Locale.ROOT, "%.6f", t);
    }

    private static String before(Double t, Double oops) {
        if (t == null || oops == null) {
            return "";
        }
        double ms = (oops - t) * 1000;
        return ms >= 0 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.1f ms after", -ms);
    }
}
