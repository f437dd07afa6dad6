package org.crashscope.library;

/** Where the work on a case stands, with its id in JSON and the database. */
public enum CaseStatus {
    NEW("new"), IN_PROGRESS("in-progress"), SOLVED("solved"), DUPLICATE("duplicate");

    private final String id;

    CaseStatus(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The status of an id, or {@code null}. */
    public static CaseStatus ofId(String id) {
        for (CaseStatus s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        return null;
    }
}
