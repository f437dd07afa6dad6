package org.crashscope.transcript.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Span;
import org.crashscope.transcript.model.SysInfo;

/**
 * crash's session header: {@code KEY: value} rows (KERNEL, DUMPFILE, CPUS, DATE, UPTIME, RELEASE,
 * VERSION, MACHINE, PANIC, and for the banner and {@code set} PID, COMMAND, TASK, CPU, STATE).
 * The first value of a key wins (the banner can be followed by another header).
 */
final class SysParser {
    private static final Pattern FIELD = Pattern.compile("^[\\s>]*([A-Z][A-Z ]*?[A-Z]):\\s*(.*?)\\s*$");

    private SysParser() {
    }

    static SysInfo parse(String command, BlockText text, SysInfo.Kind kind) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (int i = 0; i < text.size(); i++) {
            Matcher m = FIELD.matcher(text.get(i));
            if (m.matches() && !(i == 0 && text.get(i).contains("crash>")) && !fields.containsKey(m.group(1))) {
                fields.put(m.group(1), m.group(2));
                lines.put(m.group(1), text.lineNo(i));
            }
        }
        return new SysInfo(new Span(text.first(), text.last()), command, kind, Collections.unmodifiableMap(fields), Map.copyOf(lines));
    }
}
