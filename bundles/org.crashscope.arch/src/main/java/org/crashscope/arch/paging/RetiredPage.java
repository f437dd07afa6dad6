package org.crashscope.arch.paging;

/**
 * A page the transcript says the kernel took out of use, or that had a memory error: a struct page
 * marked {@code hwpoison} ({@code kmem -p}, a vtop's PAGE row), a memory-failure or soft-offline
 * line of the log, an error record with a physical address.
 *
 * @param physical the physical address the evidence names (a frame, or an address inside one)
 * @param line     the line that shows it
 * @param what     what the line says, in words, with the numbers it prints
 */
public record RetiredPage(long physical, int line, String what) {
}
