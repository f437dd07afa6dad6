package org.crashscope.transcript.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.crashscope.transcript.CommandBlock;
import org.crashscope.transcript.Segment;
import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.ParsedRecord;
import org.crashscope.transcript.model.RawBlock;
import org.crashscope.transcript.model.Span;

/**
 * Turns the blocks and segments of a transcript into typed records, one parser per command kind.
 * A parser bug on one block becomes a diagnostic on that block: the rest of the file still opens.
 */
public final class TranscriptParser {

    /** How much to parse. */
    public enum Depth {
        /** every block: for views, reports and JSON */
        FULL,
        /** only the log markers (oopses, hardware errors, machine checks): a summary of a huge file */
        LOG_MARKERS,
        /**
         * the log markers, and the other blocks in order while they fit {@link #BOUNDED_LINES} lines
         * in all: a huge transcript's walks, dumps and backtraces for the views, not millions of
         * records; the first block left out says so in a diagnostic
         */
        BOUNDED
    }

    /** The lines of command output (besides logs) a {@link Depth#BOUNDED} parse reads. */
    public static final int BOUNDED_LINES = 50_000;

    /**
     * Up to this size a transcript is parsed whole for a summary or a view; above it only its log
     * markers are (a generated gigabyte of {@code bt -a} and {@code rd} would be millions of records).
     */
    public static final long FULL_PARSE_LIMIT = 64L << 20;

    /** The depth for a summary or view of a transcript of {@code sizeInBytes}: see {@link #FULL_PARSE_LIMIT}. */
    public static Depth depthFor(long sizeInBytes) {
        return sizeInBytes <= FULL_PARSE_LIMIT ? Depth.FULL : Depth.LOG_MARKERS;
    }

    /** The depth for the workbench's views: whole up to {@link #FULL_PARSE_LIMIT}, {@link Depth#BOUNDED} above. */
    public static Depth viewDepthFor(long sizeInBytes) {
        return sizeInBytes <= FULL_PARSE_LIMIT ? Depth.FULL : Depth.BOUNDED;
    }

    /** How a diagnostic for a parser bug starts: tests and fuzzing look for it. */
    public static final String PARSER_FAILED = "could not parse this";

    private TranscriptParser() {
    }

    public static ParsedTranscript parse(Transcript transcript) {
        return parse(transcript, Depth.FULL);
    }

    public static ParsedTranscript parse(Transcript transcript, Depth depth) {
        List<ParsedRecord> records = new ArrayList<>();
        int[] markers = transcript.logMarkers();
        Budget budget = new Budget(depth);
        for (CommandBlock block : transcript.blocks()) {
            Span span = new Span(block.firstLine(), block.lastLine());
            if (isLog(block.kind())) {
                records.addAll(safely(span, block.command(), block.kind(), () -> LogParser.parse(span, markersIn(markers, span), transcript::line)));
            } else if (budget.take(span, block.command(), block.kind(), records)) {
                records.addAll(safely(span, block.command(), block.kind(), () -> parseBlock(block.kind(), block.command(), text(transcript, span))));
            }
        }
        for (Segment segment : transcript.segments()) {
            Span span = new Span(segment.firstLine(), segment.lastLine());
            switch (segment.kind()) {
                case LOG -> records.addAll(safely(span, "", "log", () -> LogParser.parse(span, markersIn(markers, span), transcript::line)));
                case BACKTRACE -> {
                    if (budget.take(span, "", "bt", records)) {
                        records.addAll(safely(span, "", "bt", () -> List.copyOf(BacktraceParser.parse("", text(transcript, span)))));
                    }
                }
                case MEMORY_DUMP -> {
                    if (budget.take(span, "", "rd", records)) {
                        records.addAll(safely(span, "", "rd", () -> List.of(MemoryDumpParser.parse("", text(transcript, span)))));
                    }
                }
            }
        }
        return new ParsedTranscript(transcript.name(), transcript.lineCount(), transcript.blocks(), transcript.segments(), records,
                depth == Depth.FULL || depth == Depth.BOUNDED && !budget.skipped);
    }

    /** Which non-log blocks a depth parses; a bounded parse notes the first block it leaves out. */
    private static final class Budget {
        private final Depth depth;
        private long left = BOUNDED_LINES;
        private boolean skipped;

        Budget(Depth depth) {
            this.depth = depth;
        }

        boolean take(Span span, String command, String kind, List<ParsedRecord> records) {
            if (depth == Depth.FULL) {
                return true;
            }
            if (depth == Depth.BOUNDED) {
                long lines = span.last() - span.first() + 1L;
                if (lines <= left) {
                    left -= lines;
                    return true;
                }
                if (!skipped) {
                    records.add(new RawBlock(span, command, kind, List.of(Diagnostic.info(span.first(), String.format(
                            "not parsed from here on: the transcript is large and its first %,d lines of command output were parsed", BOUNDED_LINES)))));
                }
            }
            skipped = true;
            return false;
        }
    }

    private static boolean isLog(String kind) {
        return kind.equals("log") || kind.equals("dmesg");
    }

    private static List<ParsedRecord> parseBlock(String kind, String command, BlockText text) {
        return switch (kind) {
            case "bt" -> List.copyOf(BacktraceParser.parse(command, text));
            case "vtop" -> List.copyOf(VtopParser.parse(command, text));
            case "ptov" -> List.of(PtovParser.parse(command, text));
            case "rd" -> List.of(MemoryDumpParser.parse(command, text));
            case "kmem" -> List.of(KmemParser.parse(command, text));
            case "dis" -> List.of(DisParser.parse(command, text));
            case "sys" -> command.strip().equals("sys") ? List.of(SysParser.parse(command, text)) : raw(text, command, kind);
            case "vm" -> List.of(VmParser.parse(command, text));
            default -> raw(text, command, kind);
        };
    }

    private static List<ParsedRecord> raw(BlockText text, String command, String kind) {
        return List.of(new RawBlock(new Span(text.first(), text.last()), command, kind, List.of()));
    }

    private interface BlockParse {
        List<ParsedRecord> run();
    }

    /** Runs one block's parser; a parser bug becomes a diagnostic on a raw block instead of failing the file. */
    private static List<ParsedRecord> safely(Span span, String command, String kind, BlockParse parse) {
        try {
            return parse.run();
        } catch (RuntimeException e) {
            return List.of(new RawBlock(span, command, kind,
                    List.of(Diagnostic.warning(span.first(), PARSER_FAILED + " " + (kind.isEmpty() ? "block" : kind) + " output (" + e + ")"))));
        }
    }

    private static BlockText text(Transcript transcript, Span span) {
        return new BlockText(span.first(), transcript.lines(span.first(), span.last()));
    }

    private static int[] markersIn(int[] markers, Span span) {
        int from = lowerBound(markers, span.first());
        int to = lowerBound(markers, span.last() + 1);
        return Arrays.copyOfRange(markers, from, to);
    }

    private static int lowerBound(int[] a, int key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
