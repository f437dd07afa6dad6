package org.crashscope.transcript.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.Span;
import org.crashscope.transcript.model.Task;
import org.crashscope.transcript.model.Vma;
import org.crashscope.transcript.model.VmMap;

/** {@code vm}: the {@code PID: ... TASK:} header, the MM row and the VMA table. */
final class VmParser {
    private static final Pattern HEADER = Pattern.compile(
            "^\\s*PID:\\s*(\\d{1,9})\\s+TASK:\\s*([0-9a-fA-F]{1,16})\\s+CPU:\\s*(\\d{1,9}|-)\\s+COMMAND:\\s*\"(.*)\"\\s*$");
    private static final Pattern VMA = Pattern.compile("^\\s*([0-9a-fA-F]{8,16})\\s+([0-9a-fA-F]{1,16})\\s+([0-9a-fA-F]{1,16})\\s+([0-9a-fA-F]{1,16})\\s*(.*?)\\s*$");

    private VmParser() {
    }

    static VmMap parse(String command, BlockText text) {
        Task task = null;
        List<Vma> vmas = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        boolean inTable = false;
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            Matcher m = HEADER.matcher(line);
            if (m.matches()) {
                task = new Task(text.lineNo(i), Long.parseLong(m.group(1)), Hex.parse(m.group(2)),
                        m.group(3).equals("-") ? -1 : Integer.parseInt(m.group(3)), m.group(4));
            } else if (line.strip().startsWith("VMA") && line.contains("START")) {
                inTable = true;
            } else if (inTable && (m = VMA.matcher(line)).matches()) {
                vmas.add(new Vma(text.lineNo(i), Hex.parse(m.group(1)), Hex.parse(m.group(2)), Hex.parse(m.group(3)), Hex.parse(m.group(4)),
                        m.group(5)));
            } else if (inTable && !line.isBlank()) {
                diagnostics.add(Diagnostic.info(text.lineNo(i), "vm line not understood: " + line.strip()));
            }
        }
        return new VmMap(new Span(text.first(), text.last()), command, task, List.copyOf(vmas), List.copyOf(diagnostics));
    }
}
