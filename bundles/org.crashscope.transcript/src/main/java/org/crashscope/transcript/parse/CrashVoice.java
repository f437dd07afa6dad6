package org.crashscope.transcript.parse;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Diagnostic;

/**
 * What {@code crash} says about itself in a transcript, as opposed to what it reports of the
 * kernel: its warnings ({@code WARNING: possibly bogus exception frame}, {@code WARNING: active
 * task ... not found in PID hash}), a command's errors ({@code vtop: seek error: ...}, {@code vm:
 * invalid structure member offset: mm_struct_mmap}), the details it adds to them ({@code FILE:
 * memory.c LINE: 4007 FUNCTION: ...}, {@code [/usr/bin/crash] error trace: ...}) and its own death
 * ({@code Segmentation fault (core dumped)}). Such a line is a diagnostic of source {@code crash},
 * never a fact about the kernel.
 */
public final class CrashVoice {

    /** crash's commands (and gdb's, which it passes through) that prefix their errors with their name. */
    private static final Set<String> COMMANDS = Set.of("alias", "ascii", "bpf", "bt", "btop", "dev", "dis", "eval", "exit", "extend", "files",
            "foreach", "fuser", "gdb", "help", "ipcs", "irq", "kmem", "list", "log", "mach", "mod", "mount", "net", "p", "pd", "ps", "pte",
            "ptob", "ptov", "px", "rd", "repeat", "runq", "sbitmapq", "search", "set", "sig", "struct", "swap", "sym", "sys", "task", "timer",
            "tree", "union", "vm", "vtop", "waitq", "whatis", "wr", "crash", "x");

    private static final Pattern PREFIXED = Pattern.compile("^[\\s>]*([a-z][a-z0-9_]{0,11}): (.*?)\\s*$");
    private static final Pattern WARNING = Pattern.compile("^[\\s>]*WARNING: (.*?)\\s*$");
    /** The kernel's own WARNING reports: WARN() splats, lockdep and RCU checks, unwinder complaints. */
    private static final Pattern KERNEL_WARNING = Pattern.compile(
            "^(?:CPU: \\d|at |possible |suspicious |inconsistent |bad unlock|held lock|lock held|nested lock|stack |kernel stack|.*detected!?$)");
    private static final Pattern ERROR_WORDS = Pattern.compile(
            "(?i)\\b(?:warning|invalid|cannot|can't|seek error|read error|error|not found|no such|incorrect|not supported|failed|failure"
                    + "|ambiguous|unknown|not a |excluded|not accessible|unable)\\b");
    private static final Pattern DETAIL = Pattern.compile("^[\\s>]*(?:FILE: \\S+\\s+LINE: \\d+\\s+FUNCTION: \\S+|\\[[^\\]]*crash[^\\]]*\\] error trace: .*)$");
    private static final Pattern DIED = Pattern.compile(
            "^[\\s>]*(Segmentation fault|Aborted|Bus error|Illegal instruction|Floating point exception|Killed)(?: \\(core dumped\\))?\\s*$");
    private static final Pattern STACK_OVERFLOW = Pattern.compile("^[\\s>]*possible stack overflow: .*$");

    private CrashVoice() {
    }

    /**
     * The diagnostic for a line crash printed about itself, or {@code null} when the line is not
     * one. {@code timestamped} says whether the line carries a kernel log timestamp (then a
     * {@code WARNING:} is the kernel's).
     */
    public static Diagnostic of(int lineNo, String line, boolean timestamped) {
        if (timestamped || !candidate(line)) {
            return null;
        }
        Matcher m;
        if ((m = DIED.matcher(line)).matches()) {
            return Diagnostic.crash(lineNo, Diagnostic.Severity.ERROR,
                    "crash itself died here (" + m.group(1) + "): what it printed before may be incomplete, nothing after it is from this run");
        }
        if ((m = WARNING.matcher(line)).matches()) {
            return KERNEL_WARNING.matcher(m.group(1)).lookingAt() ? null
                    : Diagnostic.crash(lineNo, Diagnostic.Severity.WARNING, "crash: WARNING: " + m.group(1));
        }
        if ((m = PREFIXED.matcher(line)).matches() && COMMANDS.contains(m.group(1))) {
            String text = m.group(2);
            Matcher w = WARNING.matcher(text);
            if (w.matches()) {
                return Diagnostic.crash(lineNo, Diagnostic.Severity.WARNING, m.group(1) + ": WARNING: " + w.group(1));
            }
            if (ERROR_WORDS.matcher(text).find()) {
                return Diagnostic.crash(lineNo, Diagnostic.Severity.WARNING, m.group(1) + ": " + text);
            }
            return null;
        }
        if (DETAIL.matcher(line).matches()) {
            return Diagnostic.crash(lineNo, Diagnostic.Severity.INFO, "crash: " + line.strip());
        }
        if (STACK_OVERFLOW.matcher(line).matches()) {
            return Diagnostic.crash(lineNo, Diagnostic.Severity.WARNING, "bt -v: " + line.strip());
        }
        return null;
    }

    /**
     * A cheap test without regular expressions: whether {@link #of} can say anything of a line, so
     * that a ten-million-line dump is not matched line by line.
     */
    static boolean candidate(String line) {
        int i = 0;
        int n = line.length();
        while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t' || line.charAt(i) == '>')) {
            i++;
        }
        if (i == n) {
            return false;
        }
        char c = line.charAt(i);
        if (c >= 'a' && c <= 'z') {
            int j = i;
            while (j < n && j - i <= 12 && (line.charAt(j) >= 'a' && line.charAt(j) <= 'z' || line.charAt(j) >= '0' && line.charAt(j) <= '9'
                    || line.charAt(j) == '_')) {
                j++;
            }
            return j < n && line.charAt(j) == ':' && (COMMANDS.contains(line.substring(i, j)) || line.startsWith("possible stack overflow", i));
        }
        return switch (c) {
            case 'W' -> line.startsWith("WARNING: ", i);
            case 'F' -> line.startsWith("FILE: ", i) || line.startsWith("Floating point exception", i);
            case '[' -> line.indexOf("error trace:", i) > 0;
            case 'S' -> line.startsWith("Segmentation fault", i);
            case 'A' -> line.startsWith("Aborted", i);
            case 'B' -> line.startsWith("Bus error", i);
            case 'I' -> line.startsWith("Illegal instruction", i);
            case 'K' -> line.startsWith("Killed", i);
            default -> false;
        };
    }
}
