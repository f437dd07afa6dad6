package org.crashscope.analysis.rules;

/** Where the running kernel stands against a rule's fixes, with its one wording. */
public enum KernelStatus {
    /** older than every fix that applies to it */
    AFFECTED("affected", "older than the fix: affected"),
    /** it has a fix */
    FIXED("fixed", "has the fix"),
    /** no kernel known, or no fix to compare with */
    UNKNOWN("unknown", "no fixed version to compare with");

    private final String id;
    private final String wording;

    KernelStatus(String id, String wording) {
        this.id = id;
        this.wording = wording;
    }

    /** The JSON contract's name. */
    public String id() {
        return id;
    }

    /** What it says, for reports and views. */
    public String wording() {
        return wording;
    }
}
