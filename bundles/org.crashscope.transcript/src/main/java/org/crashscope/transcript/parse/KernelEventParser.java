package org.crashscope.transcript.parse;

import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.KernelEvent;
import org.crashscope.transcript.model.ParsedRecord;
import org.crashscope.transcript.model.Span;

/**
 * Single kernel log lines that are evidence: mm/memory-failure.c's soft-offline and memory-failure
 * reports (with the page frame and the process virtual address they name), EDAC's corrected and
 * uncorrected errors, a deliberate crash (sysrq, lkdtm) and the OOM killer's choice.
 */
final class KernelEventParser {
    /**
     * A line's form; {@code prefix} is the text its pattern starts with, before any of the pattern's
     * own syntax: a message that does not start so is not tried (a gigabyte log has tens of thousands
     * of EDAC lines, and each tried the five forms above EDAC's).
     */
    private record Form(Pattern pattern, KernelEvent.Kind kind, int pfn, int virtual, int result, String prefix) {
        Form(Pattern pattern, KernelEvent.Kind kind, int pfn, int virtual, int result) {
            this(pattern, kind, pfn, virtual, result, literalPrefix(pattern.pattern()));
        }
    }

    /**
     * The literal text after a pattern's {@code ^}, up to its first metacharacter; without the last
     * character when a quantifier that allows none of it follows ({@code ^SysRq ?:} starts "SysRq").
     */
    static String literalPrefix(String regex) {
        if (!regex.startsWith("^")) {
            return "";
        }
        int end = 1;
        while (end < regex.length() && "\\[](){}.*+?^$|".indexOf(regex.charAt(end)) < 0) {
            end++;
        }
        if (end < regex.length() && "?*{".indexOf(regex.charAt(end)) >= 0) {
            end = Math.max(1, end - 1);
        }
        return regex.substring(1, end);
    }

    private static final String HEX = "(0x[0-9a-fA-F]{1,16}|[0-9a-fA-F]{1,16})";
    private static final List<Form> FORMS = List.of(
            new Form(Pattern.compile("^Soft offlining pfn " + HEX + " at process virtual address " + HEX + ".*$"), KernelEvent.Kind.SOFT_OFFLINE, 1, 2, 0),
            new Form(Pattern.compile("^soft[ _]offline: " + HEX + ":?\\s*(.*)$"), KernelEvent.Kind.SOFT_OFFLINE_FAILED, 1, 0, 2),
            new Form(Pattern.compile("^Memory failure: " + HEX + ": recovery action for .*: (\\w+)\\s*$"), KernelEvent.Kind.MEMORY_FAILURE, 1, 0, 2),
            new Form(Pattern.compile("^Memory failure: " + HEX + ":?\\s*(.*)$"), KernelEvent.Kind.MEMORY_FAILURE, 1, 0, 2),
            new Form(Pattern.compile("^Injecting memory failure for pfn " + HEX + " at process virtual address " + HEX + ".*$"),
                    KernelEvent.Kind.INJECTED_MEMORY_FAILURE, 1, 2, 0),
            new Form(Pattern.compile("^EDAC \\S+: \\d+ CE .*?page[: ]\\s*" + HEX + ".*$"), KernelEvent.Kind.EDAC_CORRECTED, 1, 0, 0),
            new Form(Pattern.compile("^EDAC \\S+: \\d+ UE .*?page[: ]\\s*" + HEX + ".*$"), KernelEvent.Kind.EDAC_UNCORRECTED, 1, 0, 0),
            new Form(Pattern.compile("^EDAC \\S+: \\d+ CE .*$"), KernelEvent.Kind.EDAC_CORRECTED, 0, 0, 0),
            new Form(Pattern.compile("^EDAC \\S+: \\d+ UE .*$"), KernelEvent.Kind.EDAC_UNCORRECTED, 0, 0, 0),
            new Form(Pattern.compile("^(?:sysrq|SysRq) ?: Trigger a crash.*$"), KernelEvent.Kind.SYSRQ_CRASH, 0, 0, 0),
            new Form(Pattern.compile("^lkdtm: Performing direct entry (\\S+).*$"), KernelEvent.Kind.LKDTM, 0, 0, 1),
            new Form(Pattern.compile("^(?:Memory cgroup out|Out) of memory.*?: Kill(?:ed)? process (\\d+) \\((.*?)\\).*$"), KernelEvent.Kind.OOM_KILL, 0, 0, 2));
    private static final Pattern CHEAP = Pattern.compile("^(?:Soft offlining|soft[ _]offline: |Memory failure: |Injecting memory failure|EDAC |sysrq: |SysRq : "
            + "|lkdtm: |Out of memory|Memory cgroup out of memory)");

    private KernelEventParser() {
    }

    static boolean matches(String message) {
        return CHEAP.matcher(message).lookingAt();
    }

    static int parse(Span span, int start, LogLine first, IntFunction<String> lines, List<ParsedRecord> out) {
        String message = first.message().strip();
        for (Form f : FORMS) {
            if (!message.startsWith(f.prefix())) {
                continue;
            }
            Matcher m = f.pattern().matcher(message);
            if (m.matches()) {
                out.add(new KernelEvent(Span.line(start), first.timestamp(), f.kind(), f.pfn() == 0 ? null : Hex.parse(m.group(f.pfn())),
                        f.virtual() == 0 ? null : Hex.parse(m.group(f.virtual())), f.result() == 0 ? null : m.group(f.result()).strip(), message));
                break;
            }
        }
        return start;
    }
}
