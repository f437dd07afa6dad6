package org.crashscope.report;

import org.crashscope.analysis.TranscriptAnalysis;
import java.util.List;
import java.util.Map;

import org.crashscope.transcript.CommandBlock;
import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.ExceptionFrame;
import org.crashscope.transcript.model.Frame;
import org.crashscope.transcript.model.HardwareError;
import org.crashscope.transcript.model.MachineCheck;
import org.crashscope.transcript.model.MemoryDump;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.Registers;
import org.crashscope.transcript.model.Symbol;
import org.crashscope.transcript.model.Walk;
import org.crashscope.analysis.AnnotatedSlot;
import org.crashscope.analysis.Diagnosis;
import org.crashscope.analysis.Finding;
import org.crashscope.analysis.RegisterProvenance;
import org.crashscope.x86.Anomaly;
import org.crashscope.x86.Disassembler;
import org.crashscope.x86.FaultingInstruction;
import org.crashscope.x86.CheckedWalk;
import org.crashscope.x86.Level;
import org.crashscope.x86.PageTable;
import org.crashscope.x86.PagingAnalysis;
import org.crashscope.x86.TableSlot;
import org.crashscope.x86.WalkStep;
import org.crashscope.transcript.parse.Hex;
import org.crashscope.transcript.parse.ParsedTranscript;

/**
 * Writes a parsed transcript as the JSON contract of DESIGN.md: hex values are {@code "0x..."}
 * strings in lower case, line numbers are 1-based lines of the file.
 */
public final class ContractJson {

    private ContractJson() {
    }

    public static String write(ParsedTranscript parsed) {
        return write(TranscriptAnalysis.of(parsed));
    }

    public static String write(TranscriptAnalysis analyses) {
        return write(analyses, List.of());
    }

    /** The contract plus the analyst's notes. */
    public static String write(TranscriptAnalysis analyses, List<Note> notes) {
        ParsedTranscript parsed = analyses.parsed();
        PagingAnalysis paging = analyses.paging();
        Json json = new Json(true).beginObject();
        json.field("file", parsed.name()).field("lines", parsed.lineCount());
        commands(json, parsed.commands());
        oopses(json, parsed.oopses());
        hardwareErrors(json, parsed.hardwareErrors());
        machineChecks(json, parsed.machineChecks());
        backtraces(json, parsed.backtraces());
        walks(json, paging.walks());
        tableDumps(json, parsed.memoryDumps(), paging.tables());
        stackSlots(json, analyses.slots());
        provenance(json, RegisterProvenance.of(parsed, analyses.slots()));
        findings(json, analyses.findings());
        diagnoses(json, analyses.diagnoses());
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
        return json.endObject() + "\n";
    }

    private static void commands(Json json, List<CommandBlock> commands) {
        json.name("commands").beginArray();
        for (CommandBlock block : commands) {
            json.beginObject().field("line", block.firstLine()).field("command", block.command()).field("kind", block.kind())
                    .field("lastLine", block.lastLine()).endObject();
        }
        json.endArray();
    }

    private static void findings(Json json, List<Finding> findings) {
        json.name("findings").beginArray();
        for (Finding f : findings) {
            json.beginObject().field("kind", f.kind()).field("text", f.text()).field("confidence", f.confidence().name().toLowerCase(java.util.Locale.ROOT));
            lines(json, "evidence", f.evidence());
            if (f.nextCommand() != null) {
                json.field("nextCommand", f.nextCommand());
            }
            json.endObject();
        }
        json.endArray();
    }

    private static void diagnoses(Json json, List<Diagnosis> diagnoses) {
        json.name("diagnoses").beginArray();
        for (Diagnosis d : diagnoses) {
            json.beginObject().field("id", d.rule().id()).field("title", d.rule().title())
                    .name("confidence").raw(String.format(java.util.Locale.ROOT, "%.2f", d.confidence()))
                    .field("level", d.level().name().toLowerCase(java.util.Locale.ROOT));
            strings(json, "fixedIn", d.rule().fixedIn());
            json.field("workaround", d.rule().workaround()).field("workaroundText", d.rule().workaroundText())
                    .field("kernel", d.kernel()).field("kernelStatus", d.kernelStatus());
            if (!d.kernelStatus().equals("unknown")) {
                json.name("olderThanFix").value(d.kernelStatus().equals("affected"));
            }
            strings(json, "symptomsHeld", d.held());
            strings(json, "symptomsMissing", d.missing());
            strings(json, "references", d.rule().references());
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

    private static void stackSlots(Json json, List<AnnotatedSlot> slots) {
        json.name("stackSlots").beginArray();
        for (AnnotatedSlot s : slots) {
            json.beginObject().field("line", s.slot().line()).field("address", Hex.format(s.slot().address()));
            hex(json, "value", s.slot().value());
            if (s.slot().symbol() != null) {
                json.field("symbol", s.slot().symbol());
            }
            json.field("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).field("label", s.label())
                    .field("register", s.register()).field("frame", s.function()).field("rule", s.rule())
                    .field("confidence", s.confidence().name().toLowerCase(java.util.Locale.ROOT));
            json.name("links").beginArray();
            s.links().forEach(json::value);
            json.endArray().endObject();
        }
        json.endArray();
    }

    private static void provenance(Json json, List<RegisterProvenance> provenance) {
        json.name("registerProvenance").beginArray();
        for (RegisterProvenance p : provenance) {
            json.beginObject().field("register", p.register()).field("value", Hex.format(p.value()));
            json.name("links").beginArray();
            p.links().forEach(json::value);
            json.endArray().endObject();
        }
        json.endArray();
    }

    private static void oopses(Json json, List<Oops> oopses) {
        json.name("oopses").beginArray();
        for (Oops oops : oopses) {
            json.beginObject().field("line", oops.line()).field("lastLine", oops.span().last()).field("message", oops.message());
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
                FaultingInstruction f = FaultingInstruction.decode(oops.code(), oops.registers(), Disassembler.load());
                json.field("instruction", f.trapping() == null ? null : f.trapping().text());
                json.field("faultRegister", f.faultRegister());
                json.field("faultAddress", f.faultAddress() == null ? null : Hex.format(f.faultAddress()));
                if (f.canonical() != null) {
                    json.name("canonical").value(f.canonical().booleanValue());
                }
                if (f.problem() != null) {
                    json.field("problem", f.problem());
                }
                json.name("instructions").beginArray();
                for (int i = 0; i < f.instructions().size(); i++) {
                    Disassembler.Instruction insn = f.instructions().get(i);
                    json.beginObject().field("offset", insn.address()).field("text", insn.text());
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
            json.beginObject().field("line", mc.span().first()).field("lastLine", mc.span().last()).field("text", mc.text()).endObject();
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
            ExceptionFrame e = bt.firstException();
            if (e != null) {
                json.name("exception").beginObject().field("line", e.span().first());
                symbol(json, "rip", e.rip());
                registers(json, e.registers());
                json.endObject();
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
            json.beginObject().field("line", w.span().first()).field("lastLine", w.span().last()).field("virtual", Hex.format(w.virtual()));
            hex(json, "physical", w.physical());
            json.field("pageSize", w.pageSize());
            hex(json, "page", w.page());
            hex(json, "pgdDirectory", w.pgdDirectory());
            hex(json, "pageDirectory", w.pageDirectory());
            json.name("fiveLevel").value(checked.fiveLevel());
            json.name("levels").beginArray();
            for (WalkStep step : checked.steps()) {
                json.beginObject().field("line", step.line()).field("level", step.level().name());
                hex(json, "entryAddress", step.entryAddress());
                json.field("value", Hex.format(step.entry().value())).field("index", Hex.format(step.index()));
                hex(json, "tableBase", step.tableBase());
                json.field("points", Hex.format(step.entry().physical())).name("leaf").value(step.entry().leaf());
                json.name("flags").beginArray();
                step.entry().flagNames().forEach(json::value);
                json.endArray().endObject();
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
            json.name("consistent").value(checked.consistent());
            json.name("checks").beginArray();
            checked.findings().forEach(f -> json.beginObject().field("line", f.line()).field("message", f.message()).endObject());
            json.endArray().endObject();
        }
        json.endArray();
    }

    private static void tableDumps(Json json, List<MemoryDump> dumps, List<PageTable> tables) {
        json.name("tableDumps").beginArray();
        for (MemoryDump d : dumps) {
            if (d.width() != 8) {
                continue;
            }
            List<PageTable> ofDump = tables.stream().filter(t -> t.dump() == d).toList();
            json.beginObject().field("line", d.span().first()).field("lastLine", d.span().last()).field("command", d.command());
            Level level = ofDump.stream().map(PageTable::level).filter(l -> l != null).findFirst().orElse(null);
            json.field("level", level == null ? null : level.name());
            ofDump.stream().map(PageTable::levelEvidence).filter(e -> e != null).findFirst().ifPresent(e -> json.field("levelEvidence", e));
            json.name("entries").beginArray();
            for (PageTable table : ofDump) {
                for (TableSlot slot : table.slots()) {
                    json.beginObject().field("line", slot.line()).field("address", Hex.format(slot.address())).field("value", Hex.format(slot.entry().value()))
                            .field("slot", Hex.format(slot.index())).field("tableBase", Hex.format(table.base()));
                    if (table.level() != null && slot.entry().present()) {
                        json.field("physical", Hex.format(slot.entry().physical())).name("leaf").value(slot.entry().leaf());
                        if (slot.entry().leaf()) {
                            json.field("pageSize", slot.entry().pageSize());
                        }
                    }
                    if (slot.mapsFrom() != null) {
                        json.field("mapsFrom", Hex.format(slot.mapsFrom())).field("mapsTo", Hex.format(slot.mapsTo()));
                    }
                    if (table.walkSlots().contains(slot.index())) {
                        json.name("usedByWalk").value(true);
                    }
                    json.endObject();
                }
            }
            for (MemoryDump.Value v : d.values()) {
                if (v.value() == null) {
                    json.beginObject().field("address", Hex.format(v.address())).field("symbol", v.symbol()).endObject();
                }
            }
            json.endArray();
            json.name("anomalies").beginArray();
            for (PageTable table : ofDump) {
                for (Anomaly a : table.anomalies()) {
                    json.beginObject().field("line", a.slot().line()).field("address", Hex.format(a.slot().address()))
                            .field("slot", Hex.format(a.slot().index())).field("expected", Hex.format(a.expected()))
                            .field("found", Hex.format(a.found())).field("reason", a.reason());
                    json.name("missingFlags").beginArray();
                    a.missingFlagNames().forEach(json::value);
                    json.endArray();
                    if (a.slot().mapsFrom() != null) {
                        json.field("mapsFrom", Hex.format(a.slot().mapsFrom())).field("mapsTo", Hex.format(a.slot().mapsTo()));
                    }
                    json.endObject();
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
                    .field("message", d.message()).endObject();
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
