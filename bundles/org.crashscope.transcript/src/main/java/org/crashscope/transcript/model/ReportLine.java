package org.crashscope.transcript.model;

/**
 * One line of a kernel report as the kernel printed it, its log prefix (timestamp, caller id,
 * level) removed: what a reader of formats (KASAN's sections, lockdep's chains, the call traces)
 * needs besides the fields the parser typed.
 *
 * @param line the line number in the transcript
 * @param text the message, prefix removed
 */
public record ReportLine(int line, String text) {
}
