package org.crashscope.transcript.parse;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Register rows as bt and oopses print them, on every architecture crash supports: x86-64
 * {@code RAX: 00007f1148cdffff  RBX: 000f98136ffff230}, {@code RSP: 0018:ffffaaab26b3f970},
 * {@code FS:  00007f12537fe700(0000)}, {@code R08:} / {@code R8:}; i386 {@code EAX: 00000078  DS:  002b};
 * arm64 {@code x29: ffff80000a5c3c40 x28: ...}, {@code pc : ...}; riscv {@code epc : ... ra : ...};
 * ppc64 {@code R0:  c000000001023de0}, {@code NIP: ...  MSR: ...}; loongarch {@code era: ...}. Names
 * are kept in lower case; which architecture they belong to is the analysis's business.
 */
final class RegisterRows {
    private static final Pattern ROW_START = Pattern.compile("^[\\s>]*\\$?([A-Za-z][A-Za-z0-9_]{0,8}) ?:\\s");
    private static final Pattern PAIR = Pattern.compile("(?<![\\w$])\\$?([A-Za-z][A-Za-z0-9_]{0,8}) ?:\\s*(?:([0-9a-fA-F]{4}):(?=[0-9a-fA-F]{5,}))?"
            + "([0-9a-fA-F]{1,16})(?:\\([0-9a-fA-F]+\\))?(?:\\s+\\[<?([^\\]\\s>]+)>?\\])?(?=\\s|$)");
    private static final Pattern REGISTER = Pattern.compile(
            // x86-64 and i386
            "r[a-ds][xip]|rip|r[sd]i|r[sb]p|r\\d{1,2}|[re]?flags|eflags|rflags|orig_[re]ax|cs|ss|ds|es|fs|gs|knlgs|cr\\d|dr\\d|pkru|err"
                    + "|e[a-ds]x|e[sd]i|e[sb]p|eip|esp"
                    // arm64, riscv, loongarch, mips
                    + "|x\\d{1,2}|pc|lr|sp|fp|pstate|orig_x0|syscallno|ra|gp|tp|t[0-6]|s\\d{1,2}|a[0-7]|epc|sepc|status|sstatus|badaddr|stval|cause|scause"
                    + "|orig_a0|era|badv|crmd|prmd|euen|ecfg|estat|hi|lo"
                    // ppc64
                    + "|nip|msr|or3|ctr|xer|ccr|mq|dar|dsisr|softe|trap|cfar|iamr|amr");

    private RegisterRows() {
    }

    /**
     * Adds the registers of {@code line} to {@code into}. Returns {@code null} (adding nothing) when
     * the line is not a row of registers; else the symbol crash printed beside the program counter
     * ({@code PC: ffffffff8006462e  [__handle_irq_event_percpu+30]}), or the empty string.
     */
    static String parse(String line, Map<String, Long> into) {
        if (!ROW_START.matcher(line).find()) {
            return null;
        }
        Matcher m = PAIR.matcher(line);
        int pairs = 0;
        int covered = 0;
        String pcSymbol = "";
        Map<String, Long> found = new LinkedHashMap<>();
        while (m.find()) {
            String name = normalize(m.group(1));
            if (!REGISTER.matcher(name).matches()) {
                return null;
            }
            Long value = Hex.parse(m.group(3));
            if (value == null) {
                return null;
            }
            found.put(name, value);
            if (m.group(2) != null && (name.equals("rsp") || name.equals("rip") || name.equals("esp"))) {
                found.put(name.equals("rsp") || name.equals("esp") ? "ss" : "cs", Hex.parse(m.group(2)));
            }
            if (m.group(4) != null && (name.equals("pc") || name.equals("epc") || name.equals("nip") || name.equals("era") || name.equals("rip"))) {
                pcSymbol = m.group(4);
            }
            pairs++;
            covered += m.end() - m.start();
        }
        if (pairs == 0 || covered < Words.collapsedLength(line) / 2) {
            return null;
        }
        into.putAll(found);
        return pcSymbol;
    }

    /** The variant the oops parser uses: whether the line was a register row. */
    static boolean parseInto(String line, Map<String, Long> into) {
        return parse(line, into) != null;
    }

    static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.length() == 3 && n.charAt(0) == 'r' && n.charAt(1) == '0' && (n.charAt(2) == '8' || n.charAt(2) == '9')) {
            return "r" + n.charAt(2);
        }
        return n;
    }

    /**
     * Whether a register set was taken in user mode, by what each architecture records of it: the
     * x86 CS privilege level (or, without CS, an x86-64 RIP below the user/kernel split), the arm64
     * PSTATE exception level, the ppc64 MSR problem-state bit, the riscv SPP bit of status.
     */
    static boolean userMode(Map<String, Long> registers) {
        Long cs = registers.get("cs");
        if (cs != null) {
            return (cs & 3) == 3;
        }
        Long rip = registers.get("rip");
        if (rip != null) {
            return Long.compareUnsigned(rip, 0x0000800000000000L) < 0;
        }
        Long pstate = registers.get("pstate");
        if (pstate != null) {
            return (pstate & 0xc) == 0;
        }
        Long msr = registers.get("msr");
        if (msr != null && registers.containsKey("nip")) {
            return (msr & (1L << 14)) != 0;
        }
        Long status = registers.containsKey("sstatus") ? registers.get("sstatus") : registers.get("status");
        if (status != null && (registers.containsKey("epc") || registers.containsKey("sepc"))) {
            return (status & (1L << 8)) == 0;
        }
        return false;
    }
}
