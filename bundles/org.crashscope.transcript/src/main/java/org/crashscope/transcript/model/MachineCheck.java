package org.crashscope.transcript.model;

/**
 * One machine-check record of the kernel's log (x86 MCA, not CPER): the bank of one CPU and the
 * lines after it. {@code mce: [Hardware Error]: CPU 0: Machine Check: 0 Bank 1: 9c0000000000009f},
 * then {@code TSC ... ADDR 108605040 MISC 8c}, {@code PROCESSOR 2:60fb1 TIME 1796115048 SOCKET 0 APIC 0}.
 * A line of the group that names no CPU ({@code Machine check events logged}, {@code Machine check:
 * Processor context corrupt}) is a record with {@code cpu} null and its text.
 *
 * @param exception {@code Machine Check Exception} (the handler's, usually fatal) rather than a logged record
 * @param status    MCi_STATUS as printed, or {@code null}
 * @param address   MCi_ADDR, or {@code null} when not printed
 * @param misc      MCi_MISC, or {@code null}
 * @param time      the TIME field (seconds since the epoch), or {@code null}
 * @param rip       the {@code RIP ... {sym+off}} text, or {@code null}
 * @param text      the lines of the record, without their prefixes
 */
public record MachineCheck(Span span, Double timestamp, Integer cpu, Integer bank, boolean exception, Long status, Long address, Long misc,
        Long time, Integer socket, Integer apic, String rip, String text) implements ParsedRecord {

    public MachineCheck(Span span, Double timestamp, String text) {
        this(span, timestamp, null, null, false, null, null, null, null, null, null, null, text);
    }
}
