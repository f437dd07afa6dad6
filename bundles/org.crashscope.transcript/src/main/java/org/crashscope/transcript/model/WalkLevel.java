package org.crashscope.transcript.model;

/**
 * One level of a vtop walk: {@code PUD: 2d49ef2228 => 8000000f80000887}. Level names are as crash
 * printed them: PGD, P4D, PUD, PMD, PTE on most architectures; RFTE, RSTE, RTTE, STE, PTE on s390x.
 *
 * @param flagText   what crash printed of the entry's flags beside it or under it (s390x:
 *                   {@code flags = 00f}, {@code P=0; TF=00; I=0; TT=11; TL=11}), or {@code null}
 * @param zeroPadded crash printed the entry address with leading zeros ({@code %016lx}: riscv64's
 *                   PMD/PUD lines, mips64, s390x), which tells architectures apart
 */
public record WalkLevel(int line, String level, long entryAddress, long value, String flagText, boolean zeroPadded) {

    public WalkLevel {
        level = Shared.text(level);
    }

    public WalkLevel(int line, String level, long entryAddress, long value) {
        this(line, level, entryAddress, value, null, false);
    }
}
