package org.crashscope.transcript.model;

import java.util.List;

/**
 * One task's backtrace ({@code bt} prints one per task for {@code -a} and {@code foreach bt}, and a
 * header-less one when an analyst pastes only frames or only stack words).
 *
 * @param command the crash command that printed it ({@code bt -a}, {@code foreach UN bt}), empty when pasted without a prompt
 * @param task    the {@code PID: ... TASK:} header, or {@code null} when none was printed
 */
public record Backtrace(Span span, String command, Task task, List<Frame> frames, List<StackSlot> slots, List<Annotation> annotations,
        List<Diagnostic> diagnostics) implements ParsedRecord {

    /** The first kernel-mode exception frame of the trace that crash did not call bogus, or {@code null}. */
    public ExceptionFrame firstException() {
        return frames.stream().map(Frame::exception).filter(e -> e != null && !e.userMode() && !e.bogus()).findFirst().orElse(null);
    }

    /** The size of the stack words printed (4 or 8), or 0 when no stack word was printed. */
    public int wordSize() {
        return slots.isEmpty() ? 0 : slots.get(0).width();
    }
}
