package org.crashscope.library;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Frames as a signature compares them: the function name alone. The offset ({@code +0x24c/0xc50}),
 * the compiler's clones ({@code .isra.0}, {@code .constprop.3}, {@code .cold}, {@code .part.1},
 * {@code .llvm.123}), the module and its version ({@code [kvm]}, {@code [nvidia 535.54]}) and any
 * address are dropped: they change with every build of the same code. A frame that is only an
 * address ({@code 0xffffffffc0a1b2c3}, {@code ??}) names no function and is left out.
 */
public final class Frames {

    private static final Pattern OFFSET = Pattern.compile("\\+0x[0-9a-fA-F]+(?:/0x[0-9a-fA-F]+)?$");
    private static final Pattern CLONE = Pattern.compile("(?:\\.(?:constprop|isra|part|cold|llvm|lto_priv|clone|localalias)(?:\\.\\d+)*)+$");
    private static final Pattern ADDRESS = Pattern.compile("^(?:0x)?[0-9a-fA-F]{8,16}$|^\\?+$");
    private static final Pattern NAME = Pattern.compile("^[A-Za-z_$][\\w$.]*$");

    private Frames() {
    }

    /** The normal form of one frame's function, or {@code null} when it names no function. */
    public static String normal(String function) {
        if (function == null) {
            return null;
        }
        String f = function.strip();
        int bracket = f.indexOf(" [");
        if (bracket < 0) {
            bracket = f.indexOf('[');
        }
        if (bracket > 0) {
            f = f.substring(0, bracket).strip();
        }
        if (f.startsWith("? ")) {
            f = f.substring(2).strip();
        }
        f = OFFSET.matcher(f).replaceAll("");
        int plus = f.indexOf('+');
        if (plus > 0) {
            f = f.substring(0, plus);
        }
        f = CLONE.matcher(f).replaceAll("");
        if (f.isEmpty() || ADDRESS.matcher(f).matches() || !NAME.matcher(f).matches()) {
            return null;
        }
        return f.length() <= 200 ? f : f.substring(0, 200);
    }

    /** The normal forms of frames, innermost first, those that name no function and repeats in a row left out. */
    public static List<String> normal(List<String> functions) {
        List<String> out = new ArrayList<>();
        for (String f : functions) {
            String n = normal(f);
            if (n != null && (out.isEmpty() || !out.get(out.size() - 1).equals(n))) {
                out.add(n);
            }
        }
        return out;
    }
}
