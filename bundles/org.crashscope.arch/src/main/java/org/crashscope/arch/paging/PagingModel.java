package org.crashscope.arch.paging;

import org.crashscope.arch.Arch;
import org.crashscope.transcript.model.Walk;

/**
 * The paging arithmetic of one architecture: reads a vtop walk into steps and checks it. Each
 * {@link org.crashscope.arch.Architecture} names its own.
 */
public interface PagingModel {

    /** 4- and 5-level x86-64 paging. */
    static PagingModel x86_64() {
        return new X86Paging();
    }

    /** i386's two-level and PAE paging. */
    static PagingModel i386() {
        return new I386Paging();
    }

    /** arm64's granules and level counts. */
    static PagingModel arm64() {
        return new Arm64Paging();
    }

    /** Every level as crash printed it, not judged: an architecture not modelled, or {@code null} for one not shown. */
    static PagingModel unchecked(Arch arch) {
        return new UncheckedPaging(arch);
    }

    /**
     * @param cr3 the table base the oops's CR3 gives (x86), or {@code null}; it is used only where
     *            the walk's top entry lies in it, as another task's walk has another top table
     */
    CheckedWalk check(Walk walk, Long cr3);
}
