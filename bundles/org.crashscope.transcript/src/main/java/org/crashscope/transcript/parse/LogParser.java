package org.crashscope.transcript.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.CodeBytes;
import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.HardwareError;
import org.crashscope.transcript.model.MachineCheck;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.ParsedRecord;
import org.crashscope.transcript.model.Registers;
import org.crashscope.transcript.model.Span;
import org.crashscope.transcript.model.Symbol;

/**
 * Kernel logs ({@code log}, dmesg, vmcore-dmesg, pasted oopses): reads only around the marker
 * lines the scan found, so that a gigabyte of ordinary log lines is never decoded. Produces oopses,
 * GHES/CPER hardware-error records and machine-check groups.
 */
final class LogParser {
    private static final int MAX_OOPS_LINES = 200;
    private static final Pattern CPER = Pattern.compile("^\\{(\\d{1,9})\\}\\[Hardware Error\\]:\\s?(.*)$");
    private static final Pattern OOPS_LINE = Pattern.compile("^(CPU: |Hardware name|RIP: |Code: |RSP: |R[A-Z0-9]{1,2}: |E[A-Z]{2}: |FS: |CS: |CR[0-4]: |DR[0-7]: "
            + "|PKRU: |Call Trace:|Call trace:|<TASK>|</TASK>|<IRQ>|</IRQ>|<NMI>|</NMI>|Modules linked in|Workqueue:|Oops|PGD |P4D |PUD |PMD |PTE "
            + "|---\\[ end|Kernel Offset|Stack:|invalid opcode|\\? |\\[<|pc : |lr : |sp : |x\\d+ ?: |pstate|Internal error"
            + "|Process |Mem abort|ESR |EC |IL |SET |FnV|EA |S1PTW|Data abort|ISV|CM |WnR|user pgtable|\\[[0-9a-f]{16}\\] |note: |general protection"
            + "|BUG: |kernel BUG|Unable to handle|unable to handle|#PF: |IP: |NIP|LR |MSR|GPR|CFAR|SOFTE|TRAP|Tainted:|\"echo 0 > |task:)");
    private static final Pattern TRACE_ENTRY = Pattern.compile("^\\s*(?:\\[<[0-9a-f]+>\\]\\s*)?(\\?\\s*)?([\\w.$]+)\\+0x[0-9a-f]+/0x[0-9a-f]+(?:\\s+\\[[\\w-]+\\])?.*$");
    private static final Pattern TASK = Pattern.compile(
            "^CPU: (\\d{1,9}) (?:UID: \\d+ )?PID: (\\d{1,9}) Comm: (.*?)\\s+(?:Kdump: \\S+\\s+)?(?:Not tainted|Tainted: (.*?))\\s+(\\S+)\\s+#\\S+.*$");
    private static final Pattern RIP = Pattern.compile("^(?:RIP|IP|pc) ?: ?(?:([0-9a-f]{4}):)?(?:\\[<[0-9a-f]+>\\]\\s*)?([\\w.$]+)\\+(0x[0-9a-f]{1,16})(?:/(0x[0-9a-f]{1,16}))?.*$");
    private static final Pattern HEX_TOKENS = Pattern.compile("^(?:\\s*(?:<[0-9a-f]{2}>|\\([0-9a-f]{4,8}\\)|[0-9a-f]{2}|[0-9a-f]{8}))+\\s*$");
    private static final Pattern LOCATION = Pattern.compile("(\\w+):\\s?(0x[0-9a-fA-F]{1,16}|\\d{1,18})");
    private static final Pattern SOURCE_ID = Pattern.compile("Generic Hardware Error Source: (\\d{1,9})");
    private static final Pattern ERROR_TYPE = Pattern.compile("^error_type: (\\d{1,9}), (.*)$");
    private static final Pattern VENDOR_ROW = Pattern.compile("^([0-9a-f]{8}):((?: [0-9a-f]{8}){1,4})\\s*.*$");

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
            LogLine first = LogLine.of(lines.apply(marker));
            Matcher cper = CPER.matcher(first.message());
            if (cper.matches()) {
                consumed = hardwareError(span, marker, cper.group(1), lines, records);
            } else if (first.message().startsWith("mce: ")) {
                consumed = machineCheck(span, marker, lines, records);
            } else {
                consumed = oops(span, marker, lines, records);
            }
        }
        return records;
    }

    private static int machineCheck(Span span, int start, IntFunction<String> lines, List<ParsedRecord> out) {
        StringBuilder text = new StringBuilder();
        int line = start;
        Double ts = LogLine.of(lines.apply(start)).timestamp();
        while (line <= span.last()) {
            LogLine l = LogLine.of(lines.apply(line));
            if (!l.message().startsWith("mce: ")) {
                break;
            }
            text.append(l.message()).append('\n');
            line++;
        }
        out.add(new MachineCheck(new Span(start, line - 1), ts, text.toString().strip()));
        return line - 1;
    }

    private static int hardwareError(Span span, int start, String record, IntFunction<String> lines, List<ParsedRecord> out) {
        HardwareErrorBuilder b = new HardwareErrorBuilder(Integer.parseInt(record), LogLine.of(lines.apply(start)).timestamp());
        int line = start;
        for (; line <= span.last(); line++) {
            Matcher m = CPER.matcher(LogLine.of(lines.apply(line)).message());
            if (!m.matches() || !m.group(1).equals(record)) {
                break;
            }
            b.field(line, m.group(2).strip());
        }
        out.add(b.build(new Span(start, line - 1)));
        return line - 1;
    }

    private static int oops(Span span, int start, IntFunction<String> lines, List<ParsedRecord> out) {
        LogLine head = LogLine.of(lines.apply(start));
        OopsBuilder b = new OopsBuilder(start, head);
        int last = start;
        boolean inTrace = false;
        boolean afterCode = false;
        for (int line = start + 1; line <= span.last() && line - start < MAX_OOPS_LINES; line++) {
            String raw = lines.apply(line);
            LogLine l = LogLine.of(raw);
            String msg = l.message().strip();
            if (msg.isBlank() && l.timestamp() == null) {
                break;
            }
            if (CPER.matcher(msg).matches() || msg.startsWith("mce: ")) {
                break;
            }
            boolean trace = inTrace && TRACE_ENTRY.matcher(msg).matches();
            boolean wrappedCode = afterCode && l.timestamp() == null && HEX_TOKENS.matcher(msg).matches();
            if (!trace && !wrappedCode && !OOPS_LINE.matcher(msg).lookingAt()) {
                break;
            }
            if (msg.startsWith("Call Trace:") || msg.startsWith("Call trace:")) {
                inTrace = true;
            } else if (trace) {
                Matcher t = TRACE_ENTRY.matcher(msg);
                if (t.matches() && t.group(1) == null) {
                    b.callTrace.add(t.group(2));
                }
            } else if (wrappedCode) {
                b.code(line, msg, true);
            } else {
                b.line(line, msg);
            }
            afterCode = msg.startsWith("Code: ") || wrappedCode;
            last = line;
        }
        out.add(b.build(new Span(start, last)));
        return last;
    }

    private static final class OopsBuilder {
        final int line;
        final Double timestamp;
        final String message;
        Integer cpu;
        Long pid;
        String comm;
        String tainted;
        String kernel;
        String hardware;
        Symbol rip;
        Long ripLength;
        final Map<String, Long> registers = new LinkedHashMap<>();
        int codeLine = -1;
        final List<Integer> code = new ArrayList<>();
        int trap = -1;
        final List<String> callTrace = new ArrayList<>();
        final List<Diagnostic> diagnostics = new ArrayList<>();

        OopsBuilder(int line, LogLine head) {
            this.line = line;
            this.timestamp = head.timestamp();
            this.message = head.message().strip();
        }

        void line(int lineNo, String msg) {
            Matcher m;
            if ((m = TASK.matcher(msg)).matches()) {
                cpu = Integer.valueOf(m.group(1));
                pid = Long.valueOf(m.group(2));
                comm = m.group(3);
                tainted = m.group(4) == null ? "" : m.group(4).replaceAll("\\s+", " ").strip();
                kernel = m.group(5);
            } else if (msg.startsWith("Hardware name: ")) {
                hardware = msg.substring("Hardware name: ".length()).strip();
            } else if (rip == null && (m = RIP.matcher(msg)).matches()) {
                rip = new Symbol(m.group(2), Hex.parse(m.group(3)));
                ripLength = m.group(4) == null ? null : Hex.parse(m.group(4));
                if (m.group(1) != null) {
                    registers.put("cs", Hex.parse(m.group(1)));
                }
            } else if (msg.startsWith("Code: ")) {
                code(lineNo, msg.substring("Code: ".length()), false);
            } else if (msg.startsWith("PKRU: ")) {
                Long v = Hex.parse(msg.substring(6).strip());
                if (v != null) {
                    registers.put("pkru", v);
                }
            } else {
                RegisterRows.parseInto(msg, registers);
            }
        }

        void code(int lineNo, String text, boolean continuation) {
            if (!continuation) {
                codeLine = lineNo;
            } else {
                diagnostics.add(Diagnostic.info(lineNo, "Code: line continues on a wrapped line"));
            }
            for (String token : text.strip().split("\\s+")) {
                boolean marked = token.length() > 2 && (token.startsWith("<") && token.endsWith(">") || token.startsWith("(") && token.endsWith(")"));
                String hex = marked ? token.substring(1, token.length() - 1) : token;
                Long value = Hex.parse(hex);
                if (value == null || hex.length() % 2 != 0) {
                    diagnostics.add(Diagnostic.warning(lineNo, "Code: token is not hex: " + token));
                    continue;
                }
                if (marked) {
                    trap = code.size();
                }
                // arm64 prints 32-bit words: keep their bytes in memory order (little endian)
                for (int k = 0; k < hex.length() / 2; k++) {
                    code.add((int) ((value >>> (8 * k)) & 0xff));
                }
                if (hex.length() == 2) {
                    code.set(code.size() - 1, value.intValue());
                }
            }
        }

        Oops build(Span span) {
            CodeBytes codeBytes = codeLine < 0 ? null : new CodeBytes(codeLine, List.copyOf(code), trap);
            if (codeLine >= 0 && trap < 0) {
                diagnostics.add(Diagnostic.info(codeLine, "Code: line has no trapping-byte marker"));
            }
            return new Oops(span, line, timestamp, message, cpu, pid, comm, tainted, kernel, hardware, rip, ripLength, new Registers(registers),
                    codeBytes, List.copyOf(callTrace), List.copyOf(diagnostics));
        }
    }

    private static final class HardwareErrorBuilder {
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

        HardwareErrorBuilder(int record, Double timestamp) {
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
            } else if (text.matches("^(node|card|module|rank|bank|device|row|column|socket|channel|bit_position|requestor_id|responder_id"
                    + "|target_id|bank_group|bank_address|chip_id)\\s?:.*")) {
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
