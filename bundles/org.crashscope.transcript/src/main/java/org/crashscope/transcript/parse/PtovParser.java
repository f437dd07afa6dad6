package org.crashscope.transcript.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.Ptov;
import org.crashscope.transcript.model.Span;

/** {@code ptov}: {@code VIRTUAL PHYSICAL} rows, or the per-cpu form ({@code PER-CPU OFFSET:} then {@code [N]: virt}). */
final class PtovParser {
    private static final Pattern ROW = Pattern.compile("^\\s*([0-9a-fA-F]{1,16})\\s+([0-9a-fA-F]{1,16})\\s*$");
    private static final Pattern PER_CPU = Pattern.compile("^\\s*\\[(\\d{1,9})\\]:\\s*([0-9a-fA-F]{1,16})\\s*$");
    private static final Pattern OFFSET = Pattern.compile("^\\s*PER-CPU OFFSET:\\s*([0-9a-fA-F]{1,16})\\s*$");

    private PtovParser() {
    }

    static Ptov parse(String command, BlockText text) {
        List<Ptov.Mapping> mappings = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        String[] words = command.strip().split("\\s+");
        Long commandAddress = words.length > 1 ? Hex.parse(words[words.length - 1]) : null;
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            if (line.isBlank() || i == 0 && line.contains("crash>") || line.contains("VIRTUAL") || OFFSET.matcher(line).matches()) {
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                mappings.add(new Ptov.Mapping(text.lineNo(i), -1, Hex.parse(m.group(1)), Hex.parse(m.group(2))));
            } else if ((m = PER_CPU.matcher(line)).matches()) {
                mappings.add(new Ptov.Mapping(text.lineNo(i), Integer.parseInt(m.group(1)), Hex.parse(m.group(2)),
                        commandAddress == null ? 0 : commandAddress));
            } else {
                diagnostics.add(Diagnostic.info(text.lineNo(i), "ptov line not understood: " + line.strip()));
            }
        }
        return new Ptov(new Span(text.first(), text.last()), command, List.copyOf(mappings), List.copyOf(diagnostics));
    }
}
