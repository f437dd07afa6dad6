package org.crashscope.transcript.model;

/**
 * One stack word as {@code bt -f/-F/-FF} prints it: 8 bytes on 64-bit architectures, 4 on 32-bit
 * ones (the width of the printed words tells which).
 *
 * @param value      the raw value, or {@code null} when bt printed only a symbol or slab tag
 * @param symbol     the symbolic value ({@code internal_get_user_pages_fast+0xce}), or {@code null}
 * @param slabObject the object of a {@code [addr:cache]} tag, or {@code null}
 * @param slabCache  the cache of a {@code [addr:cache]} tag ({@code kmalloc-2k}), or {@code null}
 * @param frame      the index of the frame whose data this slot is, or -1 when bt printed no frame line
 * @param width      the word size in bytes (4 or 8)
 */
public record StackSlot(int line, long address, Long value, String symbol, Long slabObject, String slabCache, int frame, int width) {

    public StackSlot {
        symbol = Shared.text(symbol);
        slabCache = Shared.text(slabCache);
    }
}
