package org.crashscope.arch;

/**
 * The architecture of a transcript and what decided it.
 *
 * @param arch     the architecture, or {@code null} when the text does not show it
 * @param evidence why, in words ({@code crash's MACHINE: aarch64}), or {@code null}
 * @param line     the line of that evidence, 0 when none or set by the user
 */
public record ArchFacts(Arch arch, String evidence, int line) {

    /** Nothing in the text shows the architecture. */
    public static final ArchFacts UNKNOWN = new ArchFacts(null, null, 0);

    public boolean known() {
        return arch != null;
    }

    /** What Crashscope knows of the architecture: the object that checks and assumes nothing when it is unknown. */
    public Architecture architecture() {
        return Architectures.of(arch);
    }

    /** The word size of the architecture, or {@code fallback} when it is unknown. */
    public int wordSize(int fallback) {
        return arch == null ? fallback : arch.wordSize();
    }
}
