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
    NX_EXECUTION("nx-execution", "the kernel jumped into memory that is not executable (NX): a corrupted function pointer or return address", true),
    OUT_OF_BOUNDS("out-of-bounds", "an access outside the object it meant (a slab, stack, global or vmalloc area), caught by KASAN or KFENCE", true),
    INVALID_FREE("invalid-free", "memory freed that was not allocated: a double free, or a pointer the allocator never returned", false),
    WILD_MEMORY_ACCESS("wild-memory-access", "an access through a pointer to no memory at all (KASAN's shadow says nothing is there)", true),
    USER_MEMORY_ACCESS("user-memory-access", "the kernel dereferenced a user-space address directly", true),
    INVALID_ACCESS("invalid-access", "an access the memory tags or KFENCE's guard pages refused: the pointer does not point where it claims", true),
    MEMORY_ERROR("memory-error", "a memory-safety error KASAN reported that has no kind of its own here", true),
    MEMORY_CORRUPTION("memory-corruption", "the bytes around an object were overwritten (KFENCE found its canary changed on free)", false),
    UNINIT_VALUE("uninit-value", "a value was used before it was ever written (KMSAN)", false),
    KERNEL_INFOLEAK("kernel-infoleak", "uninitialised kernel memory was copied to user space or a device (KMSAN)", false),
    DATA_RACE("data-race", "two CPUs touched the same memory at once, one of them writing, with nothing ordering them (KCSAN)", false),
    ARRAY_INDEX_OUT_OF_BOUNDS("array-index-out-of-bounds", "an array was indexed past its declared bounds (UBSAN)", false),
    SHIFT_OUT_OF_BOUNDS("shift-out-of-bounds", "a shift by a negative count or by the width of the type or more (UBSAN)", false),
    UNDEFINED_BEHAVIOUR("undefined-behaviour", "C undefined behaviour UBSAN caught: an overflow, a bad shift or conversion, a misaligned access", false),
    RCU_STALL("rcu-stall", "a CPU or task held up an RCU grace period (looping with preemption or interrupts off, or in an RCU read section)", false),
    POSSIBLE_DEADLOCK("possible-deadlock", "lockdep saw locks taken in orders that can deadlock (a cycle, recursion, or an interrupt-unsafe order)", false),
    INCONSISTENT_LOCK_STATE("inconsistent-lock-state", "a lock taken both with interrupts enabled and from an interrupt that can preempt it (lockdep)", false),
    SUSPICIOUS_RCU_USAGE("suspicious-rcu-usage", "an RCU-protected pointer was used without the lock or read section that protects it (lockdep)", false),
    LOCKING_BUG("locking-bug", "a lock was misused: released twice or by another owner, freed while held, held on return to user space", false),
    REFCOUNT_BUG("refcount-bug", "a reference count overflowed, underflowed or was incremented from zero: a missing get or an extra put", false),
    ODEBUG_BUG("odebug-bug", "an object (timer, work, RCU head) was freed or reinitialised while still active (debugobjects)", false),
    KMALLOC_BUG("kmalloc-bug", "an allocation was asked for with a size or flags the allocator refuses", false),
    BAD_USERCOPY("bad-usercopy", "a copy to or from user space would have crossed the bounds of a kernel object (hardened usercopy)", false),
    SCHEDULING_WHILE_ATOMIC("scheduling-while-atomic", "the scheduler was entered with preemption disabled (a sleep under a spinlock or in an interrupt)", false),
    SLEEP_IN_ATOMIC("sleep-in-atomic", "a function that may sleep was called where sleeping is not allowed (atomic or interrupt context)", false),
    PREEMPTION_BUG("preemption-bug", "per-CPU data or the CPU number was used with preemption enabled", false),
    BAD_PAGE("bad-page", "a page's struct page or page-table mapping was found in a state it must not be in (Bad page state or map)", false),
    LIST_CORRUPTION("list-corruption", "a linked list's pointers did not agree (CONFIG_DEBUG_LIST): an entry used after list_del or freed while linked", true),
    MEMORY_LEAK("memory-leak", "an allocated object is no longer referenced from anywhere (kmemleak)", false),
    WORKQUEUE_LOCKUP("workqueue-lockup", "a workqueue made no progress for longer than its watchdog allows", false),
    STACK_PROTECTOR("stack-protector", "a function returned with its stack canary overwritten: a buffer on the stack overflowed", false),
    INIT_KILLED("init-killed", "PID 1 (init) exited or was killed, which the kernel cannot survive", false),
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
