package org.crashscope.analysis;

/** How sure an analysis is of a conclusion, and so how an analyst should weigh it. */
public enum Confidence {
    /** nothing in the transcript confirms it: a convention or a guess */
    LOW,
    /** a convention that some value in the transcript agrees with */
    MEDIUM,
    /** read off the transcript itself (a frame line, a prologue) */
    HIGH
}
