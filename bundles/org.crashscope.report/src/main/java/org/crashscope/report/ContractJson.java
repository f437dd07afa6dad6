package org.crashscope.report;

import java.util.List;
import java.util.Map;

import org.crashscope.arch.ArchFacts;
import org.crashscope.arch.x86.Disassembler;
import org.crashscope.arch.paging.Anomaly;
import org.crashscope.arch.paging.CheckedWalk;
import org.crashscope.arch.paging.NonPresent;
import org.crashscope.arch.paging.PageTable;
import org.crashscope.arch.paging.PagingAnalysis;
import org.crashscope.arch.paging.TableSlot;
import org.crashscope.arch.paging.WalkStep;
import org.crashscope.arch.x86.FaultingInstruction;
import org.crashscope.arch.x86.Mca;
import org.crashscope.transcript.CommandBlock;
import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.ExceptionFrame;
import org.crashscope.transcript.model.Frame;
import org.crashscope.transcript.model.HardwareError;
import org.crashscope.transcript.model.KernelEvent;
import org.crashscope.transcript.model.LogStack;
import org.crashscope.transcript.model.MachineCheck;
import org.crashscope.transcript.model.MemoryDump;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.Registers;
import org.crashscope.transcript.model.Symbol;
import org.crashscope.transcript.model.Walk;
import org.crashscope.transcript.parse.Hex;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.presentation.Crash;
import org.crashscope.presentation.KnownIssue;
import org.crashscope.presentation.Places;
import org.crashscope.presentation.Presentation;
import org.crashscope.presentation.SessionInfo;
import org.crashscope.presentation.StackWord;
import org.crashscope.presentation.Step;
import org.crashscope.report.notes.Note;

/**
 * Writes a parsed transcript as the JSON contract the README's "What the CLI prints" lists: hex
 * values are {@code "0x..."} strings in lower case, line numbers are 1-based lines of the file.
 */
public final class ContractJson {

    private ContractJson() {
    }

    public static String write(Presentation analyses) {
        return write(analyses, List.of());
    }

    /** The contract plus the analyst's notes. */
    public static String write(Presentation analyses, List<Note> notes) {
        java.io.StringWriter out = new java.io.StringWriter();
        write(analyses, notes, out);
        return out.toString();
    }

    /**
     * The contract plus the analyst's notes written onto {@code out} as it is made (the JSON of a big transcript is several
     * times its size: never held whole); flushed, not closed.
     *
     * @throws java.io.UncheckedIOException when {@code out} fails
     */
    public static void write(Presentation analyses, List<Note> notes, java.io.Writer out) {
        write(analyses, notes, new Json(out, true));
    }

    /**
     * The contract plus the analyst's notes written onto a terminal's stream as UTF-8 as it is made, with what a
     * terminal could act on escaped ({@link Json#forTerminal}); flushed, not closed.
     *
     * @throws java.io.UncheckedIOException when {@code out} fails
     */
    public static void writeForTerminal(Presentation analyses, List<Note> notes, java.io.OutputStream out) {
        write(analyses, notes, Json.forTerminal(out, true));
    }

    private static void write(Presentation analyses, List<Note> notes, Json json) {
        ParsedTranscript parsed = analyses.parsed();
        PagingAnalysis paging = analyses.paging();
        json.beginObject();
        json.field("file", parsed.name()).field("lines", parsed.lineCount());
        arch(json, analyses.arch());
        session(json, analyses.session());
        crash(json, analyses.crash());
        commands(json, parsed.commands());
        oopses(json, parsed.oopses(), analyses);
        hardwareErrors(json, parsed.hardwareErrors());
        machineChecks(json, parsed.machineChecks());
        kernelEvents(json, parsed.kernelEvents());
        backtraces(json, parsed.backtraces());
        walks(json, paging.walks());
        tableDumps(json, parsed.memoryDumps(), paging.tables());
        memoryDumps(json, parsed.memoryDumps(), paging.tables());
        stackSlots(json, analyses.stackWords());
        provenance(json, analyses.registerPlaces());
        findings(json, analyses.steps());
        diagnoses(json, analyses.knownIssues());
        if (!notes.isEmpty()) {
            json.name("notes").beginArray();
            for (Note n : notes) {
                json.beginObject().field("id", n.id()).field("firstLine", n.firstLine()).field("lastLine", n.lastLine()).field("target", n.target())
                        .field("text", n.text()).field("author", n.author()).field("created", n.created()).endObject();
            }
            json.endArray();
        }
        if (!analyses.ruleProblems().isEmpty()) {
            json.name("ruleProblems").beginArray();
            analyses.ruleProblems().forEach(json::value);
            json.endArray();
        }
        diagnostics(json, parsed.diagnostics());
        json.endObject().finish();
    }

    private static void arch(Json json, ArchFacts arch) {
        json.field("arch", arch.known() ? arch.arch().id() : null);
        if (arch.known()) {
            json.name("archEvidence").beginObject().field("text", arch.evidence());
            if (arch.line() > 0) {
                json.field("line", arch.line());
            }
            json.endObject();
        } else {
            json.name("archEvidence").value((String) null);
        }
    }

    private static void session(Json json, SessionInfo session) {
        if (!session.present()) {
            json.name("session").value((String) null);
            return;
        }
        json.name("session").beginObject().field("line", session.line());
        for (String[] key : SessionInfo.KEYS) {
            json.field(key[0], session.get(key[0]));
        }
        json.endObject();
    }

    /** The crash that ended the session: its kind, title, guilty frame and whether it was asked for. */
    private static void crash(Json json, Crash crash) {
        if (crash == null) {
            json.name("crash").value((String) null);
            return;
        }
        json.name("crash").beginObject().field("line", crash.line()).field("kind", crash.kind()).field("title", crash.title())
                .field("guiltyFrame", crash.guiltyFrame()).name("deliberate").value(crash.deliberate());
        json.field("meaning", crash.meaning()).field("evidence", crash.evidence());
        json.name("altTitles").beginArray();
        crash.altTitles().forEach(json::value);
        json.endArray();
        lines(json, "lines", crash.lines());
        json.endObject();
    }

    private static void commands(Json json, List<CommandBlock> commands) {
        json.name("commands").beginArray();
        for (CommandBlock block : commands) {
            json.beginObject().field("line", block.firstLine()).field("command", block.command()).field("kind", block.kind())
                    .field("lastLine", block.lastLine()).endObject();
        }
        json.endArray();
    }

    private static void findings(Json json, List<Step> findings) {
        json.name("findings").beginArray();
        for (Step f : findings) {
            json.beginObject().field("kind", f.kind()).field("text", f.text()).field("confidence", f.confidence());
            lines(json, "evidence", f.evidence());
            if (f.nextCommand() != null) {
                json.field("nextCommand", f.nextCommand());
            }
            json.endObject();
        }
        json.endArray();
    }

    private static void diagnoses(Json json, List<KnownIssue> diagnoses) {
        json.name("diagnoses").beginArray();
        for (KnownIssue d : diagnoses) {
            json.beginObject().field("id", d.id()).field("title", d.title())
                    .name("confidence").raw(String.format(java.util.Locale.ROOT, "%.2f", d.confidence()))
                    .field("level", d.level());
            strings(json, "fixedIn", d.fixedIn());
            json.field("category", d.category()).field("workaround", d.workaround()).field("workaroundText", d.workaroundText())
                    .field("kernel", d.kernel()).field("kernelStatus", d.kernelStatus());
            if (d.kernelKnown()) {
                json.name("olderThanFix").value(d.affected());
            }
            strings(json, "symptomsHeld", d.held());
            strings(json, "symptomsMissing", d.missing());
            strings(json, "references", d.references());
            lines(json, "evidence", d.evidence());
            json.endObject();
        }
        json.endArray();
    }

    private static void strings(Json json, String name, List<String> values) {
        json.name(name).beginArray();
        values.forEach(json::value);
        json.endArray();
    }

    private static void lines(Json json, String name, List<Integer> lines) {
        json.name(name).beginArray();
        lines.forEach(l -> json.value(l));
        json.endArray();
    }

    private static void stackSlots(Json json, List<StackWord> slots) {
        json.name("stackSlots").beginArray();
        for (StackWord s : slots) {
            json.beginObject().field("line", s.slot().line()).field("address", Hex.format(s.slot().address()));
            hex(json, "value", s.slot().value());
            if (s.slot().symbol() != null) {
                json.field("symbol", s.slot().symbol());
            }
            if (s.slot().slabCache() != null) {
                json.field("slabObject", Hex.format(s.slot().slabObject())).field("slabCache", s.slot().slabCache());
            }
            json.field("width", s.slot().width());
            json.field("kind", s.kind()).field("label", s.label())
                    .field("register", s.register()).field("frame", s.function()).field("rule", s.rule())
                    .field("confidence", s.confidence());
            links(json, s.places());
            json.endObject();
        }
        json.endArray();
    }

    private static void provenance(Json json, List<Presentation.RegisterRow> provenance) {
        json.name("registerProvenance").beginArray();
        for (Presentation.RegisterRow p : provenance) {
            json.beginObject().field("register", p.register()).field("value", Hex.format(p.value()));
            links(json, p.places());
            json.endObject();
        }
        json.endArray();
    }

    /** The first places a value reappears and, when there are more, how many in all ({@code linkCount}). */
    private static void links(Json json, Places places) {
        json.name("links").beginArray();
        places.shown().forEach(json::value);
        json.endArray();
        if (places.total() > places.shown().size()) {
            json.field("linkCount", places.total());
        }
    }

    private static void oopses(Json json, List<Oops> oopses, Presentation analyses) {
        json.name("oopses").beginArray();
        for (int n = 0; n < oopses.size(); n++) {
            Oops oops = oopses.get(n);
            Crash report = analyses.reports().get(n);
            json.beginObject().field("line", oops.line()).field("lastLine", oops.span().last()).field("message", oops.message());
            json.field("kind", report.kind()).field("title", report.title()).field("guiltyFrame", report.guiltyFrame());
            json.name("deliberate").value(report.deliberate());
            number(json, "timestamp", oops.timestamp());
            integer(json, "cpu", oops.cpu());
            integer(json, "pid", oops.pid());
            json.field("comm", oops.comm()).field("tainted", oops.tainted()).field("kernel", oops.kernel()).field("hardware", oops.hardware());
            symbol(json, "rip", oops.rip());
            registers(json, oops.registers());
            if (oops.code() != null) {
                json.name("code").beginObject().field("line", oops.code().line());
                json.name("bytes").beginArray();
                oops.code().bytes().forEach(b -> json.value(String.format("%02x", b)));
                json.endArray();
                if (oops.code().trapIndex() >= 0) {
                    json.field("trapIndex", oops.code().trapIndex());
                } else {
                    json.name("trapIndex").value((String) null);
                }
                FaultingInstruction f = analyses.decoded().get(n);
                if (f == null) {
                    json.name("instructions").beginArray().endArray().endObject();
                    json.name("callTrace").beginArray();
                    oops.callTrace().forEach(json::value);
                    json.endArray();
                    stacks(json, oops);
                    json.endObject();
                    continue;
                }
                json.field("instruction", f.trapping() == null ? null : f.trapping().text());
                json.field("instructionAtt", f.trapping() == null ? null : f.trapping().att());
                json.field("faultRegister", f.faultRegister());
                json.field("faultAddress", f.faultAddress() == null ? null : Hex.format(f.faultAddress()));
                if (f.canonical() != null) {
                    json.name("canonical").value(f.canonical().booleanValue());
                }
                if (f.operand() != null && f.faultAddress() != null) {
                    FaultingInstruction.MemoryOperand o = f.operand();
                    json.name("operand").beginObject().field("base", o.base());
                    hex(json, "baseValue", o.baseValue());
                    json.field("index", o.index());
                    hex(json, "indexValue", o.indexValue());
                    json.field("scale", o.scale()).field("displacement", (o.displacement() < 0 ? "-" : "") + Hex.format(Math.abs(o.displacement())))
                            .field("expression", o.expression()).field("text", f.addressText()).endObject();
                }
                if (f.problem() != null) {
                    json.field("problem", f.problem());
                }
                json.name("instructions").beginArray();
                for (int i = 0; i < f.instructions().size(); i++) {
                    Disassembler.Instruction insn = f.instructions().get(i);
                    json.beginObject().field("offset", insn.address()).field("text", insn.text()).field("att", insn.att()).field("bytes", insn.bytes());
                    if (i == f.trap()) {
                        json.name("trapping").value(true);
                    }
                    json.endObject();
                }
                json.endArray();
                json.endObject();
            }
            json.name("callTrace").beginArray();
            oops.callTrace().forEach(json::value);
            json.endArray();
            stacks(json, oops);
            json.endObject();
        }
        json.endArray();
    }

    /** The stacks a report printed, in bt's frame model: {@code [{line, heading, frames[{line, function, offset, ...}]}]}. */
    private static void stacks(Json json, Oops oops) {
        json.name("stacks").beginArray();
        for (LogStack st : oops.stacks()) {
            json.beginObject().field("line", st.span().first()).field("heading", st.heading());
            json.name("frames").beginArray();
            for (int i = 0; i < st.frames().size(); i++) {
                Frame f = st.frames().get(i);
                json.beginObject().field("line", f.line()).field("function", f.function()).field("offset", Hex.format(f.offset()));
                if (f.address() != null) {
                    json.field("address", Hex.format(f.address()));
                }
                if (f.module() != null) {
                    json.field("module", f.module());
                }
                if (f.source() != null) {
                    json.field("source", f.source());
                }
                if (f.unreliable()) {
                    json.name("unreliable").value(true);
                }
                if (!st.sections().get(i).isEmpty()) {
                    json.field("section", st.sections().get(i));
                }
                json.endObject();
            }
            json.endArray().endObject();
        }
        json.endArray();
    }

    private static void hardwareErrors(Json json, List<HardwareError> errors) {
        json.name("hardwareErrors").beginArray();
        for (HardwareError e : errors) {
            json.beginObject().field("line", e.span().first()).field("lastLine", e.span().last()).field("record", e.record());
            number(json, "timestamp", e.timestamp());
            integer(json, "sourceId", e.sourceId());
            json.field("severity", e.severity()).field("sectionType", e.sectionType());
            hex(json, "errorStatus", e.errorStatus());
            hex(json, "physicalAddress", e.physicalAddress());
            hex(json, "physicalAddressMask", e.physicalAddressMask());
            json.field("errorType", e.errorTypeText());
            integer(json, "errorTypeNumber", e.errorType());
            for (String key : List.of("node", "card", "module", "rank", "bank", "device", "row", "column")) {
                integer(json, key, e.location().get(key));
            }
            json.field("fruText", e.fruText()).field("fruId", e.fruId()).field("dimm", e.dimm());
            if (!e.vendorData().isEmpty()) {
                json.name("vendorData").beginArray();
                e.vendorData().forEach(b -> json.value(String.format("%02x", b)));
                json.endArray();
            }
            json.endObject();
        }
        json.endArray();
    }

    private static void machineChecks(Json json, List<MachineCheck> checks) {
        json.name("machineChecks").beginArray();
        for (MachineCheck mc : checks) {
            json.beginObject().field("line", mc.span().first()).field("lastLine", mc.span().last());
            number(json, "timestamp", mc.timestamp());
            nullable(json, "cpu", mc.cpu());
            nullable(json, "bank", mc.bank());
            json.name("exception").value(mc.exception());
            json.field("status", mc.status() == null ? null : Hex.format(mc.status()));
            if (mc.status() != null) {
                Mca mca = Mca.decode(mc.status());
                json.name("decoded").beginObject().name("flags").beginArray();
                mca.flags().forEach(json::value);
                json.endArray().field("code", Hex.format(mca.code())).field("description", mca.description()).name("memory").value(mca.memory())
                        .name("corrected").value(mca.corrected()).endObject();
            } else {
                json.name("decoded").value((String) null);
            }
            json.field("address", mc.address() == null ? null : Hex.format(mc.address()));
            json.field("misc", mc.misc() == null ? null : Hex.format(mc.misc()));
            nullable(json, "time", mc.time());
            integer(json, "socket", mc.socket());
            integer(json, "apic", mc.apic());
            json.field("rip", mc.rip()).field("text", mc.text()).endObject();
        }
        json.endArray();
    }

    /** The kernel's single evidence lines: memory failures and soft offlines, EDAC, sysrq, lkdtm, the OOM killer. */
    private static void kernelEvents(Json json, List<KernelEvent> events) {
        json.name("kernelEvents").beginArray();
        for (KernelEvent e : events) {
            json.beginObject().field("line", e.span().first()).field("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            number(json, "timestamp", e.timestamp());
            hex(json, "pfn", e.pfn());
            hex(json, "physical", e.physical());
            hex(json, "virtual", e.virtual());
            json.field("result", e.result()).field("message", e.message()).endObject();
        }
        json.endArray();
    }

    private static void backtraces(Json json, List<Backtrace> traces) {
        json.name("backtraces").beginArray();
        for (Backtrace bt : traces) {
            json.beginObject().field("line", bt.span().first()).field("lastLine", bt.span().last()).field("crashCommand", bt.command());
            if (bt.task() != null) {
                json.field("pid", bt.task().pid()).field("task", Hex.format(bt.task().task())).field("cpu", bt.task().cpu())
                        .field("command", bt.task().command());
            }
            json.name("frames").beginArray();
            for (Frame f : bt.frames()) {
                json.beginObject().field("line", f.line()).field("index", f.index()).field("stackAddress", Hex.format(f.stackAddress()))
                        .field("function", f.function()).field("offset", Hex.format(f.offset()));
                if (f.module() != null) {
                    json.field("module", f.module());
                }
                if (f.unreliable()) {
                    json.name("unreliable").value(true);
                }
                if (f.source() != null) {
                    json.field("source", f.source());
                }
                json.endObject();
            }
            json.endArray();
            if (bt.wordSize() != 0) {
                json.field("wordSize", bt.wordSize());
            }
            ExceptionFrame e = bt.firstException();
            if (e != null) {
                json.name("exception").beginObject().field("line", e.span().first());
                symbol(json, "rip", e.rip());
                registers(json, e.registers());
                json.endObject();
            }
            List<ExceptionFrame> bogus = bt.frames().stream().map(Frame::exception).filter(x -> x != null && x.bogus()).toList();
            if (!bogus.isEmpty()) {
                // kept for the record, never as evidence: crash itself doubts these register blocks
                json.name("bogusExceptionFrames").beginArray();
                bogus.forEach(b -> json.value(b.span().first()));
                json.endArray();
            }
            json.name("slots").beginArray();
            bt.slots().forEach(s -> {
                json.beginObject().field("line", s.line()).field("address", Hex.format(s.address()));
                hex(json, "value", s.value());
                if (s.symbol() != null) {
                    json.field("symbol", s.symbol());
                }
                if (s.slabCache() != null) {
                    json.field("slabObject", Hex.format(s.slabObject())).field("slabCache", s.slabCache());
                }
                json.endObject();
            });
            json.endArray().endObject();
        }
        json.endArray();
    }

    private static void walks(Json json, List<CheckedWalk> walks) {
        json.name("walks").beginArray();
        for (CheckedWalk checked : walks) {
            Walk w = checked.walk();
            json.beginObject().field("line", w.span().first()).field("lastLine", w.span().last()).field("command", w.command());
            hex(json, "virtual", w.virtual());
            hex(json, "physical", w.physical());
            if (w.page() != null) {
                nullable(json, "pageSize", w.pageSize() == 0 ? null : w.pageSize()); // a size tag that is no page size is no size
            }
            hex(json, "page", w.page());
            hex(json, "pgdDirectory", w.pgdDirectory());
            hex(json, "pageDirectory", w.pageDirectory());
            if (w.segment() != null) {
                json.field("segment", w.segment());
            }
            json.field("arch", checked.arch() == null ? null : checked.arch().id());
            json.field("paging", checked.paging());
            if (checked.paging() != null) {
                json.name("fiveLevel").value(checked.fiveLevel());
            }
            json.name("levels").beginArray();
            for (WalkStep step : checked.steps()) {
                json.beginObject().field("line", step.line()).field("level", step.level());
                hex(json, "entryAddress", step.entryAddress());
                json.field("value", Hex.format(step.entry().value()));
                if (step.index() != null) {
                    json.field("index", Hex.format(step.index()));
                }
                hex(json, "tableBase", step.tableBase());
                if (step.entry().modelled()) {
                    json.name("present").value(step.entry().present());
                    if (step.entry().present()) {
                        json.field("points", Hex.format(step.entry().physical())).name("leaf").value(step.entry().leaf());
                    }
                    json.name("flags").beginArray();
                    step.entry().flagNames().forEach(json::value);
                    json.endArray();
                }
                if (step.flagText() != null) {
                    json.field("flagText", step.flagText());
                }
                nonPresent(json, step.nonPresent());
                json.endObject();
            }
            json.endArray();
            json.name("flags").beginArray();
            w.flags().forEach(json::value);
            json.endArray();
            if (w.vma() != null) {
                json.name("vma").beginObject().field("line", w.vma().line()).field("start", Hex.format(w.vma().start()))
                        .field("end", Hex.format(w.vma().end())).field("flags", Hex.format(w.vma().flags())).field("file", w.vma().file())
                        .endObject();
            }
            if (w.location() != null) {
                json.name("location").beginObject().field("line", w.location().line()).field("kind", w.location().kind())
                        .field("name", w.location().name()).field("offset", w.location().offset()).endObject();
            }
            if (w.pageRow() != null) {
                json.name("pageRow").beginObject().field("line", w.pageRow().line()).field("page", Hex.format(w.pageRow().page()))
                        .field("physical", Hex.format(w.pageRow().physical()));
                json.name("flagNames").beginArray();
                w.pageRow().flagNames().forEach(json::value);
                json.endArray().endObject();
            }
            if (w.error() != null) {
                json.field("error", w.error());
            }
            Boolean consistent = checked.consistent();
            if (consistent == null) {
                json.name("consistent").value((String) null).field("notChecked", checked.notChecked());
            } else {
                json.name("consistent").value(consistent.booleanValue());
            }
            json.name("checks").beginArray();
            checked.checks().forEach(f -> json.beginObject().field("line", f.line()).field("message", f.message())
                    .field("kind", f.mismatch() ? "mismatch" : "note").endObject());
            json.endArray().endObject();
        }
        json.endArray();
    }

    /** What a non-present, non-zero entry is: {@code swap {type, offset}}, {@code hwpoison}, {@code migration}, the page it names. */
    private static void nonPresent(Json json, NonPresent np) {
        if (np == null) {
            return;
        }
        json.name("swap").beginObject().field("type", np.swap().type()).field("offset", Hex.format(np.swap().offset())).endObject();
        json.field("nonPresent", np.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        boolean decided = np.kind() != NonPresent.Kind.SPECIAL;
        if (decided) {
            json.name("hwpoison").value(np.hwpoison()).name("migration").value(np.migration());
        } else {
            json.name("hwpoison").value((String) null).name("migration").value((String) null);
        }
        hex(json, "names", np.physical());
        json.field("nonPresentEvidence", np.evidence());
    }

    /** The rd dumps that are page tables: their slots decoded and their anomalies. */
    private static void tableDumps(Json json, List<MemoryDump> dumps, List<PageTable> tables) {
        json.name("tableDumps").beginArray();
        for (MemoryDump d : dumps) {
            List<PageTable> ofDump = tables.stream().filter(t -> t.dump() == d).toList();
            if (ofDump.isEmpty()) {
                continue;
            }
            json.beginObject().field("line", d.span().first()).field("lastLine", d.span().last()).field("command", d.command());
            json.field("level", ofDump.get(0).level());
            json.field("levelEvidence", ofDump.get(0).levelEvidence()).field("confidence", ofDump.get(0).confidence());
            json.name("entries").beginArray();
            for (PageTable table : ofDump) {
                for (TableSlot slot : table.slots()) {
                    json.beginObject().field("line", slot.line()).field("address", Hex.format(slot.address())).field("value", Hex.format(slot.entry().value()))
                            .field("slot", Hex.format(slot.index())).field("tableBase", Hex.format(table.base()));
                    json.name("present").value(slot.entry().present());
                    if (slot.entry().present()) {
                        json.field("physical", Hex.format(slot.entry().physical())).name("leaf").value(slot.entry().leaf());
                        if (slot.entry().leaf()) {
                            json.field("pageSize", slot.entry().pageSize());
                        }
                    }
                    nonPresent(json, slot.nonPresent());
                    if (slot.mapsFrom() != null) {
                        json.field("mapsFrom", Hex.format(slot.mapsFrom())).field("mapsTo", Hex.format(slot.mapsTo()));
                    }
                    if (table.walkSlots().contains(slot.index())) {
                        json.name("usedByWalk").value(true);
                    }
                    json.endObject();
                }
            }
            json.endArray();
            json.name("anomalies").beginArray();
            for (PageTable table : ofDump) {
                for (Anomaly a : table.anomalies()) {
                    json.beginObject().field("line", a.slot().line()).field("address", Hex.format(a.slot().address()))
                            .field("slot", Hex.format(a.slot().index())).field("kind", a.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                            .field("expected", Hex.format(a.expected()));
                    hex(json, "found", a.found());
                    if (a.found() == null) {
                        json.name("found").value((String) null).field("entry", Hex.format(a.slot().entry().value()));
                    }
                    json.field("reason", a.reason()).field("confidence", a.confidence()).field("runMembers", a.runMembers())
                            .field("step", (a.step() < 0 ? "-" : "") + Hex.format(Math.abs(a.step())));
                    json.name("missingFlags").beginArray();
                    a.missingFlagNames().forEach(json::value);
                    json.endArray();
                    if (a.slot().mapsFrom() != null) {
                        json.field("mapsFrom", Hex.format(a.slot().mapsFrom())).field("mapsTo", Hex.format(a.slot().mapsTo()));
                    }
                    if (a.loggedLine() != null) {
                        json.name("logged").beginObject().field("line", a.loggedLine()).field("message", a.logged()).endObject();
                    }
                    json.name("evidence").beginArray();
                    for (Anomaly.Cited c : a.evidence()) {
                        json.beginObject().name("lines").beginArray();
                        c.lines().forEach(l -> json.value(l));
                        json.endArray().field("text", c.what()).endObject();
                    }
                    json.endArray();
                    json.endObject();
                }
            }
            json.endArray().endObject();
        }
        json.endArray();
    }

    /** Every rd dump, and whether it is a page table (by a walk or by its entries' shape) or plain memory. */
    private static void memoryDumps(Json json, List<MemoryDump> dumps, List<PageTable> tables) {
        json.name("memoryDumps").beginArray();
        for (MemoryDump d : dumps) {
            PageTable table = tables.stream().filter(t -> t.dump() == d).findFirst().orElse(null);
            json.beginObject().field("line", d.span().first()).field("lastLine", d.span().last()).field("command", d.command())
                    .field("width", d.width()).field("rows", d.rows().size());
            if (table == null) {
                json.name("pageTable").value((String) null);
            } else {
                json.name("pageTable").beginObject().field("level", table.level()).field("confidence", table.confidence())
                        .field("why", table.levelEvidence()).endObject();
            }
            json.name("symbols").beginArray();
            for (int r = 0; r < d.rows().size(); r++) {
                if (!d.rows().tagged(r)) {
                    continue; // words only: no symbol, no slab tag
                }
                for (MemoryDump.Value v : d.rows().values(r)) {
                    if (v.value() == null && v.symbol() != null) {
                        json.beginObject().field("address", Hex.format(v.address())).field("symbol", v.symbol()).endObject();
                    }
                }
            }
            json.endArray().endObject();
        }
        json.endArray();
    }

    private static void diagnostics(Json json, List<Diagnostic> diagnostics) {
        json.name("diagnostics").beginArray();
        for (Diagnostic d : diagnostics) {
            json.beginObject().field("line", d.line()).field("severity", d.severity().name().toLowerCase(java.util.Locale.ROOT))
                    .field("message", d.message()).field("source", d.source().name().toLowerCase(java.util.Locale.ROOT)).endObject();
        }
        json.endArray();
    }

    private static void registers(Json json, Registers registers) {
        json.name("registers").beginObject();
        for (Map.Entry<String, Long> r : registers.values().entrySet()) {
            json.field(r.getKey(), Hex.format(r.getValue()));
        }
        json.endObject();
    }

    private static void symbol(Json json, String name, Symbol symbol) {
        if (symbol == null) {
            json.name(name).value((String) null);
            return;
        }
        json.name(name).beginObject().field("symbol", symbol.name()).field("offset", Hex.format(symbol.offset())).endObject();
    }

    private static void hex(Json json, String name, Long value) {
        if (value != null) {
            json.field(name, Hex.format(value));
        }
    }

    private static void nullable(Json json, String name, Number value) {
        if (value == null) {
            json.name(name).value((String) null);
        } else {
            json.field(name, value.longValue());
        }
    }

    private static void integer(Json json, String name, Number value) {
        if (value != null) {
            json.field(name, value.longValue());
        }
    }

    private static void number(Json json, String name, Double value) {
        if (value != null) {
            json.name(name).raw(String.format(java.util.Locale.ROOT, "%.6f", value));
        }
    }
}
