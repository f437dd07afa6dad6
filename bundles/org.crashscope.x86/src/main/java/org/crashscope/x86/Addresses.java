package org.crashscope.x86;

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

    /** The table indexes of {@code virtual} from the top level down, and the page offset. */
    public static String decompose(long virtual, boolean fiveLevel) {
        StringBuilder b = new StringBuilder();
        for (Level l : Level.values()) {
            if (l == Level.P4D && !fiveLevel) {
                continue;
            }
            b.append(l).append(" 0x").append(Integer.toHexString(l.index(virtual, fiveLevel))).append(", ");
        }
        return b.append("offset 0x").append(Long.toHexString(virtual & 0xfff)).toString();
    }
}
