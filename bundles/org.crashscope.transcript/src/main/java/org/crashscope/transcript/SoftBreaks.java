package org.crashscope.transcript;

/**
 * Tells, line by line as they stream past, which lines a mailer cut off the line before (they
 * start in the first column, as a mailer starts the rest of a line): that
 * one was nearly full (60 to 101 bytes) and ended in a blank (a soft break, as {@code format=flowed}
 * and {@code fold -s} leave it), or this one is a lone value (a register's value, a
 * {@code [module]}) after a line of 40 bytes or more. Such a line belongs wherever the line before does.
 */
final class SoftBreaks {

    private boolean softBreak;
    private int previousLength;

    /** Whether this line continues the one before; call it once per line, in order. */
    boolean next(byte[] buf, int from, int to, int firstNonBlank) {
        boolean continued = firstNonBlank == from && from < to && (softBreak || previousLength >= 40 && previousLength <= 101 && loneValue(buf, firstNonBlank, to));
        softBreak = to - from >= 60 && to - from <= 101 && (buf[to - 1] == ' ' || buf[to - 1] == '\t');
        previousLength = to - from;
        return continued;
    }

    /** A register's value or a {@code [module]} alone on a line: the end of a line a mailer cut, never prose. */
    static boolean loneValue(byte[] buf, int i, int to) {
        int end = to;
        while (end > i && (buf[end - 1] == ' ' || buf[end - 1] == '\t')) {
            end--;
        }
        if (end - i >= 3 && buf[i] == '[' && buf[end - 1] == ']' && (Character.isLetterOrDigit(buf[i + 1]) || buf[i + 1] == '_')) {
            for (int k = i + 1; k < end - 1; k++) {
                if (!(Character.isLetterOrDigit(buf[k]) || buf[k] == '_' || buf[k] == '-' || buf[k] == '.')) {
                    return false;
                }
            }
            return true;
        }
        int start = end - i > 2 && buf[i] == '0' && buf[i + 1] == 'x' ? i + 2 : i;
        if (end - start < 8 || end - start > 16) {
            return false;
        }
        for (int k = start; k < end; k++) {
            if (!LineShape.isHex(buf[k])) {
                return false;
            }
        }
        return true;
    }
}
