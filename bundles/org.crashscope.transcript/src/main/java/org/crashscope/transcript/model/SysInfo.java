package org.crashscope.transcript.model;

import java.util.Map;

/** {@code sys}: the {@code KEY: value} header (KERNEL, DUMPFILE, CPUS, RELEASE, PANIC ...). */
public record SysInfo(Span span, String command, Map<String, String> fields) implements ParsedRecord {
}
