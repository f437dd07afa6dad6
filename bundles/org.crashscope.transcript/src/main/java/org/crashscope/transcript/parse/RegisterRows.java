package org.crashscope.transcript.parse;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Register rows as bt and oopses print them: {@code RAX: 00007f1148cdffff  RBX: 000f98136ffff230},
 * {@code RSP: 0018:ffffaaab26b3f970}, {@code FS:  00007f12537fe700(0000) GS:...}, {@code R08:} / {@code R8:}.
 */
final class RegisterRows {
    private static final Pattern ROW_START = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9_]{1,8}):\\s");
    private static final Pattern PAIR = Pattern.compile("(?<![\\w])([A-Za-z][A-Za-z0-9_]{1,8}):\\s*(?:([0-9a-fA-F]{4}):(?=[0-9a-fA-F]{5,}))?([0-9a-fA-F]{1,16})(?:\\([0-9a-fA-F]+\\))?(?=\\s|$)");

    private RegisterRows() {
    }

    /**
     * Adds the registers of {@code line} to {@code into}; returns false (adding nothing) when the
     * line is not a row of registers.
     */
    static boolean parse(String line, Map<String, Long> into) {
        if (!ROW_START.matcher(line).find()) {
            return false;
        }
        Matcher m = PAIR.matcher(line);
        int pairs = 0;
        int covered = 0;
        java.util.LinkedHashMap<String, Long> found = new java.util.LinkedHashMap<>();
        while (m.find()) {
            String name = normalize(m.group(1));
            if (!isRegister(name)) {
                return false;
            }
            Long value = Hex.parse(m.group(3));
            if (value == null) {
                return false;
            }
            found.put(name, value);
            if (m.group(2) != null && (name.equals("rsp") || name.equals("rip") || name.equals("esp"))) {
                found.put(name.equals("rsp") || name.equals("esp") ? "ss" : "cs", Hex.parse(m.group(2)));
            }
            pairs++;
            covered += m.end() - m.start();
        }
        if (pairs == 0 || covered < line.strip().replaceAll("\\s+", " ").length() / 2) {
            return false;
        }
        into.putAll(found);
        return true;
    }

    static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.matches("r0[89]")) {
            return "r" + n.charAt(2);
        }
        return n;
    }

    private static boolean isRegister(String n) {
        return n.matches("r[a-ds][xip]|r[sd]i|r[sb]p|r\\d{1,2}|[re]?flags|eflags|rflags|orig_[re]ax|cs|ss|ds|es|fs|gs|knlgs|cr\\d|dr\\d|pkru"
                + "|e[a-ds]x|e[sd]i|e[sb]p|eip|esp");
    }
}
