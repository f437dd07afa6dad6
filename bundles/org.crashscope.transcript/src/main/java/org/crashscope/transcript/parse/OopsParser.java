package org.crashscope.transcript.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.LineShape;
import org.crashscope.transcript.model.CodeBytes;
import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.LogStack;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.ParsedRecord;
import org.crashscope.transcript.model.Registers;
import org.crashscope.transcript.model.ReportLine;
import org.crashscope.transcript.model.Span;
import org.crashscope.transcript.model.Symbol;

/**
 * A kernel report in a log: an oops, a BUG, a WARNING, a watchdog's or a hung task's report, a
 * panic, and the lines that describe it (task, hardware, RIP, Code:, registers, call trace). The
 * registers and the Code: line printed for the user-mode frame at the end of a call trace
 * ({@code RIP: 0033:0x47b7a0}) are kept apart: they are the interrupted system call's, never the
 * faulting kernel instruction.
 */
final class OopsParser {
    private static final int MAX_OOPS_LINES = 200;
    private static final Pattern OOPS_LINE = Pattern.compile("^(CPU: |Hardware name|RIP: |Code: |RSP: |R[A-Z0-9]{1,2}: |E[A-Z]{2}: |FS: |CS: |CR[0-4]: |DR[0-7]: "
            + "|PKRU: |Call Trace:|Call trace:|<TASK>|</TASK>|<IRQ>|</IRQ>|<NMI>|</NMI>|Modules linked in|Workqueue:|Oops|PGD |P4D |PUD |PMD |PTE "
            + "|---\\[ end|Kernel Offset|Stack:|invalid opcode|\\? |\\[<|pc : |lr : |sp : |x\\d+ ?: |pstate|Internal error"
            + "|Process |Mem abort|ESR |EC |IL |SET |FnV|EA |S1PTW|Data abort|ISV|CM |WnR|user pgtable|\\[[0-9a-f]{16}\\] |note: |general protection"
            + "|BUG: |kernel BUG|Unable to handle|unable to handle|#PF: |IP: |NIP|LR |MSR|GPR|CFAR|SOFTE|TRAP|Tainted:|\"echo 0 > |task:"
            + "|epc |ra |status:|badaddr:|cause:|ERA|CRMD|PRMD|ESTAT|BADV|irq event stamp|hardirqs |softirqs |------------\\[ cut here \\])");
    private static final Pattern TRACE_ENTRY = Pattern.compile("^\\s*(?:\\[<[0-9a-f]+>\\]\\s*)?(\\?\\s*)?([\\w.$]+)\\+0x[0-9a-f]+/0x[0-9a-f]+(?:\\s+\\[[\\w-]+\\])?.*$");
    private static final Pattern TASK = Pattern.compile(
            "^CPU: (\\d{1,9}) (?:UID: \\d+ )?PID: (\\d{1,9}) Comm: (.*?)\\s+(?:Kdump: \\S+\\s+)?(?:Not tainted|Tainted: (.*?))\\s+(\\S+)\\s+#\\S+.*$");
    /** The hung-task report's {@code task:touch state:D stack:0 pid:2222 ppid:1976 flags:0x00004002}. */
    private static final Pattern BLOCKED_TASK = Pattern.compile("^task:(\\S+)\\s+state:(\\S+).*?\\bpid:\\s*(\\d{1,9})\\b.*$");
    private static final Pattern RIP = Pattern.compile("^(?:RIP|IP|pc) ?: ?(?:([0-9a-f]{4}):)?(?:\\[<[0-9a-f]+>\\]\\s*)?([\\w.$]+)\\+(0x[0-9a-f]{1,16})(?:/(0x[0-9a-f]{1,16}))?"
            + "(?:\\s+\\[([\\w-]+)\\])?.*$");
    /** {@code RIP: 0033:0x47b7a0}: a user-mode RIP, a number and no symbol. */
    private static final Pattern USER_RIP = Pattern.compile("^RIP: ?([0-9a-f]{4}):(?:0x)?([0-9a-f]{1,16})\\s*$");
    private static final Pattern HEX_TOKENS = Pattern.compile("^(?:\\s*(?:<[0-9a-f]{2}>|\\([0-9a-f]{4,8}\\)|[0-9a-f]{2}|[0-9a-f]{8}))+\\s*$");

    private OopsParser() {
    }

    static int parse(Span span, int start, LogLine head, IntFunction<String> text, List<ParsedRecord> out) {
        Builder b = new Builder(start, head);
        Lines lines = new Lines(start, text);
        int last = start;
        boolean inTrace = false;
        boolean afterCode = false;
        for (int line = start + 1; line <= span.last() && line - start < MAX_OOPS_LINES; line++) {
            LogLine l = lines.get(line);
            if (l == null) {
                continue; // joined to the line before (a wrapped mail)
            }
            String msg = l.message().strip();
            if (msg.isBlank() && l.timestamp() == null) {
                break;
            }
            if (LogParser.CPER.matcher(msg).matches() || msg.startsWith("mce: ") || KernelEventParser.matches(msg)) {
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
        collectBody(span, start, head, lines, b);
        b.fillFromBody();
        out.add(b.build(new Span(start, last)));
        return last;
    }

    /**
     * The report's lines as printed, read ahead of the typed fields without consuming them (a panic
     * or a second report inside stays a record of its own): until the next report opens, at most
     * {@link Oops#MAX_BODY_LINES} lines, lines of another printk caller left out. A panic ends it once
     * the report has its own lines (a WARNING under panic_on_warn prints the panic's stack again).
     */
    private static void collectBody(Span span, int start, LogLine head, Lines lines, Builder b) {
        b.body.add(new ReportLine(start, head.message().strip()));
        boolean preamble = LineShape.isPreamble(head.message());
        String headRaw = lines.text.apply(start);
        boolean kmemleak = head.message().startsWith("unreferenced object") && headRaw != null && headRaw.contains(KMEMLEAK);
        // a task's report goes on past another report of the same task (printk's caller id keeps them apart from others)
        boolean sameTask = head.caller() != null && head.caller().startsWith("T");
        for (int line = start + 1; line <= span.last() && b.body.size() < Oops.MAX_BODY_LINES && line - start < 4 * Oops.MAX_BODY_LINES; line++) {
            LogLine l = lines.get(line);
            if (l == null) {
                continue;
            }
            String msg = l.message().stripTrailing();
            if (kmemleak && msg.startsWith(KMEMLEAK)) {
                msg = msg.substring(KMEMLEAK.length()); // kmemleak.verbose=1 prints every line of its report behind its name
            }
            if (msg.isBlank() || head.caller() != null && l.caller() != null && !l.caller().equals(head.caller())
                    || head.timestamp() != null && l.timestamp() == null) {
                continue; // another task's or CPU's line, or what a program wrote to the console between the kernel's
            }
            String stripped = msg.strip();
            boolean opens = LineShape.opensReport(stripped);
            if (opens && !preamble && !sameTask || stripped.startsWith("Kernel panic - not syncing") && b.body.size() > PANIC_ENDS_AFTER) {
                break;
            }
            preamble &= !opens;
            b.body.add(new ReportLine(line, msg.length() > MAX_BODY_LINE ? msg.substring(0, MAX_BODY_LINE) : msg));
        }
    }

    /** The lines after a report's first, each split into prefix and message once for the typed fields and the body. */
    private static final class Lines {
        final int start;
        final IntFunction<String> text;
        LogLine[] read = new LogLine[64];
        boolean[] joined = new boolean[64];

        Lines(int start, IntFunction<String> text) {
            this.start = start;
            this.text = text;
        }

        /** The line, or {@code null} when it was joined to the line before (a wrapped mail). */
        LogLine get(int line) {
            int i = line - start;
            if (i >= read.length) {
                read = java.util.Arrays.copyOf(read, Math.max(i + 1, read.length * 2));
                joined = java.util.Arrays.copyOf(joined, read.length);
            }
            if (read[i] == null && !joined[i]) {
                String raw = text.apply(line);
                if (raw == null) {
                    joined[i] = true;
                } else {
                    read[i] = LogLine.of(raw);
                }
            }
            return read[i];
        }
    }

    /** A report longer than this when its panic comes has said what it had to (syzkaller's threshold). */
    private static final int PANIC_ENDS_AFTER = 22;

    private static final int MAX_BODY_LINE = 1024;
    private static final String KMEMLEAK = "kmemleak: ";

    private static final class Builder {
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
        String ripModule;
        final Map<String, Long> registers = new LinkedHashMap<>();
        final Map<String, Long> userRegisters = new LinkedHashMap<>();
        final Map<String, Integer> registerLines = new java.util.HashMap<>();
        final Map<String, Integer> userRegisterLines = new java.util.HashMap<>();
        /** whether the register lines being read belong to the user-mode frame */
        boolean user;
        /** a kernel RIP was seen: later RIP lines (the repeat after "end trace") add nothing */
        boolean kernelSet;
        CodeBuilder code;
        CodeBuilder userCode;
        final List<String> callTrace = new ArrayList<>();
        final List<Diagnostic> diagnostics = new ArrayList<>();
        final List<ReportLine> body = new ArrayList<>();

        Builder(int line, LogLine head) {
            this.line = line;
            this.timestamp = head.timestamp();
            this.message = head.message().strip();
        }

        void line(int lineNo, String msg) {
            Matcher m;
            if ((m = TASK.matcher(msg)).matches()) {
                if (cpu == null) {
                    task(m);
                }
            } else if ((m = BLOCKED_TASK.matcher(msg)).matches()) {
                if (pid == null) {
                    comm = m.group(1);
                    pid = Long.valueOf(m.group(3));
                }
            } else if (msg.startsWith("Hardware name: ")) {
                hardware = msg.substring("Hardware name: ".length()).strip();
            } else if ((m = USER_RIP.matcher(msg)).matches()) {
                // the user-mode frame at the end of a trace: its registers and Code: follow
                user = true;
                userRegisters.put("cs", Hex.parse(m.group(1)));
                userRegisters.put("rip", Hex.parse(m.group(2)));
            } else if ((m = RIP.matcher(msg)).matches()) {
                user = false;
                if (!kernelSet) {
                    kernelSet = true;
                    rip = new Symbol(m.group(2), Hex.parse(m.group(3)));
                    registerLines.put("rip", lineNo);
                    ripLength = m.group(4) == null ? null : Hex.parse(m.group(4));
                    ripModule = m.group(5);
                    if (m.group(1) != null) {
                        registers.put("cs", Hex.parse(m.group(1)));
                    }
                } else {
                    user = false;
                    repeat = true;
                }
            } else if (msg.startsWith("Code: ")) {
                String bytes = msg.substring("Code: ".length());
                if (bytes.startsWith("Unable to access opcode bytes") || bytes.startsWith("Bad RIP value")) {
                    if (!user && !repeat && code == null) {
                        diagnostics.add(Diagnostic.info(lineNo, "the kernel could not read the Code: bytes (" + bytes.strip() + ")"));
                    }
                } else {
                    code(lineNo, bytes, false);
                }
            } else if (msg.startsWith("PKRU: ")) {
                Long v = Hex.parse(msg.substring(6).strip());
                if (v != null && !repeat) {
                    (user ? userRegisters : registers).put("pkru", v);
                }
            } else if (!repeat) {
                Map<String, Long> into = user ? userRegisters : registers;
                java.util.Set<String> before = new java.util.HashSet<>(into.keySet());
                RegisterRows.parseInto(msg, into);
                into.keySet().stream().filter(k -> !before.contains(k)).forEach(k -> (user ? userRegisterLines : registerLines).put(k, lineNo));
            }
        }

        /** Past the repeat of the RIP and registers the kernel prints after {@code ---[ end trace}. */
        boolean repeat;

        void code(int lineNo, String text, boolean continuation) {
            if (repeat && !user) {
                return;
            }
            CodeBuilder target;
            if (continuation) {
                target = user ? userCode : code;
                if (target == null) {
                    return;
                }
                diagnostics.add(Diagnostic.info(lineNo, "Code: line continues on a wrapped line"));
            } else if (user) {
                userCode = target = new CodeBuilder(lineNo);
            } else if (code == null) {
                code = target = new CodeBuilder(lineNo);
            } else {
                return;
            }
            target.add(lineNo, text, diagnostics);
        }

        /**
         * The task of reports whose typed lines stop early (KASAN's access line, lockdep's chains come
         * before {@code CPU:}): taken from the body.
         */
        void fillFromBody() {
            for (int i = 1; i < body.size() && pid == null; i++) {
                Matcher m = TASK.matcher(body.get(i).text().strip());
                if (m.matches()) {
                    task(m);
                }
            }
        }

        /** The task of a {@code CPU: 1 PID: 123 Comm: dd Tainted: ...} line. */
        private void task(Matcher m) {
            cpu = Integer.valueOf(m.group(1));
            pid = Long.valueOf(m.group(2));
            comm = m.group(3);
            tainted = m.group(4) == null ? "" : m.group(4).replaceAll("\\s+", " ").strip();
            kernel = m.group(5);
        }

        Oops build(Span span) {
            List<LogStack> stacks = LogStacks.of(body);
            if (callTrace.isEmpty()) {
                // the typed lines stopped before the trace (an inlined frame, a KASAN access line): the first Call Trace as printed
                stacks.stream().filter(st -> st.heading().startsWith("Call ")).findFirst()
                        .ifPresent(st -> st.frames().stream().filter(f -> !f.unreliable()).forEach(f -> callTrace.add(f.function())));
            }
            if (code != null && code.trap < 0) {
                diagnostics.add(Diagnostic.info(code.line, "Code: line has no trapping-byte marker"));
            }
            return new Oops(span, line, timestamp, message, cpu, pid, comm, tainted, kernel, hardware, rip, ripLength, ripModule,
                    new Registers(registers, registerLines), code == null ? null : code.build(), new Registers(userRegisters, userRegisterLines),
                    userCode == null ? null : userCode.build(), List.copyOf(callTrace), List.copyOf(diagnostics), List.copyOf(body), stacks);
        }
    }

    /** The bytes of one Code: line (and the lines it wraps onto). */
    private static final class CodeBuilder {
        final int line;
        final List<Integer> bytes = new ArrayList<>();
        int trap = -1;

        CodeBuilder(int line) {
            this.line = line;
        }

        void add(int lineNo, String text, List<Diagnostic> diagnostics) {
            for (String token : text.strip().split("\\s+")) {
                boolean marked = token.length() > 2 && (token.startsWith("<") && token.endsWith(">") || token.startsWith("(") && token.endsWith(")"));
                String hex = marked ? token.substring(1, token.length() - 1) : token;
                Long value = Hex.parse(hex);
                if (value == null || hex.length() % 2 != 0) {
                    diagnostics.add(Diagnostic.warning(lineNo, "Code: token is not hex: " + token));
                    continue;
                }
                if (marked) {
                    trap = bytes.size();
                }
                // arm64 prints 32-bit words: keep their bytes in memory order (little endian)
                for (int k = 0; k < hex.length() / 2; k++) {
                    bytes.add((int) ((value >>> (8 * k)) & 0xff));
                }
                if (hex.length() == 2) {
                    bytes.set(bytes.size() - 1, value.intValue());
                }
            }
        }

        CodeBytes build() {
            return new CodeBytes(line, List.copyOf(bytes), trap);
        }
    }
}
