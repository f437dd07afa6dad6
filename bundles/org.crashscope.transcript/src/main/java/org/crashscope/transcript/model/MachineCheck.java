package org.crashscope.transcript.model;

/** A machine-check line that is not CPER ({@code mce: [Hardware Error]: CPU 15: Machine Check Exception ...}). */
public record MachineCheck(Span span, Double timestamp, String text) implements ParsedRecord {
}
