package org.crashscope.transcript.model;

import java.util.List;

/**
 * A kernel report in a log: an oops ({@code general protection fault: 0000 [#1] SMP NOPTI}), a
 * BUG, a WARNING, a watchdog's or a hung task's report, a panic, and the lines that describe it.
 *
 * @param timestamp     seconds of the {@code [ts]} prefix of the message line, or {@code null}
 * @param rip           the kernel RIP ({@code RIP: 0010:gup_pgd_range+0x24c/0xc50}), or {@code null}
 * @param ripLength     the {@code /0xc50} of it, or {@code null}
 * @param ripModule     the module in brackets after it ({@code [crashkinds]}), or {@code null}
 * @param registers     the kernel register dump of the report (empty when it printed none, e.g. a panic)
 * @param code          the Code: bytes around the kernel RIP, or {@code null}
 * @param userRegisters the registers of the user-mode frame printed at the end of the call trace
 *                      ({@code RIP: 0033:0x47b7a0}): the interrupted system call's, never the fault's
 * @param userCode      the Code: line of that user-mode frame, or {@code null}
 * @param callTrace     the functions of {@code Call Trace:}, innermost first (unreliable {@code ?} entries left out)
 * @param body          the report's lines from its first line on, until the next report begins (at most
 *                      {@value #MAX_BODY_LINES}; lines of another printk caller left out): KASAN's access and
 *                      allocation sections, lockdep's chains, every stack, as printed
 * @param stacks        every stack the report printed, as frames
 */
public record Oops(Span span, int line, Double timestamp, String message, Integer cpu, Long pid, String comm, String tainted,
        String kernel, String hardware, Symbol rip, Long ripLength, String ripModule, Registers registers, CodeBytes code, Registers userRegisters,
        CodeBytes userCode, List<String> callTrace, List<Diagnostic> diagnostics, List<ReportLine> body,
        List<LogStack> stacks) implements ParsedRecord {

    /** How many lines of a report are kept: the longest lockdep and KASAN reports fit. */
    public static final int MAX_BODY_LINES = 800;
}
