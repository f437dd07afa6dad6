package org.crashscope.transcript.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.PageRow;
import org.crashscope.transcript.model.Span;
import org.crashscope.transcript.model.Vma;
import org.crashscope.transcript.model.Walk;
import org.crashscope.transcript.model.WalkLevel;

/**
 * {@code vtop}: one walk per {@code VIRTUAL PHYSICAL} header. Kernel walks print {@code PGD
 * DIRECTORY} and {@code PAGE DIRECTORY}, user walks do not; 5-level walks add {@code P4D}; the leaf
 * table header says {@code PTE} even for PMD and PUD leaves.
 */
final class VtopParser {
    private static final Pattern HEADER = Pattern.compile("^\\s*VIRTUAL\\s+PHYSICAL\\s*$");
    private static final Pattern ADDRESSES = Pattern.compile("^\\s*([0-9a-fA-F]{1,16})\\s+(\\S.*?)\\s*$");
    private static final Pattern DIRECTORY = Pattern.compile("^\\s*(PGD DIRECTORY|PAGE DIRECTORY):\\s*([0-9a-fA-F]{1,16})\\s*$");
    private static final Pattern LEVEL = Pattern.compile("^\\s*(PGD|P4D|PUD|PMD|PTE):\\s*([0-9a-fA-F]{1,16})\\s*=>\\s*([0-9a-fA-F]{1,16})\\s*$");
    private static final Pattern PAGE = Pattern.compile("^\\s*PAGE:\\s*([0-9a-fA-F]{1,16})(?:\\s+\\(([^)]*)\\))?\\s*$");
    private static final Pattern PTE_HEADER = Pattern.compile("^\\s*PTE\\s+PHYSICAL\\s+FLAGS\\s*$");
    private static final Pattern PTE_ROW = Pattern.compile("^\\s*([0-9a-fA-F]{1,16})\\s+([0-9a-fA-F]{1,16})\\s+\\(([^)]*)\\)\\s*$");
    private static final Pattern VMA_HEADER = Pattern.compile("^\\s*VMA\\s+START\\s+END\\s+FLAGS\\s+FILE\\s*$");
    private static final Pattern VMA_ROW = Pattern.compile("^\\s*([0-9a-fA-F]{1,16})\\s+([0-9a-fA-F]{1,16})\\s+([0-9a-fA-F]{1,16})\\s+([0-9a-fA-F]{1,16})\\s*(.*?)\\s*$");
    private static final Pattern ERROR = Pattern.compile("^\\s*vtop:\\s*(.*?)\\s*$");

    private enum Expect { ADDRESSES, ANY, PTE_ROW, VMA_ROW, PAGE_ROW }

    private VtopParser() {
    }

    static List<Walk> parse(String command, BlockText text) {
        List<Walk> walks = new ArrayList<>();
        Builder b = null;
        Expect expect = Expect.ANY;
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            int lineNo = text.lineNo(i);
            if (line.isBlank() || i == 0 && line.contains("crash>")) {
                continue;
            }
            if (HEADER.matcher(line).matches()) {
                if (b != null) {
                    walks.add(b.build());
                }
                b = new Builder(command, lineNo);
                expect = Expect.ADDRESSES;
                continue;
            }
            if (b == null) {
                b = new Builder(command, lineNo);
                b.diagnostics.add(Diagnostic.warning(lineNo, "vtop output without its VIRTUAL PHYSICAL header"));
            }
            b.last = lineNo;
            Matcher m;
            if ((m = ERROR.matcher(line)).matches()) {
                b.error = m.group(1);
                b.diagnostics.add(Diagnostic.warning(lineNo, "walk ends with an error: " + m.group(1)));
                expect = Expect.ANY;
            } else if (expect == Expect.ADDRESSES && (m = ADDRESSES.matcher(line)).matches()) {
                b.virtual = Hex.parse(m.group(1));
                b.physical = Hex.parse(m.group(2));
                if (b.physical == null) {
                    b.error = m.group(2).replaceAll("[()]", "").strip();
                }
                expect = Expect.ANY;
            } else if ((m = DIRECTORY.matcher(line)).matches()) {
                if (m.group(1).startsWith("PGD")) {
                    b.pgdDirectory = Hex.parse(m.group(2));
                } else {
                    b.pageDirectory = Hex.parse(m.group(2));
                }
            } else if ((m = LEVEL.matcher(line)).matches()) {
                b.levels.add(new WalkLevel(lineNo, m.group(1), Hex.parse(m.group(2)), Hex.parse(m.group(3))));
            } else if ((m = PAGE.matcher(line)).matches()) {
                b.page = Hex.parse(m.group(1));
                b.sizeTag(m.group(2));
            } else if (PTE_HEADER.matcher(line).matches()) {
                expect = Expect.PTE_ROW;
            } else if (VMA_HEADER.matcher(line).matches()) {
                expect = Expect.VMA_ROW;
            } else if (PageRows.HEADER.matcher(line).matches()) {
                expect = Expect.PAGE_ROW;
            } else if (expect == Expect.PTE_ROW && (m = PTE_ROW.matcher(line)).matches()) {
                b.leafValue = Hex.parse(m.group(1));
                b.flags = Arrays.stream(m.group(3).split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                expect = Expect.ANY;
            } else if (expect == Expect.VMA_ROW && (m = VMA_ROW.matcher(line)).matches()) {
                b.vma = new Vma(lineNo, Hex.parse(m.group(1)), Hex.parse(m.group(2)), Hex.parse(m.group(3)), Hex.parse(m.group(4)), m.group(5));
                expect = Expect.ANY;
            } else if (expect == Expect.PAGE_ROW && PageRows.parse(line, lineNo) instanceof PageRow row) {
                b.pageRow = row;
                expect = Expect.ANY;
            } else {
                b.diagnostics.add(Diagnostic.info(lineNo, "vtop line not understood: " + line.strip()));
            }
        }
        if (b != null) {
            walks.add(b.build());
        }
        return walks;
    }

    private static final class Builder {
        final String command;
        final int first;
        int last;
        Long virtual;
        Long physical;
        Long pgdDirectory;
        Long pageDirectory;
        final List<WalkLevel> levels = new ArrayList<>();
        Long page;
        long pageSize;
        boolean zeroPage;
        Long leafValue;
        List<String> flags = List.of();
        Vma vma;
        PageRow pageRow;
        String error;
        final List<Diagnostic> diagnostics = new ArrayList<>();

        Builder(String command, int first) {
            this.command = command;
            this.first = first;
            this.last = first;
        }

        void sizeTag(String tag) {
            pageSize = 4096;
            if (tag == null) {
                return;
            }
            for (String part : tag.split(",")) {
                String p = part.strip().toUpperCase(java.util.Locale.ROOT);
                switch (p) {
                    case "1GB" -> pageSize = 1L << 30;
                    case "2MB" -> pageSize = 2L << 20;
                    case "4K", "4KB" -> pageSize = 4096;
                    case "ZERO PAGE" -> zeroPage = true;
                    default -> {
                        if (p.endsWith("KB") || p.endsWith("MB") || p.endsWith("GB")) {
                            pageSize = parseSize(p);
                        }
                    }
                }
            }
        }

        private static long parseSize(String p) {
            try {
                long n = Long.parseLong(p.substring(0, p.length() - 2));
                return n << (p.endsWith("KB") ? 10 : p.endsWith("MB") ? 20 : 30);
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        Walk build() {
            if (virtual == null) {
                // crash printed no address (a seek error right after the header): the command names it
                String[] words = command.strip().split("\\s+");
                virtual = words.length > 1 ? Hex.parse(words[words.length - 1]) : null;
            }
            if (virtual == null) {
                diagnostics.add(Diagnostic.warning(first, "vtop output without a virtual address"));
            }
            if (page != null && pageSize == 0) {
                pageSize = 4096;
            }
            return new Walk(new Span(first, last), command, virtual == null ? 0 : virtual, physical, pgdDirectory, pageDirectory,
                    List.copyOf(levels), page, pageSize, zeroPage, leafValue, flags, vma, pageRow, error, List.copyOf(diagnostics));
        }
    }
}
