package org.crashscope.arch.paging;

import org.crashscope.transcript.model.Shared;

/**
 * One level of a vtop walk, with the arithmetic checked where the architecture is modelled.
 *
 * @param level         the level name as crash printed it (the top level of an x86-64 kernel walk: PGD)
 * @param line          the line crash printed it on, or the PAGE DIRECTORY line for the top level of an x86-64 kernel walk
 * @param tableBase     the base of the table read at this level, or {@code null} when unknown
 * @param index         the index of the virtual address at this level, or {@code null} when not modelled
 * @param entryAddress  where crash says the entry is (physical, or virtual where crash prints it so)
 * @param expectedEntry tableBase + index * entry size, or {@code null} when the base is unknown
 * @param entry         the decoded entry
 * @param nonPresent    what a non-present, non-zero entry is, or {@code null}
 * @param flagText      what crash printed of the entry's flags beside it (s390x), or {@code null}
 */
public record WalkStep(String level, int line, Long tableBase, Integer index, Long entryAddress, Long expectedEntry, Entry entry,
        NonPresent nonPresent, String flagText) {

    /** The indexes of a table's slots, each boxed once: a walk of every level of a hundred thousand vtops holds a few hundred. */
    private static final Integer[] INDEXES = new Integer[512];

    static {
        for (int i = 0; i < INDEXES.length; i++) {
            INDEXES[i] = i;
        }
    }

    public WalkStep {
        // the upper levels' tables and entries are the same for every walk of a transcript: held once
        tableBase = Shared.number(tableBase);
        entryAddress = Shared.number(entryAddress);
        expectedEntry = Shared.number(expectedEntry);
        index = index != null && index >= 0 && index < INDEXES.length ? INDEXES[index] : index;
        level = Shared.text(level);
    }

    public boolean addressChecks() {
        return expectedEntry == null || entryAddress == null || expectedEntry.longValue() == entryAddress.longValue();
    }
}
