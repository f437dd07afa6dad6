package org.crashscope.transcript.model;

/** A VMA line of vtop or vm: {@code ffff9842c2911878 7f0a40000000 7f1240000000 2c4600fb /dev/hugepages/...}. */
public record Vma(int line, long vma, long start, long end, long flags, String file) {

    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }
}
