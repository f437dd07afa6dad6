package org.crashscope.arch.paging;

import java.util.List;

/**
 * A page the transcript says the kernel took out of use, or that had a memory error: a struct page
 * marked {@code hwpoison} ({@code kmem -p}, a vtop's PAGE row), a memory-failure or soft-offline
 * line of the log, an error record with a physical address.
 *
 * @param physical the physical address the evidence names (a frame, or an address inside one)
 * @param lines    the lines that show it (a record's every line: its address is on one of them), first the one it starts on
 * @param what     what the lines say, in words, with the numbers they print
 */
public record RetiredPage(long physical, List<Integer> lines, String what) {

    public RetiredPage {
        lines = List.copyOf(lines);
    }

    public RetiredPage(long physical, int line, String what) {
        this(physical, List.of(line), what);
    }

    public int line() {
        return lines.get(0);
    }
}
