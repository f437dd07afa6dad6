package org.crashscope.transcript.model;

import java.util.List;

/**
 * One task's backtrace ({@code bt} prints one per task for {@code -a}, and a header-less one when
 * an analyst pastes only frames or only stack words).
 *
 * @param task the {@code PID: ... TASK:} header, or {@code null} when none was printed
 */
public record Backtrace(Span span, String command, Task task, List<Frame> frames, List<StackSlot> slots, List<Annotation> annotations,
        List<Diagnostic> diagnostics) implements ParsedRecord {

    /** The first exception frame of the trace, or {@code null}. */
    public ExceptionFrame firstException() {
        return frames.stream().map(Frame::exception).filter(e -> e != null && !e.userMode()).findFirst().orElse(null);
    }
}
