package org.crashscope.arch.paging;

import org.crashscope.transcript.model.Walk;

/** The paging arithmetic of one architecture: reads a vtop walk into steps and checks it. */
interface PagingModel {

    /**
     * @param cr3 the table base the oops's CR3 gives (x86), or {@code null}; it is used only where
     *            the walk's top entry lies in it, as another task's walk has another top table
     */
    CheckedWalk check(Walk walk, Long cr3);
}
