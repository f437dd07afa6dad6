package org.crashscope.transcript.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.HardwareError;
import org.crashscope.transcript.model.ParsedRecord;
import org.crashscope.transcript.model.Span;

/** One GHES/CPER record: the lines {@code {N}[Hardware Error]: ...} of one record number. */
final class CperParser {
    private static final Pattern LOCATION = Pattern.compile("(\\w+):\\s?(0x[0-9a-fA-F]{1,16}|\\d{1,18})");
    private static final Pattern LOCATION_LINE = Pattern.compile("^(node|card|module|rank|bank|device|row|column|socket|channel|bit_position"
            + "|requestor_id|responder_id|target_id|bank_group|bank_address|chip_id)\\s?:.*");
    private static final Pattern SOURCE_ID = Pattern.compile("Generic Hardware Error Source: (\\d{1,9})");
    private static final Pattern ERROR_TYPE = Pattern.compile("^error_type: (\\d{1,9}), (.*)$");
    private static final Pattern VENDOR_ROW = Pattern.compile("^([0-9a-f]{8}):((?: [0-9a-f]{8}){1,4})\\s*.*$");

    private CperParser() {
    }

    static int parse(Span span, int start, LogLine first, IntFunction<String> lines, List<ParsedRecord> out) {
        Matcher head = LogParser.CPER.matcher(first.message());
        head.matches();
        String record = head.group(1);
        Builder b = new Builder(Integer.parseInt(record), first.timestamp());
        int line = start;
        for (; line <= span.last(); line++) {
            String text = lines.apply(line);
            if (text == null) {
                continue; // joined to the line before (a wrapped mail)
            }
            Matcher m = LogParser.CPER.matcher(LogLine.of(text).message());
            if (!m.matches() || !m.group(1).equals(record)) {
                break;
            }
            b.field(line, m.group(2).strip());
        }
        out.add(b.build(new Span(start, line - 1)));
        return line - 1;
    }

    private static final class Builder {
        final int record;
        final Double timestamp;
        Integer sourceId;
        String severity;
        String sectionType;
        Long errorStatus;
        Long physicalAddress;
        Long physicalAddressMask;
        final Map<String, Long> location = new LinkedHashMap<>();
        Integer errorType;
        String errorTypeText;
        String fruId;
        String fruText;
        String dimm;
        final List<Integer> vendor = new ArrayList<>();
        final List<Diagnostic> diagnostics = new ArrayList<>();

        Builder(int record, Double timestamp) {
            this.record = record;
            this.timestamp = timestamp;
        }

        void field(int lineNo, String text) {
            Matcher m;
            if ((m = SOURCE_ID.matcher(text)).find()) {
                sourceId = Integer.valueOf(m.group(1));
            } else if (text.startsWith("event severity:")) {
                severity = text.substring("event severity:".length()).strip();
            } else if (text.startsWith("section_type:") || text.startsWith("section type:")) {
                sectionType = text.substring(text.indexOf(':') + 1).strip();
            } else if (text.startsWith("error_status:")) {
                errorStatus = Hex.parse(text.substring(text.indexOf(':') + 1).strip());
            } else if (text.startsWith("physical_address:")) {
                physicalAddress = hexField(lineNo, text);
            } else if (text.startsWith("physical_address_mask:")) {
                physicalAddressMask = hexField(lineNo, text);
            } else if ((m = ERROR_TYPE.matcher(text)).matches()) {
                errorType = Integer.valueOf(m.group(1));
                errorTypeText = m.group(2).strip();
            } else if (text.startsWith("fru_id:")) {
                fruId = text.substring(7).strip();
            } else if (text.startsWith("fru_text:")) {
                fruText = text.substring(9).strip();
            } else if (text.startsWith("DIMM location:")) {
                dimm = text.substring("DIMM location:".length()).strip();
            } else if (LOCATION_LINE.matcher(text).matches()) {
                Matcher loc = LOCATION.matcher(text);
                while (loc.find()) {
                    Long v = loc.group(2).startsWith("0x") ? Hex.parse(loc.group(2)) : Long.valueOf(loc.group(2));
                    location.put(loc.group(1), v);
                }
            } else if ((m = VENDOR_ROW.matcher(text)).matches()) {
                for (String word : m.group(2).strip().split(" ")) {
                    long w = Long.parseLong(word, 16);
                    for (int k = 0; k < 4; k++) {
                        vendor.add((int) ((w >>> (8 * k)) & 0xff));
                    }
                }
            }
        }

        private Long hexField(int lineNo, String text) {
            Long v = Hex.parse(text.substring(text.indexOf(':') + 1).strip());
            if (v == null) {
                diagnostics.add(Diagnostic.warning(lineNo, "value is not hex: " + text));
            }
            return v;
        }

        HardwareError build(Span span) {
            return new HardwareError(span, record, timestamp, sourceId, severity, sectionType, errorStatus, physicalAddress,
                    physicalAddressMask, location, errorType, errorTypeText, fruId, fruText, dimm, List.copyOf(vendor), List.copyOf(diagnostics));
        }
    }
}
