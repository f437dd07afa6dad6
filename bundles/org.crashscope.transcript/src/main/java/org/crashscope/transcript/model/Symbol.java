package org.crashscope.transcript.model;

/** {@code name+offset}, as in {@code gup_pgd_range+0x24c} or {@code kfree+328} (decimal in some crash versions). */
public record Symbol(String name, long offset) {

    public Symbol {
        name = Shared.text(name);
    }

    @Override
    public String toString() {
        return offset == 0 ? name : name + "+0x" + Long.toHexString(offset);
    }
}
