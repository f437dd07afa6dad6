package org.crashscope.transcript;

/**
 * Receives the lines of a transcript in order, as byte ranges: no String is made unless the
 * visitor asks for one. {@code to} excludes the line terminator ({@code \n} or {@code \r\n}).
 */
@FunctionalInterface
interface LineVisitor {
    void line(int lineNo, long offset, byte[] buf, int from, int to);
}
