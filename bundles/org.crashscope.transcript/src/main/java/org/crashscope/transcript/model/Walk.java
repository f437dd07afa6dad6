package org.crashscope.transcript.model;

import java.util.List;

/**
 * A {@code vtop} walk of one virtual address.
 *
 * @param physical      the PHYSICAL column, or {@code null} (not mapped, seek error)
 * @param pgdDirectory  {@code PGD DIRECTORY:} (kernel walks), or {@code null}
 * @param pageDirectory {@code PAGE DIRECTORY:} (the PGD entry value of a kernel walk), or {@code null}
 * @param page          the leaf {@code PAGE:} base, or {@code null}
 * @param pageSize      4096, 2 MiB or 1 GiB (from the size tag, 4096 when none), 0 when unknown
 * @param zeroPage      the leaf is the zero page ({@code ZERO PAGE} tag)
 * @param leafValue     the value of the {@code PTE  PHYSICAL  FLAGS} row, or {@code null}
 * @param flags         the flag names of that row
 * @param vma           the VMA row (user walks), or {@code null}
 * @param pageRow       the struct page row, or {@code null}
 * @param error         an error crash printed ({@code seek error ...}, {@code not mapped}), or {@code null}
 */
public record Walk(Span span, String command, long virtual, Long physical, Long pgdDirectory, Long pageDirectory, List<WalkLevel> levels,
        Long page, long pageSize, boolean zeroPage, Long leafValue, List<String> flags, Vma vma, PageRow pageRow, String error,
        List<Diagnostic> diagnostics) implements ParsedRecord {
}
