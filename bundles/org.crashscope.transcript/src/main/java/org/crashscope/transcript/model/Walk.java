package org.crashscope.transcript.model;

import java.util.List;

/**
 * A {@code vtop} walk of one virtual address.
 *
 * @param physical      the PHYSICAL column, or {@code null} (not mapped, seek error)
 * @param pgdDirectory  {@code PGD DIRECTORY:} (x86-64 kernel walks), or {@code null}
 * @param pageDirectory {@code PAGE DIRECTORY:}: on x86-64 kernel walks the PGD entry's value, elsewhere the top table, or {@code null}
 * @param segment       the {@code SEGMENT:} line of mips64 and loongarch64 ({@code xuvrange}, {@code sseg}), or {@code null}
 * @param page          the leaf {@code PAGE:} base, or {@code null}
 * @param pageSize      from the size tag (4 KiB when none), 0 when there is no PAGE line
 * @param zeroPage      the leaf is the zero page ({@code ZERO PAGE} tag)
 * @param leafValue     the value of the {@code PTE  PHYSICAL  FLAGS} row, or {@code null}
 * @param flags         the flag names of that row
 * @param flagsLine     the line of that row, or 0
 * @param location      where a page that is not mapped lives ({@code SWAP: /dev/sda8  OFFSET: 22716},
 *                      {@code FILE: anon_hugepage  OFFSET: 400000}), or {@code null}
 * @param vma           the VMA row (user walks), or {@code null}
 * @param pageRow       the struct page row, or {@code null}
 * @param error         an error crash printed ({@code seek error ...}, {@code not mapped}), or {@code null}
 * @param paddedPage    crash printed the PAGE line zero-padded to 16 digits or followed by {@code not present}
 *                      (riscv64, loongarch64 and mips64 do; x86, arm64 and ppc64 do not)
 */
public record Walk(Span span, String command, Long virtual, Long physical, Long pgdDirectory, Long pageDirectory, String segment,
        List<WalkLevel> levels, Long page, long pageSize, boolean zeroPage, Long leafValue, List<String> flags, int flagsLine, Location location, Vma vma,
        PageRow pageRow, String error, boolean paddedPage, List<Diagnostic> diagnostics) implements ParsedRecord {

    public Walk {
        flags = Shared.texts(flags);
    }

    /** {@code SWAP: NAME  OFFSET: N} or {@code FILE: NAME  OFFSET: N} of a page that is not mapped. */
    public record Location(int line, String kind, String name, String offset) {
    }

    /** The virtual address, or 0 when crash printed none (callers that need to know test {@link #virtual()} for null). */
    public long address() {
        return virtual == null ? 0 : virtual;
    }
}
