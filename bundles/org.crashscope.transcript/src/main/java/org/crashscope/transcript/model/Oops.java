package org.crashscope.transcript.model;

import java.util.List;

/**
 * A kernel oops, BUG or panic in a log: {@code general protection fault: 0000 [#1] SMP NOPTI} and
 * the lines that describe it.
 *
 * @param timestamp  seconds of the {@code [ts]} prefix of the message line, or {@code null}
 * @param ripLength  the {@code /0xc50} of {@code RIP: 0010:gup_pgd_range+0x24c/0xc50}, or {@code null}
 * @param callTrace  the functions of {@code Call Trace:}, innermost first
 */
public record Oops(Span span, int line, Double timestamp, String message, Integer cpu, Long pid, String comm, String tainted,
        String kernel, String hardware, Symbol rip, Long ripLength, Registers registers, CodeBytes code, List<String> callTrace,
        List<Diagnostic> diagnostics) implements ParsedRecord {
}
