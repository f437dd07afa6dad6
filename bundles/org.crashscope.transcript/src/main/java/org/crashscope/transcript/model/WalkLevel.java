package org.crashscope.transcript.model;

/** One level of a vtop walk: {@code PUD: 2d49ef2228 => 8000000f80000887}. Level names: PGD, P4D, PUD, PMD, PTE. */
public record WalkLevel(int line, String level, long entryAddress, long value) {
}
