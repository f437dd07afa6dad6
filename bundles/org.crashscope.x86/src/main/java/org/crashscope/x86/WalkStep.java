package org.crashscope.x86;

/**
 * One level of a vtop walk, with the arithmetic checked.
 *
 * @param line          the line crash printed it on, or the PAGE DIRECTORY line for the top level of a kernel walk
 * @param tableBase     the base of the table read at this level, or {@code null} when unknown
 * @param index         the index of the virtual address at this level
 * @param entryAddress  where crash says the entry is (physical; virtual for the top level of a kernel walk)
 * @param expectedEntry tableBase + index*8, or {@code null} when the base is unknown
 * @param entry         the decoded entry
 */
public record WalkStep(Level level, int line, Long tableBase, int index, Long entryAddress, Long expectedEntry, Entry entry) {

    public boolean addressChecks() {
        return expectedEntry == null || entryAddress == null || expectedEntry.longValue() == entryAddress.longValue();
    }
}
