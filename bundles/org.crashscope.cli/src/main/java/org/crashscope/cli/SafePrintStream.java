package org.crashscope.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.crashscope.transcript.TerminalText;

/**
 * Standard error for messages that quote the input (a file name, crash's last words, a rule's
 * source): every line printed has its control characters shown as escapes, so that a name or a
 * word of a hostile dump cannot drive the terminal.
 */
final class SafePrintStream extends PrintStream {

    SafePrintStream(OutputStream out) {
        super(out, true, StandardCharsets.UTF_8);
    }

    @Override
    public void println(String line) {
        super.println(TerminalText.safe(line));
    }

    @Override
    public void print(String text) {
        super.print(TerminalText.safe(text));
    }

    @Override
    public void println(Object o) {
        println(String.valueOf(o));
    }
}
