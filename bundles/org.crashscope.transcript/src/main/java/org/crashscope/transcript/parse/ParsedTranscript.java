package org.crashscope.transcript.parse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.crashscope.transcript.CommandBlock;
import org.crashscope.transcript.Segment;
import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.CrashOutput;
import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.Disassembly;
import org.crashscope.transcript.model.HardwareError;
import org.crashscope.transcript.model.KernelEvent;
import org.crashscope.transcript.model.KmemPages;
import org.crashscope.transcript.model.MachineCheck;
import org.crashscope.transcript.model.MemoryDump;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.ParsedRecord;
import org.crashscope.transcript.model.Ptov;
import org.crashscope.transcript.model.SysInfo;
import org.crashscope.transcript.model.VmMap;
import org.crashscope.transcript.model.Walk;

/**
 * Everything understood in a transcript: the command blocks, the shape segments, and the typed
 * records in the order of their first line. The records of each type are selected once and kept:
 * an analysis asks for them many times.
 */
public final class ParsedTranscript {

    private final String name;
    private final int lineCount;
    private final List<CommandBlock> commands;
    private final List<Segment> segments;
    private final List<ParsedRecord> records;
    private final boolean complete;
    private final java.util.Map<Class<?>, List<?>> byType = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param complete false when blocks were left unparsed (only log markers, or a bounded parse of a large file) */
    public ParsedTranscript(String name, int lineCount, List<CommandBlock> commands, List<Segment> segments, List<ParsedRecord> records,
            boolean complete) {
        this.name = name;
        this.lineCount = lineCount;
        this.commands = commands;
        this.segments = segments;
        this.records = records.stream().sorted(Comparator.comparingInt(r -> r.span().first())).toList();
        this.complete = complete;
    }

    public String name() {
        return name;
    }

    public int lineCount() {
        return lineCount;
    }

    public List<CommandBlock> commands() {
        return commands;
    }

    public List<Segment> segments() {
        return segments;
    }

    public List<ParsedRecord> records() {
        return records;
    }

    public boolean complete() {
        return complete;
    }

    @SuppressWarnings("unchecked")
    public <T extends ParsedRecord> List<T> recordsOf(Class<T> type) {
        return (List<T>) byType.computeIfAbsent(type, t -> records.stream().filter(type::isInstance).map(type::cast).toList());
    }

    public List<Oops> oopses() {
        return recordsOf(Oops.class);
    }

    public List<HardwareError> hardwareErrors() {
        return recordsOf(HardwareError.class);
    }

    public List<MachineCheck> machineChecks() {
        return recordsOf(MachineCheck.class);
    }

    public List<KernelEvent> kernelEvents() {
        return recordsOf(KernelEvent.class);
    }

    public List<Backtrace> backtraces() {
        return recordsOf(Backtrace.class);
    }

    public List<Walk> walks() {
        return recordsOf(Walk.class);
    }

    public List<MemoryDump> memoryDumps() {
        return recordsOf(MemoryDump.class);
    }

    public List<Ptov> ptovs() {
        return recordsOf(Ptov.class);
    }

    public List<KmemPages> kmemPages() {
        return recordsOf(KmemPages.class);
    }

    public List<Disassembly> disassemblies() {
        return recordsOf(Disassembly.class);
    }

    public List<SysInfo> sysInfos() {
        return recordsOf(SysInfo.class);
    }

    public List<VmMap> vmMaps() {
        return recordsOf(VmMap.class);
    }

    /**
     * Every diagnostic of every record, by line. Where crash itself spoke on a line, its message
     * stands for that line: the parser's remark on the same line (a walk that ends in crash's seek
     * error) is left out.
     */
    public List<Diagnostic> diagnostics() {
        List<Diagnostic> all = new ArrayList<>();
        records.forEach(r -> all.addAll(r.diagnostics()));
        java.util.Set<Integer> crashLines = new java.util.HashSet<>();
        all.stream().filter(Diagnostic::fromCrash).forEach(d -> crashLines.add(d.line()));
        all.removeIf(d -> !d.fromCrash() && crashLines.contains(d.line()));
        all.sort(Comparator.comparingInt(Diagnostic::line));
        return all;
    }

    /** The session headers (banner, {@code sys}, {@code set}) in order. */
    public List<SysInfo> sessionHeaders() {
        return sysInfos();
    }

    /** What crash said of itself. */
    public List<CrashOutput> crashOutputs() {
        return recordsOf(CrashOutput.class);
    }
}
