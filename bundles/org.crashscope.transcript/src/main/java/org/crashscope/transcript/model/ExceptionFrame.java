package org.crashscope.transcript.model;

/**
 * The register block that bt prints after a frame that took an exception ({@code [exception RIP:
 * gup_pgd_range+0x24c]}) or at the entry from user mode (no {@code [exception RIP]} line).
 *
 * @param rip      the symbolic RIP, or {@code null} when bt printed none or {@code unknown or invalid address}
 * @param ripText  the text inside {@code [exception RIP: ...]}, or {@code null}
 * @param bogus    crash itself doubted it ({@code WARNING: possibly bogus exception frame}): never evidence
 */
public record ExceptionFrame(Span span, Symbol rip, String ripText, Registers registers, boolean userMode, boolean bogus) {

    /** The same frame, marked as one crash called possibly bogus. */
    public ExceptionFrame asBogus() {
        return new ExceptionFrame(span, rip, ripText, registers, userMode, true);
    }
}
