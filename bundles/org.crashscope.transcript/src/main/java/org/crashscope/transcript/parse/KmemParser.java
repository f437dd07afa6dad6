package org.crashscope.transcript.parse;

import java.util.ArrayList;
import java.util.List;

import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.KmemPages;
import org.crashscope.transcript.model.PageRow;
import org.crashscope.transcript.model.PageRowColumns;
import org.crashscope.transcript.model.Span;

/** {@code kmem -p} and {@code kmem ADDR}: the struct page rows under a {@code PAGE PHYSICAL ...} header. */
final class KmemParser {
    private KmemParser() {
    }

    static KmemPages parse(String command, BlockText text) {
        PageRowColumns.Builder pages = new PageRowColumns.Builder();
        List<Diagnostic> diagnostics = new ArrayList<>();
        boolean inPages = false;
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            if (line.isBlank()) {
                inPages = false;
                continue;
            }
            if (line.contains("PAGE") && PageRows.HEADER.matcher(line).matches()) {
                inPages = true;
                continue;
            }
            if (inPages) {
                PageRow row = PageRows.parse(line, text.lineNo(i));
                if (row != null) {
                    pages.add(row);
                } else {
                    diagnostics.add(Diagnostic.info(text.lineNo(i), "page row not understood: " + line.strip()));
                }
            }
        }
        return new KmemPages(new Span(text.first(), text.last()), command, pages.build(), List.copyOf(diagnostics));
    }
}
