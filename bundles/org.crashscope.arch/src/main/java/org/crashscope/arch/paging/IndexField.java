package org.crashscope.arch.paging;

/**
 * A field of a virtual address as a paging model splits it: the index of one level, the page
 * offset, or the sign-extension bits above the top level.
 *
 * @param name   the level name, {@code offset} or {@code sign}
 * @param lowBit the lowest bit of the field
 * @param bits   its width
 */
public record IndexField(String name, int lowBit, int bits) {

    public long of(long virtual) {
        return bits >= 64 ? virtual : (virtual >>> lowBit) & ((1L << bits) - 1);
    }
}
