package org.crashscope.transcript.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

import org.crashscope.transcript.LineShape;
import org.crashscope.transcript.model.ParsedRecord;
import org.crashscope.transcript.model.Span;

/**
 * Kernel logs ({@code log}, dmesg, vmcore-dmesg, pasted oopses): reads only around the marker
 * lines the scan found, so that a gigabyte of ordinary log lines is never decoded. Each marker goes
 * to the parser of its record kind: GHES/CPER records, machine checks, single-line kernel events
 * (memory failure, soft offline, EDAC, sysrq, lkdtm, OOM), and everything else that opens a
 * report (oopses, BUGs, WARNINGs, watchdogs, panics).
 */
final class LogParser {
    static final Pattern CPER = Pattern.compile("^\\{(\\d{1,9})\\}\\[Hardware Error\\]:\\s?(.*)$");

    /** The parser of one kind of log record: takes the marker line, returns the last line it read. */
    interface RecordParser {
        int parse(Span span, int marker, LogLine first, IntFunction<String> lines, List<ParsedRecord> out);
    }

    private LogParser() {
    }

    /**
     * Parses the records around {@code markers} (ascending line numbers inside {@code span}).
     *
     * @param lines gives the text of a line of the transcript by its number
     */
    static List<ParsedRecord> parse(Span span, int[] markers, IntFunction<String> lines) {
        List<ParsedRecord> records = new ArrayList<>();
        int consumed = span.first() - 1;
        for (int marker : markers) {
            if (marker <= consumed || !span.contains(marker)) {
                continue;
            }
            String text = lines.apply(marker);
            if (text == null) {
                continue; // joined to the line before (a wrapped mail)
            }
            LogLine first = LogLine.of(text);
            RecordParser parser = parserFor(first.message());
            int at = parser == OOPS ? LineShape.reportStart(first.message()) : 0;
            if (at > 0) {
                // the report starts further in: after a console's login prompt, inside lockdep's "[ ... ]"
                first = new LogLine(first.timestamp(), first.message().substring(at), first.human(), first.caller());
            }
            consumed = parser.parse(span, marker, first, lines, records);
        }
        return records;
    }

    private static RecordParser parserFor(String message) {
        if (CPER.matcher(message).matches()) {
            return CperParser::parse;
        }
        if (message.startsWith("mce: ")) {
            return MceParser::parse;
        }
        if (KernelEventParser.matches(message)) {
            return KernelEventParser::parse;
        }
        return OOPS;
    }

    private static final RecordParser OOPS = OopsParser::parse;
}
