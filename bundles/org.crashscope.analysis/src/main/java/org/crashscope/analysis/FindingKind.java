package org.crashscope.analysis;

/** What a step of the evidence chain is about, with its JSON id and its heading. */
public enum FindingKind {
    HARDWARE_ERROR("hardware-error", "HARDWARE ERROR"),
    MEMORY_FAILURE("memory-failure", "MEMORY FAILURE"),
    ERROR_PAGE("error-page", "PAGE"),
    TABLE_SLOT("table-slot", "PAGE-TABLE SLOT"),
    VIRTUAL_RANGE("virtual-range", "VIRTUAL RANGE"),
    USER_ADDRESS("user-address", "USER ADDRESS"),
    VMA("vma", "VMA"),
    TASK("task", "TASK"),
    FAULTING_INSTRUCTION("faulting-instruction", "INSTRUCTION"),
    CRASH("crash", "CRASH"),
    LIST_POISON("list-poison", "LIST POISON"),
    PANIC("panic", "PANIC"),
    GAP("gap", "MISSING EVIDENCE");

    private final String id;
    private final String heading;

    FindingKind(String id, String heading) {
        this.id = id;
        this.heading = heading;
    }

    /** The JSON contract's name ({@code table-slot}); rules name kinds by it. */
    public String id() {
        return id;
    }

    /** The step's heading: what it is about, in capitals ({@code PAGE-TABLE SLOT}). */
    public String heading() {
        return heading;
    }

    public static FindingKind ofId(String id) {
        for (FindingKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return id;
    }
}
