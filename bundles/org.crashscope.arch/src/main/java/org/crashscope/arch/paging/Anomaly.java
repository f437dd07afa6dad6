package org.crashscope.arch.paging;

import java.util.List;

/**
 * A slot that breaks a run of huge-page entries: the run's pages step by the page size from slot to
 * slot (up or down, with gaps where slots are empty), so it predicts the page of every slot inside
 * it; this slot holds another page, or no page at all.
 *
 * @param kind           what the slot holds instead
 * @param expected       the physical address the run predicts for this slot
 * @param found          the physical address the slot maps, or {@code null} when it maps none
 * @param step           the run's step per slot (negative when it falls)
 * @param runFirst       the first slot index of the run around it
 * @param runLast        the last slot index of the run around it
 * @param runMembers     how many slots of the run hold their predicted page (the evidence)
 * @param flagsMissing   flag bits the nearest run members share and this entry lacks
 * @param flagsExtra     flag bits this entry has and the nearest run members lack
 * @param neighbourFlags the flag bits the nearest run members share
 * @param confidence     {@code high} with four or more run members or a log line that names the page, {@code medium} with two or three
 * @param loggedLine     the kernel log line that names the slot's old page ({@code Soft offlining pfn ... at process virtual
 *                       address ...}), or {@code null}; with {@code runMembers} 0 it alone supports the anomaly
 * @param logged         that line's message, or {@code null}
 * @param evidence       every other piece of evidence, each with its line: the page taken out of use that the run predicts
 *                       ({@code kmem -p} hwpoison, a memory-failure line, an error record), the walks that read the slot
 */
public record Anomaly(TableSlot slot, Kind kind, long expected, Long found, long step, int runFirst, int runLast, int runMembers, long flagsMissing,
        long flagsExtra, long neighbourFlags, String confidence, Integer loggedLine, String logged, List<Cited> evidence) {

    public Anomaly {
        evidence = List.copyOf(evidence);
    }

    /** An anomaly with no evidence beyond the table and the log line. */
    public Anomaly(TableSlot slot, Kind kind, long expected, Long found, long step, int runFirst, int runLast, int runMembers, long flagsMissing,
            long flagsExtra, long neighbourFlags, String confidence, Integer loggedLine, String logged) {
        this(slot, kind, expected, found, step, runFirst, runLast, runMembers, flagsMissing, flagsExtra, neighbourFlags, confidence, loggedLine, logged,
                List.of());
    }

    /** A piece of evidence and the lines that show it. */
    public record Cited(List<Integer> lines, String what) {
        public Cited {
            lines = List.copyOf(lines);
        }

        public Cited(int line, String what) {
            this(List.of(line), what);
        }

        public int line() {
            return lines.get(0);
        }
    }

    /** The same anomaly, confirmed by a log line. */
    Anomaly logged(int line, String message) {
        return new Anomaly(slot, kind, expected, found, step, runFirst, runLast, runMembers, flagsMissing, flagsExtra, neighbourFlags, "high", line, message,
                evidence);
    }

    /** The same anomaly with one more piece of evidence (none twice) and this confidence. */
    Anomaly cite(Cited c, String newConfidence) {
        if (evidence.contains(c)) {
            return confidence.equals(newConfidence) ? this : new Anomaly(slot, kind, expected, found, step, runFirst, runLast, runMembers, flagsMissing,
                    flagsExtra, neighbourFlags, newConfidence, loggedLine, logged, evidence);
        }
        List<Cited> more = new java.util.ArrayList<>(evidence);
        more.add(c);
        return new Anomaly(slot, kind, expected, found, step, runFirst, runLast, runMembers, flagsMissing, flagsExtra, neighbourFlags, newConfidence,
                loggedLine, logged, more);
    }

    /** The lines that support it: the slot's, the log line's when there is one, then every cited line. */
    public List<Integer> lines() {
        java.util.LinkedHashSet<Integer> out = new java.util.LinkedHashSet<>();
        out.add(slot.line());
        if (loggedLine != null) {
            out.add(loggedLine);
        }
        evidence.forEach(c -> out.addAll(c.lines()));
        return List.copyOf(out);
    }

    /** Whether a page the kernel took out of use (not only the table's shape) says the slot's page was replaced. */
    public boolean retiredPageCited() {
        return evidence.stream().anyMatch(c -> c.what().startsWith(RETIRED));
    }

    /** How a cited retired page begins its sentence. */
    static final String RETIRED = "the page the slot should map was taken out of use: ";

    /** What the slot holds instead of the predicted page. */
    public enum Kind {
        /** another page: the entry was rewritten (a migration, a remap) */
        OUT_OF_SEQUENCE,
        /** no page: a non-present entry (hwpoison, migration, swap) where the run predicts one */
        NON_PRESENT
    }

    /** One sentence an analyst can paste: what breaks, what was expected, what is there, how much supports it. */
    public String reason() {
        long size = Math.abs(step);
        String sizeName = size == 1L << 30 ? "1 GiB" : size == 2L << 20 ? "2 MiB" : "huge";
        StringBuilder b = new StringBuilder();
        if (runMembers > 0) {
            b.append(String.format("breaks the run of %s pages %s by 0x%x per slot (slots 0x%x..0x%x, %d in sequence): expected 0x%x, ", sizeName,
                    step < 0 ? "falling" : "rising", size, runFirst, runLast, runMembers, expected));
        } else {
            b.append(String.format("the kernel log names the %s page this slot's addresses mapped: expected 0x%x, ", sizeName, expected));
        }
        if (kind == Kind.OUT_OF_SEQUENCE) {
            b.append(String.format("found 0x%x", found));
        } else {
            NonPresent np = slot.nonPresent();
            b.append("found a non-present entry 0x").append(Long.toHexString(slot.entry().value()))
                    .append(np == null ? "" : " (" + np.describe() + ")");
        }
        if (flagsMissing != 0) {
            b.append(String.format("; flags 0x%x lack %s (neighbours 0x%x)", ((X86Entry) slot.entry()).flagBits() & 0xfff,
                    String.join("|", X86Entry.names(flagsMissing)), neighbourFlags & 0xfff));
        }
        if (flagsExtra != 0) {
            b.append("; it has ").append(String.join("|", X86Entry.names(flagsExtra))).append(" where its neighbours do not");
        }
        if (loggedLine != null) {
            b.append(String.format("; line %d: \"%s\"", loggedLine, logged));
            if (kind == Kind.OUT_OF_SEQUENCE && logged.startsWith("Soft offlining")) {
                b.append(": the page was soft-offlined and its content migrated");
            }
        }
        for (Cited c : evidence) {
            b.append(String.format("; line %d: %s", c.line(), c.what()));
        }
        return b.toString();
    }

    public List<String> missingFlagNames() {
        return X86Entry.names(flagsMissing);
    }
}
