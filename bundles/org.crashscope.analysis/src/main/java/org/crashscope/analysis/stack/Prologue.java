package org.crashscope.analysis.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Disassembly;
import org.crashscope.transcript.parse.ParsedTranscript;

/**
 * What a function's prologue in a {@code dis} of the transcript does to its frame: the registers it
 * pushes, in order, and, for a function compiled with the stack protector, where it stores the canary
 * (read from {@code %gs:0x28}, or {@code %gs:__stack_chk_guard} since 6.2's per-CPU guard), as an
 * offset from the return address's word. The prologue is read up to its first branch, call, pop or
 * other change of the stack pointer: gcc interleaves moves between the pushes.
 *
 * @param line         the line of the first push
 * @param canaryOffset the canary's word relative to the return address's (negative), or {@code null}
 * @param canaryLine   the line of the instruction that stores it, or -1
 */
record Prologue(int line, List<String> pushes, Long canaryOffset, int canaryLine) {

    private static final Pattern PUSH = Pattern.compile("^push[ql]?\\s+%?([re]\\w+)$");
    private static final Pattern SUB_RSP = Pattern.compile("^sub[q]?\\s+\\$(0x[0-9a-f]+|\\d+),%rsp$");
    private static final Pattern GUARD = Pattern.compile("^mov[q]?\\s+%gs:(?:0x28|\\S*__stack_chk_guard\\S*),%(\\w+)$");
    private static final Pattern STORE = Pattern.compile("^mov[q]?\\s+%(\\w+),(-?0x[0-9a-f]+|-?\\d+)?\\(%(rsp|rbp)\\)$");

    /** The prologue of a function in the transcript's disassembly, or {@code null} when it shows none. */
    static Prologue of(ParsedTranscript parsed, String function) {
        for (Disassembly dis : parsed.disassemblies()) {
            Prologue p = read(dis, function);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static Prologue read(Disassembly dis, String function) {
        List<String> pushes = new ArrayList<>();
        int line = -1;
        long sub = 0;
        Integer framePointerPushes = null;
        String guardRegister = null;
        Long canary = null;
        int canaryLine = -1;
        boolean first = true;
        for (Disassembly.Instruction insn : dis.instructions()) {
            if (insn.symbol() == null || !insn.symbol().name().equals(function) || first && insn.symbol().offset() != 0) {
                break;
            }
            first = false;
            String text = insn.text().replaceAll("\\s+", " ").replaceAll(" \\[FTRACE NOP\\]$", "").strip();
            Matcher m;
            if ((m = PUSH.matcher(text)).matches()) {
                if (sub != 0) {
                    break;
                }
                pushes.add(m.group(1));
                line = line < 0 ? insn.line() : line;
            } else if (text.equals("mov %rsp,%rbp")) {
                framePointerPushes = pushes.size();
            } else if ((m = SUB_RSP.matcher(text)).matches()) {
                sub += Long.decode(m.group(1));
            } else if ((m = GUARD.matcher(text)).matches()) {
                guardRegister = m.group(1);
            } else if (guardRegister != null && (m = STORE.matcher(text)).matches() && m.group(1).equals(guardRegister)) {
                long disp = m.group(2) == null ? 0 : Long.decode(m.group(2));
                if (m.group(3).equals("rsp")) {
                    canary = -8L * pushes.size() - sub + disp;
                } else if (framePointerPushes != null) {
                    canary = -8L * framePointerPushes + disp;
                }
                canaryLine = canary == null ? -1 : insn.line();
                break;
            } else if (!isFiller(text)) {
                if (text.startsWith("j") || text.startsWith("call") || text.startsWith("ret") || text.startsWith("pop") || text.endsWith("%rsp")
                        || text.startsWith("leave")) {
                    break;
                }
                if (guardRegister == null && pushes.isEmpty()) {
                    break; // not a prologue that pushes: nothing to read
                }
            }
        }
        return pushes.isEmpty() && canary == null ? null : new Prologue(line, List.copyOf(pushes), canary, canaryLine);
    }

    /** Instructions a prologue may have before its pushes: ftrace NOPs, the fentry call. */
    private static boolean isFiller(String text) {
        return text.startsWith("nop") || text.startsWith("xchg %ax,%ax") || text.startsWith("data16") || text.startsWith("endbr64")
                || text.startsWith("call") && text.contains("fentry");
    }
}
