package org.crashscope.analysis.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.Frame;
import org.crashscope.transcript.model.KernelEvent;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.analysis.Session;
import org.crashscope.analysis.reports.ReportReader;

/**
 * What kind of crash a report is, with a title in the style of syzkaller's crash titles
 * ({@code general protection fault in gup_pgd_range}, {@code BUG: soft lockup in ck_spin},
 * {@code INFO: task hung in rwsem_down_write_slowpath}), the guilty frame (helpers of panic, oops,
 * printk, locking, scheduling and warnings skipped, compiler suffixes such as {@code .constprop.0}
 * dropped) and whether it was deliberate (asked for with sysrq or lkdtm; a watchdog, a WARN under
 * panic_on_warn or a BUG never is).
 *
 * @param line        the report's line (an oops's message, or crash's PANIC line)
 * @param guiltyFrame the function to blame, or {@code null} when no frame shows it
 * @param evidence    why this kind and this frame, in words
 * @param oops        the log report it comes from, or {@code null} (crash's session header only)
 * @param lines       the lines that support it
 * @param altTitles   other titles the same bug is known by (syzkaller's {@code bad-access in X}, {@code stall in X}), possibly empty
 */
public record CrashReport(int line, CrashKind kind, String title, String guiltyFrame, boolean deliberate, String evidence, Oops oops,
        List<Integer> lines, List<String> altTitles) {

    /** Slab poison bytes: freed objects (0x6b), never-initialised red zones (0xa5/0x5a). */
    private static final long[] POISONS = {0x6b6b6b6b6b6b6b6bL, 0x5a5a5a5a5a5a5a5aL, 0xa5a5a5a5a5a5a5a5L};
    /** LIST_POISON1 and 2 of x86-64 (POISON_POINTER_DELTA 0xdead000000000000). */
    public static final long LIST_POISON1 = 0xdead000000000100L;
    public static final long LIST_POISON2 = 0xdead000000000122L;

    private static final Pattern SUFFIX = Pattern.compile("(?:\\.(?:constprop|isra|part|cold|llvm|lto_priv|clone)(?:\\.\\d+)?)+$");
    /** Frames that report, print, lock, schedule or trap: never the culprit (after syzkaller's skip lists). */
    private static final Pattern SKIP = Pattern.compile("^(?:panic|nmi_panic|vpanic|__warn|warn_slowpath.*|report_bug|handle_bug|exc_invalid_op|asm_exc_.*"
            + "|exc_.*|do_error_trap|do_trap|die|__die|die_body|oops_end|page_fault_oops|no_context|__bad_area.*|bad_area.*|do_user_addr_fault"
            + "|kernelmode_fixup_or_oops|do_kern_addr_fault|__do_page_fault|do_page_fault|dump_stack.*|show_stack|show_regs|show_trace_log_lvl"
            + "|printk.*|vprintk.*|_printk|__schedule|schedule.*|io_schedule.*|preempt_schedule.*|__mutex_lock.*|mutex_lock.*|mutex_unlock.*"
            + "|rwsem_.*|down_.*|__down.*|up_.*|_raw_spin_.*|_raw_read_.*|_raw_write_.*|spin_.*|queued_.*lock.*|native_queued_spin_lock_slowpath"
            + "|do_raw_spin_.*|lock_acquire|lock_release|__lock_acquire|__list_del_entry_valid.*|__list_add_valid.*|__list_del_entry.*"
            + "|kasan_.*|__kasan_.*|check_memory_region.*|memcpy.*|memmove|memset.*|strlen|strcmp|strncmp|watchdog_timer_fn|__hrtimer_run_queues"
            + "|hrtimer_interrupt|__sysvec_apic_timer_interrupt|sysvec_.*|asm_sysvec_.*|irq_exit.*|__irq_exit_rcu|__do_softirq|do_softirq.*"
            + "|smp_call_function.*|entry_SYSCALL.*|do_syscall_64|x64_sys_call|__x64_sys_.*|__se_sys_.*|__do_sys_.*|ret_from_fork.*|kthread"
            + "|native_safe_halt|default_idle.*|arch_cpu_idle|cpu_idle.*|do_idle|cpu_startup_entry|sysrq_handle_crash|__handle_sysrq.*"
            + "|write_sysrq_trigger|machine_kexec|__crash_kexec|crash_kexec|bug_handler|ud2|__bug_table|wait_for_completion.*|__wait_for_common"
            + "|schedule_timeout.*|wait_woken|do_wait.*|__cond_resched|cpu_relax|rep_nop|delay_tsc|__const_udelay|__udelay|mdelay)$");

    private static final ReportReader READER = ReportReader.linux();
    private static final Pattern OOPS_CODE = Pattern.compile("^Oops: [0-9a-f]{4} .*");
    private static final Pattern CORRUPTED_IN = Pattern.compile("corrupted in: ([A-Za-z_][\\w.]*)");
    private static final Pattern NULL_DEREF = Pattern.compile("(?i)^(BUG: (kernel|unable to handle kernel) NULL pointer dereference|Unable to handle kernel NULL pointer dereference).*");
    private static final Pattern PAGE_FAULT = Pattern.compile("(?i)^(BUG: unable to handle (page fault|kernel paging request)|Unable to handle kernel paging request).*");
    private static final Pattern KERNEL_BUG = Pattern.compile("^kernel BUG at (\\S+)!");
    private static final Pattern WARNING = Pattern.compile("^WARNING: (?:CPU: \\d+ PID: \\d+ )?at (\\S+)(?: (\\S+))?");
    private static final Pattern HARD_LOCKUP = Pattern.compile("(?i)(Watchdog detected hard LOCKUP|not syncing: Hard LOCKUP)");
    private static final Pattern HUNG = Pattern.compile("^INFO: task (.+):(\\d+) blocked for more than \\d+ seconds");
    private static final Pattern OOM = Pattern.compile("(?i)(out of memory|oom-killer|System is deadlocked on memory)");
    private static final Pattern MCE = Pattern.compile("(?i)(fatal machine check|machine check exception|Machine check:)");
    private static final Pattern STACK = Pattern.compile("(?i)(kernel stack overflow|stack guard page was hit|stack-protector|Kernel stack is corrupted|corrupted stack end)");
    private static final Pattern ADDRESS = Pattern.compile("(?:address:? |address 0x|paging request at |dereference at |at virtual address )(?:0x)?([0-9a-fA-F]{4,16})");

    /** The report of every oops, in order. */
    public static List<CrashReport> ofOopses(ParsedTranscript parsed) {
        Context context = new Context(parsed, Session.of(parsed));
        List<CrashReport> out = new ArrayList<>();
        for (Oops o : parsed.oopses()) {
            out.add(fromText(o.message(), o.line(), o, context));
        }
        return List.copyOf(out);
    }

    /** What every report of one transcript shares, read once: a log of thousands of reports costs one pass, not one per report. */
    private static final class Context {
        final ParsedTranscript parsed;
        final Session session;
        final KernelEvent sysrq;
        final KernelEvent lkdtm;
        private java.util.Map<Long, Backtrace> byPid;

        Context(ParsedTranscript parsed, Session session) {
            this.parsed = parsed;
            this.session = session;
            KernelEvent sysrq = null;
            KernelEvent lkdtm = null;
            for (KernelEvent e : parsed.kernelEvents()) {
                if (e.kind() == KernelEvent.Kind.SYSRQ_CRASH && sysrq == null) {
                    sysrq = e;
                } else if (e.kind() == KernelEvent.Kind.LKDTM && lkdtm == null) {
                    lkdtm = e;
                }
            }
            this.sysrq = sysrq;
            this.lkdtm = lkdtm;
        }

        /** The first backtrace of each task. */
        Backtrace backtraceOf(long pid) {
            if (byPid == null) {
                byPid = new java.util.HashMap<>();
                for (Backtrace bt : parsed.backtraces()) {
                    if (bt.task() != null) {
                        byPid.putIfAbsent(bt.task().pid(), bt);
                    }
                }
            }
            return byPid.get(pid);
        }
    }

    /**
     * The crash that ended the session: the first report that is not itself a panic message, before
     * the first panic (the cause the panic reports); else the panic; else crash's PANIC line; or
     * {@code null} when the transcript shows none.
     */
    public static CrashReport ofSession(ParsedTranscript parsed, Session session, List<CrashReport> reports) {
        CrashReport panic = reports.stream().filter(r -> r.oops().message().startsWith("Kernel panic")).findFirst().orElse(null);
        int until = panic == null ? Integer.MAX_VALUE : panic.line();
        Context context = new Context(parsed, session);
        // an OOM kill the kernel survived is no crash: a later report before the panic leads; the OOM only when none does and it
        // names a kernel function whose allocation invoked the killer (a user page fault's does not: the panic says more)
        for (boolean oom : new boolean[] {false, true}) {
            for (CrashReport r : reports) {
                if (r.line() < until && r.kind() != CrashKind.PANIC && r.kind() != CrashKind.UNKNOWN
                        && (r.kind() != CrashKind.OUT_OF_MEMORY || oom && r.guiltyFrame() != null)) {
                    return r.deliberate() || !deliberate(context) ? r : withDeliberate(r, context);
                }
            }
        }
        if (panic != null) {
            return panic;
        }
        if (!reports.isEmpty()) {
            return reports.get(reports.size() - 1);
        }
        if (session.panic() != null) {
            return fromText(session.panic(), session.lineOf("panic"), null, context);
        }
        return null;
    }

    private static CrashReport withDeliberate(CrashReport r, Context context) {
        return new CrashReport(r.line, r.kind, r.title, r.guiltyFrame, true, r.evidence + "; " + deliberateWhy(context), r.oops, r.lines, r.altTitles);
    }

    private static CrashReport fromText(String message, int line, Oops o, Context context) {
        String m = message.startsWith("Oops: ") && !OOPS_CODE.matcher(message).matches() ? message.substring(6) : message;
        List<String> frames = frames(o, context);
        String guilty = guilty(o, frames);
        List<Integer> lines = new ArrayList<>(List.of(line));
        CrashKind kind;
        String title;
        String why = "the report says \"" + firstWords(m) + "\"";
        Matcher x;
        Long address = reportedAddress(m, o);
        if (m.startsWith("Kernel panic - not syncing: ") || m.startsWith("Kernel panic: ")) {
            // the panic names the failure class it ends, never a culprit: its trace is the reporter's (khungtaskd, the watchdog)
            String reason = m.substring(m.indexOf(':', 13) + 1).strip();
            kind = panicKind(reason);
            Matcher in = CORRUPTED_IN.matcher(reason);
            guilty = kind == CrashKind.STACK_OVERFLOW && in.find() ? clean(in.group(1)) : null;
            title = "kernel panic: " + reason;
        } else if (m.startsWith("BUG: KASAN: ") && (m.contains("use-after-free") || m.contains("double-free"))) {
            kind = CrashKind.USE_AFTER_FREE;
            title = "KASAN: " + m.substring(12).replaceAll(" in \\S+.*$", "").strip() + in(guilty);
        } else if (NULL_DEREF.matcher(m).matches()) {
            kind = CrashKind.NULL_POINTER_DEREFERENCE;
            title = "BUG: kernel NULL pointer dereference" + in(guilty);
        } else if (PAGE_FAULT.matcher(m).matches()) {
            kind = poisoned(address) ? CrashKind.USE_AFTER_FREE : address != null && Long.compareUnsigned(address, 4096) < 0 ? CrashKind.NULL_POINTER_DEREFERENCE
                    : CrashKind.PAGE_FAULT;
            title = kind == CrashKind.USE_AFTER_FREE ? "use-after-free" + in(guilty) : kind == CrashKind.NULL_POINTER_DEREFERENCE
                    ? "BUG: kernel NULL pointer dereference" + in(guilty) : "BUG: unable to handle kernel paging request" + in(guilty);
            if (kind != CrashKind.PAGE_FAULT) {
                why += String.format("; the address 0x%x is %s", address, kind == CrashKind.USE_AFTER_FREE ? "slab poison" : "in the first page");
            }
        } else if (m.startsWith("general protection fault")) {
            kind = poisoned(address) ? CrashKind.USE_AFTER_FREE : CrashKind.GENERAL_PROTECTION_FAULT;
            title = (kind == CrashKind.USE_AFTER_FREE ? "use-after-free" : "general protection fault") + in(guilty);
            if (kind == CrashKind.USE_AFTER_FREE) {
                why += String.format("; the non-canonical address 0x%x is slab poison: a freed object was used", address);
            } else if (listPoison(address)) {
                why += String.format("; the address 0x%x is LIST_POISON%s: a list entry used after list_del", address, (address & 0xfff) >= 0x122 ? "2" : "1");
            }
        } else if ((x = KERNEL_BUG.matcher(m)).find() || m.startsWith("list_del corruption") || m.startsWith("list_add corruption")) {
            kind = CrashKind.BUG;
            boolean list = m.startsWith("list_") || frames.stream().anyMatch(f -> f.startsWith("__list_del_entry_valid") || f.startsWith("__list_add_valid"));
            title = (list ? "BUG: corrupted list" : "kernel BUG") + in(guilty);
        } else if ((x = WARNING.matcher(m)).find()) {
            kind = CrashKind.WARNING;
            String fn = x.group(2) == null ? null : clean(x.group(2).replaceAll("\\+0x.*$", ""));
            guilty = fn != null && !SKIP.matcher(fn).matches() ? fn : guilty;
            title = "WARNING" + in(guilty);
        } else if (m.contains("BUG: soft lockup")) {
            kind = CrashKind.SOFT_LOCKUP;
            title = "BUG: soft lockup" + in(guilty);
        } else if (HARD_LOCKUP.matcher(m).find()) {
            kind = CrashKind.HARD_LOCKUP;
            title = "hard lockup" + in(guilty);
        } else if ((x = HUNG.matcher(m)).find() || m.contains("hung_task: blocked tasks")) {
            kind = CrashKind.HUNG_TASK;
            List<String> blocked = blockedFrames(context, x.find(0) ? x.group(2) : null, o);
            String g = blocked.stream().map(CrashReport::clean).filter(f -> !SKIP.matcher(f).matches()).findFirst().orElse(null);
            guilty = g != null ? g : m.contains("hung_task") ? null : guilty;
            title = "INFO: task hung" + in(guilty);
        } else if (OOM.matcher(m).find()) {
            kind = CrashKind.OUT_OF_MEMORY;
            title = "out of memory";
            guilty = null;
        } else if (MCE.matcher(m).find()) {
            kind = CrashKind.MACHINE_CHECK;
            title = "machine check" + (m.contains("not syncing: ") ? ": " + m.substring(m.indexOf("not syncing: ") + 13) : "");
            guilty = null;
        } else if (m.startsWith("double fault")) {
            kind = CrashKind.DOUBLE_FAULT;
            title = "double fault" + in(guilty);
        } else if (STACK.matcher(m).find()) {
            kind = CrashKind.STACK_OVERFLOW;
            title = "kernel stack overflow" + in(guilty);
        } else if (m.startsWith("divide error")) {
            kind = CrashKind.DIVIDE_ERROR;
            title = "divide error" + in(guilty);
        } else if (m.startsWith("SysRq") || m.startsWith("sysrq")) {
            kind = CrashKind.SYSRQ;
            title = "kernel panic: sysrq triggered crash";
            guilty = null;
        } else if (m.startsWith("Kernel panic") || m.startsWith("panic")) {
            kind = CrashKind.PANIC;
            title = "kernel panic: " + m;
            guilty = null;
        } else {
            kind = CrashKind.UNKNOWN;
            title = firstWords(m) + in(guilty);
        }
        ReportReader.Reading reading = o == null ? null : READER.read(o.body());
        if (reading != null && reading.kind() != null) {
            boolean panicKnown = m.startsWith("Kernel panic") && kind != CrashKind.PANIC && kind != CrashKind.UNKNOWN
                    && reading.kind() == CrashKind.PANIC;
            boolean refined = kind == CrashKind.USE_AFTER_FREE && !m.startsWith("BUG: KASAN") || kind == CrashKind.NULL_POINTER_DEREFERENCE;
            if (!panicKnown && !refined) {
                kind = reading.kind();
            }
            title = reading.title();
            boolean printedFrames = !o.callTrace().isEmpty() || o.rip() != null || reading.guilty() != null;
            guilty = printedFrames ? reading.guilty() : guilty;
            if (reading.guilty() != null) {
                why += "; blamed on " + reading.guilty() + (reading.guiltyRaw().equals(reading.guilty()) ? "" : " (" + reading.guiltyRaw() + ")")
                        + " at line " + reading.guiltyLine() + (reading.stalledIn() == null ? "" : ", where the CPU looped; the title names "
                                + reading.stalledIn() + ", the work it stalled in (the frame above its first dispatcher)")
                        + (reading.unreliable() ? ", the first return address on the stack: the unwinder marked it '?' (it could not start from a RIP"
                                + " outside kernel text), and no frame it vouches for was printed" : "")
                        + passedOver(reading.skipped());
            }
            if (reading.guiltyLine() > 0) {
                lines.add(reading.guiltyLine());
            }
        }
        String lkdtm = lkdtm(context, frames);
        boolean deliberate = kind == CrashKind.SYSRQ || lkdtm != null;
        if (deliberate && kind != CrashKind.SYSRQ) {
            why += "; " + lkdtm;
        } else if (kind == CrashKind.SYSRQ) {
            why += "; " + deliberateWhy(context);
        }
        if (guilty != null && (reading == null || reading.guilty() == null)) {
            why += "; blamed on " + guilty + " (the first frame that is not a reporting, locking or scheduling helper)";
        }
        return new CrashReport(line, kind, title, guilty, deliberate, why, o, List.copyOf(lines), reading == null ? List.of() : reading.altTitles());
    }

    /**
     * The failure class a panic string names ({@code hung_task: blocked tasks}, {@code softlockup: hung tasks},
     * {@code Fatal machine check}, {@code sysrq triggered crash}), else {@link CrashKind#PANIC}.
     */
    static CrashKind panicKind(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.startsWith("sysrq triggered crash")) {
            return CrashKind.SYSRQ;
        } else if (r.startsWith("hung_task")) {
            return CrashKind.HUNG_TASK;
        } else if (r.startsWith("softlockup")) {
            return CrashKind.SOFT_LOCKUP;
        } else if (r.contains("hard lockup")) {
            return CrashKind.HARD_LOCKUP;
        } else if (r.contains("machine check")) {
            return CrashKind.MACHINE_CHECK;
        } else if (r.startsWith("out of memory") || r.startsWith("system is deadlocked on memory")) {
            return CrashKind.OUT_OF_MEMORY;
        } else if (r.startsWith("stack-protector") || r.contains("stack guard page") || r.contains("kernel stack overflow")) {
            return CrashKind.STACK_OVERFLOW;
        }
        return CrashKind.PANIC;
    }

    /** Whether the session shows the crash was asked for. */
    private static boolean deliberate(Context context) {
        Session session = context.session;
        return context.sysrq != null || context.lkdtm != null || session.panic() != null && session.panic().contains("sysrq triggered crash")
                || session.get("state") != null && session.get("state").contains("(SYSRQ)");
    }

    private static String deliberateWhy(Context context) {
        Session session = context.session;
        if (context.sysrq != null) {
            return "deliberate: line " + context.sysrq.span().first() + " says \"" + context.sysrq.message() + "\"";
        }
        if (session.get("state") != null && session.get("state").contains("(SYSRQ)")) {
            return "deliberate: crash's STATE " + session.get("state") + " (line " + session.lineOf("state") + ")";
        }
        return "deliberate: the panic string names sysrq";
    }

    private static String lkdtm(Context context, List<String> frames) {
        if (context.lkdtm != null) {
            return "deliberate: provoked with lkdtm (line " + context.lkdtm.span().first() + ": " + context.lkdtm.message() + ")";
        }
        return frames.stream().anyMatch(f -> f.startsWith("lkdtm_")) ? "deliberate: an lkdtm_ frame provoked it" : null;
    }

    /** The frames passed over before the blamed one, each with its reason (the first few). */
    private static String passedOver(List<ReportReader.Skipped> skipped) {
        if (skipped.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("; passed over ");
        int n = Math.min(skipped.size(), 6);
        for (int i = 0; i < n; i++) {
            ReportReader.Skipped s = skipped.get(i);
            b.append(i == 0 ? "" : ", ").append(s.function()).append(" (").append(s.why()).append(")");
        }
        return b.append(skipped.size() > n ? " and " + (skipped.size() - n) + " more" : "").toString();
    }

    private static String in(String guilty) {
        return guilty == null ? "" : " in " + guilty;
    }

    private static String firstWords(String m) {
        String s = m.replaceAll("\\s+\\[#\\d+\\].*$", "").strip();
        return s.length() > 90 ? s.substring(0, 90) + "..." : s;
    }

    /**
     * The functions of the report, innermost first: the kernel RIP, then the call trace; a report
     * without either takes its task's backtrace in the transcript; crash's PANIC line alone, the
     * first backtrace with an exception frame.
     */
    private static List<String> frames(Oops o, Context context) {
        List<String> out = new ArrayList<>();
        Backtrace bt = null;
        if (o != null) {
            if (o.rip() != null) {
                out.add(o.rip().name());
            }
            out.addAll(o.callTrace());
            if (!out.isEmpty() || o.pid() == null) {
                return out;
            }
            bt = context.backtraceOf(o.pid());
        } else {
            bt = context.parsed.backtraces().stream().filter(b -> b.firstException() != null).findFirst().orElse(null);
        }
        var e = bt == null ? null : bt.firstException();
        if (e != null) {
            if (e.rip() != null) {
                out.add(e.rip().name());
            }
            boolean below = false;
            for (Frame f : bt.frames()) {
                below |= f.exception() == e;
                if (below && f.exception() != e) {
                    out.add(f.function());
                }
            }
        }
        return out;
    }

    private static String guilty(Oops o, List<String> frames) {
        for (String f : frames) {
            String c = clean(f);
            if (!SKIP.matcher(c).matches()) {
                return c;
            }
        }
        return null;
    }

    /** The blocked task's frames: the trace the hung-task report printed, else its backtrace in the transcript. */
    private static List<String> blockedFrames(Context context, String pid, Oops o) {
        if (o != null && !o.callTrace().isEmpty()) {
            return o.callTrace();
        }
        Backtrace bt = pid == null ? null : context.backtraceOf(Long.parseLong(pid));
        return bt == null ? List.of() : bt.frames().stream().map(Frame::function).toList();
    }

    /** A function name without compiler suffixes ({@code ck_walk_null.constprop.0} -> {@code ck_walk_null}). */
    static String clean(String function) {
        return SUFFIX.matcher(function).replaceAll("");
    }

    /** The address the report names: {@code address: 0000000000000010}, {@code non-canonical address 0x6b6b...}, {@code at virtual address ...}. */
    public static Long reportedAddress(String m, Oops o) {
        Matcher x = ADDRESS.matcher(m);
        if (x.find()) {
            return Long.parseUnsignedLong(x.group(1), 16);
        }
        return o != null && o.registers().get("cr2") != null && m.contains("page") ? o.registers().get("cr2") : null;
    }

    static boolean poisoned(Long address) {
        if (address == null) {
            return false;
        }
        for (long p : POISONS) {
            if ((address & ~0xffffL) == (p & ~0xffffL)) {
                return true;
            }
        }
        return false;
    }

    public static boolean listPoison(Long address) {
        return address != null && (address & ~0xfffL) == (LIST_POISON1 & ~0xfffL);
    }

    /** The kind's wording for reports: {@code general-protection-fault}. */
    @Override
    public String toString() {
        return kind.id() + ": " + title + (deliberate ? " (deliberate)" : "");
    }

    /** For the JSON contract: the kind's id. */
    public String kindId() {
        return kind.id().toLowerCase(Locale.ROOT);
    }
}
