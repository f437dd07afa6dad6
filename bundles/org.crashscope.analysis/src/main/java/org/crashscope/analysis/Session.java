package org.crashscope.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.crashscope.transcript.model.SysInfo;
import org.crashscope.transcript.parse.ParsedTranscript;

/**
 * The crash session a transcript records, as crash's start-up banner and {@code sys} print it:
 * the kernel and dump files, the machine, the panic string and the panic task. Values are as
 * printed (strings), {@code null} when absent; the banner is read first, {@code sys} fills what it
 * lacks ({@code set} changes the context, not the session, and is not read).
 *
 * @param line   the first line of the header read, or 0 when the transcript has none
 * @param fields the values by contract key (kernel, dumpfile ... state), in order
 * @param lines  the line of each value
 */
public record Session(int line, Map<String, String> fields, Map<String, Integer> lines) {

    /** The contract keys, in the order crash prints them, and crash's names for them. */
    public static final List<String[]> KEYS = List.of(new String[] {"kernel", "KERNEL"}, new String[] {"dumpfile", "DUMPFILE"},
            new String[] {"cpus", "CPUS"}, new String[] {"date", "DATE"}, new String[] {"uptime", "UPTIME"}, new String[] {"tasks", "TASKS"},
            new String[] {"nodename", "NODENAME"}, new String[] {"release", "RELEASE"}, new String[] {"version", "VERSION"},
            new String[] {"machine", "MACHINE"}, new String[] {"memory", "MEMORY"}, new String[] {"panic", "PANIC"}, new String[] {"pid", "PID"},
            new String[] {"command", "COMMAND"}, new String[] {"task", "TASK"}, new String[] {"cpu", "CPU"}, new String[] {"state", "STATE"},
            new String[] {"crash", "CRASH"});

    /** No header in the transcript. */
    public static final Session NONE = new Session(0, Map.of(), Map.of());

    public static Session of(ParsedTranscript parsed) {
        List<SysInfo> headers = parsed.sysInfos().stream().filter(s -> s.kind() != SysInfo.Kind.SET).toList();
        if (headers.isEmpty()) {
            return NONE;
        }
        List<SysInfo> ordered = new java.util.ArrayList<>(headers.stream().filter(s -> s.kind() == SysInfo.Kind.BANNER).toList());
        headers.stream().filter(s -> s.kind() != SysInfo.Kind.BANNER).forEach(ordered::add);
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (String[] key : KEYS) {
            for (SysInfo s : ordered) {
                String v = s.get(key[1]);
                if (v != null) {
                    fields.put(key[0], v);
                    lines.put(key[0], s.lineOf(key[1]));
                    break;
                }
            }
        }
        if (fields.isEmpty()) {
            return NONE;
        }
        return new Session(ordered.get(0).span().first(), java.util.Collections.unmodifiableMap(fields), Map.copyOf(lines));
    }

    public boolean present() {
        return !fields.isEmpty();
    }

    public String get(String key) {
        return fields.get(key);
    }

    /** The line of a value, or 0. */
    public int lineOf(String key) {
        return lines.getOrDefault(key, 0);
    }

    /** The panic string without crash's quotes ({@code Kernel panic - not syncing: sysrq triggered crash}), or {@code null}. */
    public String panic() {
        String p = fields.get("panic");
        if (p == null) {
            return null;
        }
        String s = p.strip();
        int open = s.indexOf('"');
        int close = s.lastIndexOf('"');
        return open >= 0 && close > open ? s.substring(open + 1, close) : s; // crash quotes it; a stray byte before the quote is no part of it
    }

    /** The panic task's PID, or {@code null}. */
    public Long pid() {
        String p = fields.get("pid");
        try {
            return p == null ? null : Long.valueOf(p.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The panic task's command without quotes, or {@code null}. */
    public String command() {
        String c = fields.get("command");
        return c == null ? null : c.strip().replaceAll("^\"|\"$", "");
    }

    /** The panic task's CPU, or {@code null}. */
    public Integer cpu() {
        String c = fields.get("cpu");
        try {
            return c == null ? null : Integer.valueOf(c.strip().split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
