package org.crashscope.transcript.parse;

import java.util.List;

/**
 * The decoded lines of one block and their line numbers: consecutive from {@code first}, or, when
 * wrapped lines were joined ({@link MailText}), the number of each line's first part.
 *
 * @param numbers the line number of each entry, or {@code null} when they are consecutive
 * @param end     the block's last line in the file
 */
record BlockText(int first, List<String> lines, int[] numbers, int end) {

    BlockText(int first, List<String> lines) {
        this(first, lines, null, first + lines.size() - 1);
    }

    int lineNo(int i) {
        return numbers == null ? first + i : numbers[i];
    }

    int last() {
        return end;
    }

    int size() {
        return lines.size();
    }

    String get(int i) {
        return lines.get(i);
    }
}
