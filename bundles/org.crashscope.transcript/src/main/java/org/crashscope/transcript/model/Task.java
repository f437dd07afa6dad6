package org.crashscope.transcript.model;

/**
 * The header of a backtrace: {@code PID: 20191  TASK: ffff9842c2350000  CPU: 56  COMMAND: "CPU 3/KVM"}.
 *
 * @param cpu -1 when crash printed {@code -}
 */
public record Task(int line, long pid, long task, int cpu, String command) {

    public Task {
        command = Shared.text(command);
    }

    /** An idle task ({@code swapper/N}, PID 0): what {@code bt -a} shows for a CPU with nothing to do. */
    public boolean idle() {
        return pid == 0 && (command.startsWith("swapper") || command.equals("idle"));
    }
}
