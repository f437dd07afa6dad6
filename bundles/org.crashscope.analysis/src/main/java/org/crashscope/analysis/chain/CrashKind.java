package org.crashscope.analysis.chain;

/**
 * The failure class the kernel reported, refined only where the evidence proves more (a fault on
 * slab poison is a use-after-free). One wording each.
 */
public enum CrashKind {
    SYSRQ("sysrq", "a crash asked for with sysrq-trigger 'c': nothing failed", false),
    NULL_POINTER_DEREFERENCE("null-pointer-dereference", "the kernel dereferenced a NULL pointer (an address in the first page)", true),
    GENERAL_PROTECTION_FAULT("general-protection-fault", "a general protection fault: a non-canonical address or a protection violation", true),
    PAGE_FAULT("page-fault", "the kernel touched an address that is not mapped, or mapped without the access it needed", true),
    BUG("bug", "an assertion of the kernel (BUG, BUG_ON or a data-corruption check) failed", true),
    WARNING("warning", "a WARN() fired and panic_on_warn turned it into a panic", true),
    SOFT_LOCKUP("soft-lockup", "a CPU ran kernel code without scheduling for longer than the soft-lockup threshold", false),
    HARD_LOCKUP("hard-lockup", "a CPU stopped taking interrupts for longer than the hard-lockup threshold (the NMI watchdog)", false),
    HUNG_TASK("hung-task", "a task sat in uninterruptible sleep (D state) longer than hung_task_timeout_secs", false),
    OUT_OF_MEMORY("out-of-memory", "the kernel ran out of memory (with panic_on_oom, or nothing left to kill)", false),
    MACHINE_CHECK("machine-check", "the processor reported a hardware error it could not recover from (a machine check)", false),
    USE_AFTER_FREE("use-after-free", "an object was used after it was freed (its slab poison or KASAN says so)", true),
    STACK_OVERFLOW("stack-overflow", "a kernel stack overflowed (its guard page was hit or its canary overwritten)", true),
    DOUBLE_FAULT("double-fault", "a fault happened while the processor was delivering another (often a stack overflow)", true),
    DIVIDE_ERROR("divide-error", "a division by zero (or an overflowing division) in the kernel", true),
    PANIC("panic", "the kernel called panic()", false),
    UNKNOWN("unknown", "a report Crashscope does not classify", false);

    private final String id;
    private final String meaning;
    private final boolean fault;

    CrashKind(String id, String meaning, boolean fault) {
        this.id = id;
        this.meaning = meaning;
        this.fault = fault;
    }

    /** The contract name ({@code general-protection-fault}). */
    public String id() {
        return id;
    }

    /** What the kind means, in one sentence. */
    public String meaning() {
        return meaning;
    }

    /** Whether the kind is a fault or trap at one kernel instruction (which the Code: bytes can show). */
    public boolean fault() {
        return fault;
    }

    public static CrashKind ofId(String id) {
        for (CrashKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return null;
    }
}
