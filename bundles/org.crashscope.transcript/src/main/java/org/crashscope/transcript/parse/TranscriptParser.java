package org.crashscope.transcript.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.crashscope.transcript.CommandBlock;
import org.crashscope.transcript.Segment;
import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.model.CrashOutput;
import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.ParsedRecord;
import org.crashscope.transcript.model.RawBlock;
import org.crashscope.transcript.model.SourceNote;
import org.crashscope.transcript.model.Span;
import org.crashscope.transcript.model.SysInfo;

/**
 * Turns the blocks and segments of a transcript into typed records, one parser per command kind
 * (a dispatch table, {@link CommandParsers}). A parser bug on one block becomes a diagnostic on that
 * block: the rest of the file still opens. What crash says of itself anywhere is collected as
 * {@link CrashOutput} records.
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
        List<Diagnostic> mail = new ArrayList<>();
        int[] markers = transcript.logMarkers();
        Budget budget = new Budget(depth);
        for (CommandBlock block : transcript.blocks()) {
            Span span = new Span(block.firstLine(), block.lastLine());
            if (isLog(block.kind())) {
                records.addAll(safely(span, block.command(), block.kind(), () -> log(transcript, span, markers, mail)));
            } else if (budget.take(span, block.command(), block.kind(), records) instanceof Span taken) {
                BlockText text = text(transcript, taken, mail);
                CommandParsers.Command parser = CommandParsers.forKind(block.kind());
                List<ParsedRecord> parsed = parser == null ? raw(text, block.command(), block.kind())
                        : safely(taken, block.command(), block.kind(), () -> parser.parser().parse(block.command(), text));
                records.addAll(parsed);
                crashVoice(text, parsed, records);
            }
        }
        for (Segment segment : transcript.segments()) {
            Span span = new Span(segment.firstLine(), segment.lastLine());
            switch (segment.kind()) {
                case LOG -> records.addAll(safely(span, "", "log", () -> log(transcript, span, markers, mail)));
                case BACKTRACE, MEMORY_DUMP -> {
                    CommandParsers.Command command = CommandParsers.forSegment(segment.kind());
                    Span taken = budget.take(span, "", command.word(), records);
                    if (taken != null) {
                        records.addAll(safely(taken, "", command.word(), () -> command.parser().parse("", text(transcript, taken, mail))));
                    }
                }
                case SESSION -> {
                    // a lone KEY: value line in prose is not crash's header
                    if (span.last() - span.first() >= 2) {
                        records.addAll(safely(span, "", "sys", () -> banner(transcript, SysParser.parse("", text(transcript, span, mail), SysInfo.Kind.BANNER))));
                    }
                }
            }
        }
        for (int line : transcript.crashVoiceLines()) {
            Diagnostic d = CrashVoice.of(line, transcript.line(line), false);
            if (d != null) {
                records.add(new CrashOutput(Span.line(line), List.of(d)));
            }
        }
        List<Diagnostic> read = new ArrayList<>(transcript.diagnostics());
        // one diagnostic for the quoting and one for the wrapping, however many blocks had them
        mail.stream().filter(d -> d.message().startsWith("quoted mail")).findFirst().ifPresent(read::add);
        List<Diagnostic> joins = mail.stream().filter(d -> !d.message().startsWith("quoted mail")).toList();
        if (!joins.isEmpty()) {
            read.add(joins.size() == 1 ? joins.get(0) : Diagnostic.info(joins.get(0).line(), "in " + joins.size()
                    + " blocks, lines wrapped by a mailer were joined; the first: " + joins.get(0).message()));
        }
        if (!read.isEmpty()) {
            records.add(new SourceNote(Span.line(1), read));
        }
        return new ParsedTranscript(transcript.name(), transcript.lineCount(), transcript.blocks(), transcript.segments(), records,
                depth == Depth.FULL || depth == Depth.BOUNDED && !budget.skipped);
    }

    /** The lines of a block where crash spoke of itself, except those its parser already reported as crash's. */
    private static void crashVoice(BlockText text, List<ParsedRecord> parsed, List<ParsedRecord> records) {
        Set<Integer> known = new HashSet<>();
        parsed.forEach(r -> r.diagnostics().stream().filter(Diagnostic::fromCrash).forEach(d -> known.add(d.line())));
        List<Diagnostic> found = new ArrayList<>();
        for (int i = 1; i < text.size(); i++) {
            int lineNo = text.lineNo(i);
            String line = text.get(i);
            if (!known.contains(lineNo) && CrashVoice.candidate(line)) {
                Diagnostic d = CrashVoice.of(lineNo, line, LogLine.of(line).timestamp() != null);
                if (d != null) {
                    found.add(d);
                }
            }
        }
        if (!found.isEmpty()) {
            records.add(new CrashOutput(new Span(text.first(), text.last()), List.copyOf(found)));
        }
    }

    /** Which non-log blocks a depth parses; a bounded parse notes the first block it leaves out. */
    private static final class Budget {
        private final Depth depth;
        private long left = BOUNDED_LINES;
        private boolean skipped;

        Budget(Depth depth) {
            this.depth = depth;
        }

        /**
         * The part of {@code span} to parse: all of it while it fits what is left; else its first
         * lines, half of what is left (the rest said in a diagnostic), so that the blocks after a
         * huge dump are still read; {@code null} when nothing is left.
         */
        Span take(Span span, String command, String kind, List<ParsedRecord> records) {
            if (depth == Depth.FULL) {
                return span;
            }
            if (depth == Depth.BOUNDED && left > 0) {
                long lines = span.last() - span.first() + 1L;
                if (lines <= left) {
                    left -= lines;
                    return span;
                }
                long part = Math.max(1, left / 2);
                Span first = new Span(span.first(), (int) (span.first() + part - 1));
                records.add(new RawBlock(new Span(first.last() + 1, span.last()), command, kind, List.of(Diagnostic.info(first.last() + 1, String.format(
                        "not parsed from here on: the transcript is large and %,d lines of command output are parsed in all; lines %,d-%,d of this block were",
                        BOUNDED_LINES, span.first(), first.last())))));
                left -= part;
                skipped = true;
                return first;
            }
            skipped = true;
            return null;
        }
    }

    private static boolean isLog(String kind) {
        return CommandParsers.isLog(kind);
    }

    private static List<ParsedRecord> raw(BlockText text, String command, String kind) {
        return CommandParsers.raw(text, command, kind);
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

    /** A block's lines, unquoted and unwrapped when they came out of a mail (said in {@code notes}). */
    /** How far above its banner crash prints its version (the copyright and gdb's lines come between). */
    private static final int VERSION_ABOVE = 40;

    /**
     * The banner with the version of crash that printed it ({@code CRASH}, from the {@code crash 8.0.2}
     * line above it), and a warning when that crash is older than the kernel it read.
     */
    private static List<ParsedRecord> banner(Transcript transcript, SysInfo banner) {
        int first = banner.span().first();
        for (int line = first - 1; line >= Math.max(1, first - VERSION_ABOVE); line--) {
            String text = transcript.line(line);
            int[] version = text == null ? null : CrashVersion.of(text);
            if (version == null) {
                continue;
            }
            var fields = new java.util.LinkedHashMap<>(banner.fields());
            var lines = new java.util.LinkedHashMap<>(banner.lines());
            fields.put("CRASH", version[0] + "." + version[1] + "." + version[2]);
            lines.put("CRASH", line);
            SysInfo withVersion = new SysInfo(banner.span(), banner.command(), banner.kind(), java.util.Map.copyOf(fields), java.util.Map.copyOf(lines));
            String tooOld = CrashVersion.tooOld(version, banner.get("RELEASE"));
            return tooOld == null ? List.of(withVersion)
                    : List.of(withVersion, new CrashOutput(Span.line(line), List.of(Diagnostic.crash(line, Diagnostic.Severity.WARNING, tooOld))));
        }
        return List.of(banner);
    }

    private static BlockText text(Transcript transcript, Span span, List<Diagnostic> notes) {
        return MailText.block(span.first(), transcript.lines(span.first(), span.last()), wrapWidth(transcript), notes);
    }

    /** The width a mailer may have wrapped the transcript at (its longest line), or 0: a transcript with a long line was not wrapped. */
    private static int wrapWidth(Transcript transcript) {
        return transcript.longestLine() <= MailText.WRAP_MAX + 1 && transcript.lineCount() > 1 ? transcript.longestLine() : 0;
    }

    /** A log's lines as its parser reads them: unquoted, wrapped lines whole (see {@link MailText.LogLines}). */
    private static List<ParsedRecord> log(Transcript transcript, Span span, int[] markers, List<Diagnostic> notes) {
        MailText.LogLines lines = new MailText.LogLines(transcript::line, span.last(), wrapWidth(transcript));
        List<ParsedRecord> out = LogParser.parse(span, markersIn(markers, span), lines);
        if (lines.note() != null) {
            notes.add(lines.note());
        }
        return out;
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
