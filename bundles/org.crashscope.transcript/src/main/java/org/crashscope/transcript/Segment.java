package org.crashscope.transcript;

/**
 * Output found outside any {@code crash>} block, recognised by its shape: a backtrace pasted
 * without its prompt, a memory dump, kernel log lines or an oops quoted in prose, crash's session
 * header (the start-up banner).
 */
public record Segment(int firstLine, int lastLine, Kind kind) {

    public enum Kind {
        BACKTRACE, MEMORY_DUMP, LOG, SESSION
    }
}
