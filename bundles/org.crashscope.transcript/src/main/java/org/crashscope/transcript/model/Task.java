package org.crashscope.transcript.model;

/** The header of a backtrace: {@code PID: 20191  TASK: ffff9842c2350000  CPU: 56  COMMAND: "CPU 3/KVM"}. */
public record Task(int line, long pid, long task, int cpu, String command) {
}
