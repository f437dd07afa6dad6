package org.crashscope.arch.x86;

/** Virtual-address facts of x86-64. */
public final class Addresses {
    private Addresses() {
    }

    /**
     * Whether {@code virtual} is canonical: bits 63..47 (63..56 with 5-level paging) all equal.
     * A non-canonical address in a memory operand raises #GP, not a page fault.
     */
    public static boolean isCanonical(long virtual, boolean fiveLevel) {
        int bits = fiveLevel ? 57 : 48;
        long top = virtual >> (bits - 1);
        return top == 0 || top == -1;
    }

    /** Whether the address lies in the kernel half (bit 63 set). */
    public static boolean isKernel(long virtual) {
        return virtual < 0;
    }
}
