package org.crashscope.transcript;

/**
 * Text from a dump or a transcript made safe for a terminal. A task name or a log line of a
 * crashed (maybe compromised) machine can hold escape sequences: {@code ESC[2J} clears the
 * analyst's screen, OSC 52 writes their clipboard, others retitle the window or fake output. What
 * reaches a terminal shows such characters as visible escapes instead ({@code \x1b}, {@code \x9b},
 * {@code \u202e}), so nothing is lost and nothing is executed: the C0 controls but TAB and newline,
 * DEL, the C1 controls and the Unicode controls that reorder or hide text (bidi overrides and
 * isolates, zero-width and line/paragraph separators).
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** {@code text} with every control character but TAB and newline shown as an escape. */
    public static String safe(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !unsafe(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text; // the common case costs one scan
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unsafe(c)) {
                out.append(c);
            } else if (c < 0x100) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    /**
     * JSON with the characters a terminal would act on that JSON writers leave as they are (the C1
     * controls, bidi overrides; Gson escapes only C0) written as {@code \\uXXXX}: the same JSON to a
     * parser, inert on a terminal. Such characters only occur inside JSON strings, where the escape means them.
     */
    public static String json(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (unsafe(c) && c != '\r') {
                if (out == null) {
                    out = new StringBuilder(json.length() + 64).append(json, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? json : out.toString();
    }

    /** Whether {@code c} must not reach a terminal as it is. */
    public static boolean unsafe(char c) {
        if (c < 0x20) {
            return c != '\t' && c != '\n';
        }
        if (c < 0x7f) {
            return false;
        }
        return c <= 0x9f // DEL and C1 (0x9b is a one-byte CSI)
                || c == 0x061c || c == 0x200b || c == 0x200e || c == 0x200f || c >= 0x2028 && c <= 0x202e || c >= 0x2066 && c <= 0x2069
                || c == 0xfeff;
    }
}
