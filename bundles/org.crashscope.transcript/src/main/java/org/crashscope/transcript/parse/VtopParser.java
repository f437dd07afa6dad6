package org.crashscope.transcript.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.PageRow;
import org.crashscope.transcript.model.Span;
import org.crashscope.transcript.model.Vma;
import org.crashscope.transcript.model.Walk;
import org.crashscope.transcript.model.WalkLevel;
import org.crashscope.transcript.model.WalkLevels;

/**
 * {@code vtop}: one walk per {@code VIRTUAL PHYSICAL} header, on every architecture. x86-64 kernel
 * walks print {@code PGD DIRECTORY} and {@code PAGE DIRECTORY} (the PGD entry), other walks a
 * {@code PAGE DIRECTORY} (the top table); 5-level walks add {@code P4D}; s390x names its levels
 * RFTE, RSTE, RTTE, STE, PTE and prints their flags beside and under them; mips64 and loongarch64
 * print a {@code SEGMENT}; the leaf table header says {@code PTE} even for PMD and PUD leaves; a
 * page that is not mapped gets a {@code PTE SWAP OFFSET} row and a {@code SWAP:} or {@code FILE:} line.
 */
final class VtopParser {
    private static final Pattern HEADER = Pattern.compile("^[\\s>]*VIRTUAL\\s+PHYSICAL\\s*$");
    private static final Pattern ADDRESSES = Pattern.compile("^[\\s>]*([0-9a-fA-F]{1,16})\\s+(\\S.*?)\\s*$");
    private static final Pattern DIRECTORY = Pattern.compile("^[\\s>]*(PGD DIRECTORY|PML4 DIRECTORY|PAGE DIRECTORY):\\s*([0-9a-fA-F]{1,16})(?:\\s+\\[machine\\])?\\s*$");
    private static final Pattern SEGMENT = Pattern.compile("^[\\s>]*SEGMENT:\\s*(\\S+)\\s*$");
    private static final Pattern LEVEL = Pattern.compile(
            "^[\\s>]*([A-Z][A-Z0-9]{1,5}):\\s*([0-9a-fA-F]{1,16})\\s*=>\\s*([0-9a-fA-F]{1,16})(?:\\s+\\(flags = ([0-9a-fA-F]+)\\))?(?:\\s+\\[machine\\])?\\s*$");
    private static final Pattern FLAGS_IN_BINARY = Pattern.compile("^[\\s>]*flags in binary\\s*:\\s*(.*?)\\s*$");
    private static final Pattern PAGE = Pattern.compile("^[\\s>]*PAGE:\\s*([0-9a-fA-F]{1,16})(?:\\s+\\(([^)]*)\\))?(?:\\s+\\[machine\\])?(\\s+not present)?\\s*$");
    private static final Pattern PTE_HEADER = Pattern.compile("^[\\s>]*PTE\\s+PHYSICAL\\s+FLAGS\\s*$");
    private static final Pattern SWAP_HEADER = Pattern.compile("^[\\s>]*PTE\\s+(SWAP|FILE)\\s+OFFSET\\s*$");
    private static final Pattern PTE_ROW = Pattern.compile("^[\\s>]*([0-9a-fA-F]{1,16})\\s+([0-9a-fA-F]{1,16})\\s+\\(([^)]*)\\)\\s*$");
    private static final Pattern VMA_HEADER = Pattern.compile("^[\\s>]*VMA\\s+START\\s+END\\s+FLAGS\\s+FILE\\s*$");
    private static final Pattern VMA_ROW = Pattern.compile("^[\\s>]*([0-9a-fA-F]{1,16})\\s+([0-9a-fA-F]{1,16})\\s+([0-9a-fA-F]{1,16})\\s+([0-9a-fA-F]{1,16})\\s*(.*?)\\s*$");
    private static final Pattern LOCATION = Pattern.compile("^[\\s>]*(SWAP|FILE):\\s*(.*?)\\s+OFFSET:\\s*(\\S+)\\s*$");
    private static final Pattern ERROR = Pattern.compile("^[\\s>]*vtop:\\s*(.*?)\\s*$");

    private enum Expect { ADDRESSES, ANY, PTE_ROW, SWAP_ROW, VMA_ROW, PAGE_ROW }

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
            // the word every pattern below starts with, after what ^[\s>]* skips: a line is tried only against the
            // patterns that can match it (a matcher tried on every line for every pattern was a third of a big vtop's parse)
            int at = Words.start(line);
            char first = at < line.length() ? line.charAt(at) : 0;
            boolean upper = first >= 'A' && first <= 'Z';
            if (first == 'V' && HEADER.matcher(line).matches()) {
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
            if (first == 'v' && (m = ERROR.matcher(line)).matches()) {
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
            } else if (upper && line.startsWith(" DIRECTORY", line.indexOf(' ', at)) && (m = DIRECTORY.matcher(line)).matches()) {
                if (!m.group(1).startsWith("PAGE")) {
                    b.pgdDirectory = Hex.parse(m.group(2));
                } else {
                    b.pageDirectory = Hex.parse(m.group(2));
                }
            } else if (first == 'S' && (m = SEGMENT.matcher(line)).matches()) {
                b.segment = m.group(1);
            } else if (upper && (m = LEVEL.matcher(line)).matches() && !m.group(1).equals("PAGE")) {
                b.levels.add(new WalkLevel(lineNo, m.group(1), Hex.parse(m.group(2)), Hex.parse(m.group(3)),
                        m.group(4) == null ? null : "flags = " + m.group(4), m.group(2).length() == 16 && m.group(2).charAt(0) == '0'));
            } else if (first == 'f' && (m = FLAGS_IN_BINARY.matcher(line)).matches() && !b.levels.isEmpty()) {
                WalkLevel l = b.levels.remove(b.levels.size() - 1);
                b.levels.add(new WalkLevel(l.line(), l.level(), l.entryAddress(), l.value(),
                        (l.flagText() == null ? "" : l.flagText() + "; ") + m.group(1), l.zeroPadded()));
            } else if (first == 'P' && (m = PAGE.matcher(line)).matches()) {
                b.page = Hex.parse(m.group(1));
                b.pagePadded = m.group(1).length() == 16 && m.group(1).charAt(0) == '0';
                b.sizeTag(m.group(2));
                if (m.group(3) != null) {
                    b.page = null;
                    b.error = "PAGE " + m.group(1) + " not present";
                    b.pageNotPresent = true;
                }
            } else if (first == 'P' && PTE_HEADER.matcher(line).matches()) {
                expect = Expect.PTE_ROW;
            } else if (first == 'P' && SWAP_HEADER.matcher(line).matches()) {
                expect = Expect.SWAP_ROW;
            } else if (first == 'V' && VMA_HEADER.matcher(line).matches()) {
                expect = Expect.VMA_ROW;
            } else if (first == 'P' && PageRows.HEADER.matcher(line).matches()) {
                expect = Expect.PAGE_ROW;
            } else if ((first == 'S' || first == 'F') && (m = LOCATION.matcher(line)).matches()) {
                b.location = new Walk.Location(lineNo, m.group(1), m.group(2), m.group(3));
            } else if (expect == Expect.PTE_ROW && (m = PTE_ROW.matcher(line)).matches()) {
                b.leafValue = Hex.parse(m.group(1));
                b.flagsLine = lineNo;
                b.flags = Arrays.stream(m.group(3).split("\\|")).map(String::strip).filter(s -> !s.isEmpty() && !s.equals("no mapping")).toList();
                expect = Expect.ANY;
            } else if (expect == Expect.SWAP_ROW) {
                // "12bc3e04  /dev/block/zram0  1227838": the swap PTE, the device, the offset
                String[] words = line.strip().split("\\s+");
                if (words.length == 3 && Hex.parse(words[0]) != null) {
                    b.leafValue = Hex.parse(words[0]);
                    if (b.location == null) {
                        b.location = new Walk.Location(lineNo, "SWAP", words[1], words[2]);
                    }
                } else {
                    b.diagnostics.add(Diagnostic.info(lineNo, "vtop swap row not understood: " + line.strip()));
                }
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
        String segment;
        final List<WalkLevel> levels = new ArrayList<>();
        Long page;
        boolean pagePadded;
        long pageSize;
        boolean zeroPage;
        Long leafValue;
        List<String> flags = List.of();
        int flagsLine;
        Walk.Location location;
        Vma vma;
        PageRow pageRow;
        String error;
        boolean pageNotPresent;
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
                String p = part.strip().toUpperCase(Locale.ROOT);
                if (p.equals("ZERO PAGE")) {
                    zeroPage = true;
                } else if (p.matches("-?\\d+[KMG]B?")) {
                    long size = parseSize(p);
                    pageSize = size;
                    if (size == 0) {
                        diagnostics.add(Diagnostic.warning(first, "page size tag is not a page size: " + part.strip()));
                    }
                }
            }
        }

        /** {@code 4K}, {@code 2MB}, {@code 1GB}, {@code 512MB}: a power of two between 4 KiB and 16 GiB, else 0. */
        private static long parseSize(String p) {
            String digits = p.replaceAll("[KMGB]", "");
            if (digits.startsWith("-") || digits.length() > 5) {
                return 0;
            }
            long n = Long.parseLong(digits);
            int shift = p.contains("G") ? 30 : p.contains("M") ? 20 : 10;
            long size = n << shift;
            return n > 0 && Long.bitCount(size) == 1 && size >= 4096 && size <= 1L << 34 ? size : 0;
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
            return new Walk(new Span(first, last), command, virtual, physical, pgdDirectory, pageDirectory, segment, WalkLevels.of(levels), page,
                    pageSize, zeroPage, leafValue, flags, flagsLine, location, vma, pageRow, error, pagePadded || pageNotPresent, List.copyOf(diagnostics));
        }
    }
}
