package org.crashscope.transcript.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Span;
import org.crashscope.transcript.model.SysInfo;

/** {@code sys}: {@code KEY: value} rows (KERNEL, DUMPFILE, CPUS, DATE, UPTIME, RELEASE, VERSION, MACHINE, PANIC ...). */
final class SysParser {
    private static final Pattern FIELD = Pattern.compile("^\\s*([A-Z][A-Z ]*?[A-Z]):\\s*(.*?)\\s*$");

    private SysParser() {
    }

    static SysInfo parse(String command, BlockText text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < text.size(); i++) {
            Matcher m = FIELD.matcher(text.get(i));
            if (m.matches() && !(i == 0 && text.get(i).contains("crash>"))) {
                fields.putIfAbsent(m.group(1), m.group(2));
            }
        }
        return new SysInfo(new Span(text.first(), text.last()), command, fields);
    }
}
