package org.crashscope.x86;

import java.util.List;

/**
 * A huge-page entry that breaks a run of entries whose physical addresses step by the page size.
 *
 * @param expected      the physical address the run predicts for this slot
 * @param found         the physical address the slot holds
 * @param step          the run's step per slot (negative when it falls)
 * @param runFirst      the first slot index of the run around it
 * @param runLast       the last slot index of the run around it
 * @param flagsMissing  flag bits the neighbours have and this entry lacks
 * @param flagsExtra    flag bits this entry has and the neighbours lack
 * @param neighbourFlags the flag bits the neighbours share
 */
public record Anomaly(TableSlot slot, long expected, long found, long step, int runFirst, int runLast, long flagsMissing, long flagsExtra,
        long neighbourFlags) {

    /** One sentence an analyst can paste: what breaks, what was expected, what differs. */
    public String reason() {
        String size = step == 1L << 30 || step == -(1L << 30) ? "1 GiB" : step == 2L << 20 || step == -(2L << 20) ? "2 MiB" : "huge";
        StringBuilder b = new StringBuilder(String.format("breaks the run of %s pages %s by 0x%x per slot (slots 0x%x..0x%x): expected 0x%x, found 0x%x",
                size, step < 0 ? "falling" : "rising", Math.abs(step), runFirst, runLast, expected, found));
        if (flagsMissing != 0) {
            b.append(String.format("; flags 0x%x lack %s (neighbours 0x%x)", slot.entry().flagBits() & 0xfff, String.join("|", Entry.names(flagsMissing)),
                    neighbourFlags & 0xfff));
        }
        if (flagsExtra != 0) {
            b.append("; it has ").append(String.join("|", Entry.names(flagsExtra))).append(" where its neighbours do not");
        }
        return b.toString();
    }

    public List<String> missingFlagNames() {
        return Entry.names(flagsMissing);
    }
}
