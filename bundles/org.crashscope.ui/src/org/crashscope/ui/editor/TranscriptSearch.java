package org.crashscope.ui.editor;

/** What Find in Whole Transcript looked for last in one transcript, and where it found it: the next search goes on from there. */
public final class TranscriptSearch {

    private String query = "";
    private long hit = -1;

    /** The last text looked for, or empty. */
    public String query() {
        return query;
    }

    /** The file offset of the last hit, or -1. */
    public long hit() {
        return hit;
    }

    public void remember(String text, long offset) {
        query = text;
        hit = offset;
    }
}
