package org.crashscope.transcript;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Splits a transcript into command blocks while its lines stream past. A block starts at a
 * prompt and ends before the next prompt, or, when the prompt is indented (a transcript quoted in
 * an article or a mail), before the first non-blank line that is indented less than the prompt:
 * that line is prose again.
 */
final class BlockSplitter {

    private final BlockList blocks = new BlockList();
    /** The prompt lines a live session recorded ({@link SessionIndex}), or {@code null}: prompts are then told by their text. */
    private final java.util.BitSet prompts;
    private int stale;

    BlockSplitter() {
        this(null);
    }

    BlockSplitter(java.util.BitSet prompts) {
        this.prompts = prompts;
    }

    /** How many recorded prompt lines are no prompt: the index is not of this file (it was edited since). */
    int stale() {
        return stale;
    }
    private Prompt open;
    /** The open block prints the kernel's log ({@link CommandBlock#LOG_KINDS}). */
    private boolean openLog;
    private int openLine;
    private int lastContentLine;

    /**
     * Takes the next line; returns whether it belongs to a prompt block (a prompt, its output, or
     * a blank line inside it). A line that closes a block by its indentation is not taken.
     */
    boolean accept(int lineNo, byte[] buf, int from, int to, int firstNonBlank) {
        return accept(lineNo, buf, from, to, firstNonBlank, false);
    }

    /** @param continued the line is the rest of the one before, cut by a mailer ({@link SoftBreaks}): it never ends a block */
    boolean accept(int lineNo, byte[] buf, int from, int to, int firstNonBlank, boolean continued) {
        boolean recorded = prompts != null && prompts.get(lineNo);
        if ((prompts == null || recorded) && firstNonBlank < to && (buf[firstNonBlank] == 'c' || buf[firstNonBlank] == '>')
                && Prompt.mayStart(buf, from, to)) {
            Optional<Prompt> prompt = Prompt.parse(new String(buf, from, to - from, StandardCharsets.UTF_8));
            if (prompt.isPresent()) {
                close();
                open = prompt.get();
                openLog = CommandBlock.LOG_KINDS.contains(open.kind());
                openLine = lineNo;
                lastContentLine = lineNo;
                return true;
            }
        }
        if (recorded) {
            stale++;
        }
        if (open == null) {
            return false;
        }
        if (firstNonBlank == to) {
            return true; // blank: belongs to the block only if more output follows
        }
        if (open.indent() > 0) {
            int indent = indentOf(buf, from, to, open.quoted());
            if (indent < 0) {
                return true; // only quote marks: a blank line of a quoted block
            }
            if (indent < open.indent() && !continued) {
                close();
                return false;
            }
        }
        lastContentLine = lineNo;
        return true;
    }

    /** Whether the line {@link #accept} took last belongs to a block of the kernel's log. */
    boolean inLog() {
        return open != null && openLog;
    }

    /** Ends the open block, if any, and returns every block found. */
    List<CommandBlock> finish() {
        close();
        return blocks.trim();
    }

    private void close() {
        if (open != null) {
            blocks.add(openLine, lastContentLine, open.command(), open.kind(), open.indent());
            open = null;
        }
    }

    /**
     * The column of the first character that is not white space (TAB stops every 8 columns; in a
     * quoted block quote marks count as white space), or -1 for a blank line.
     */
    static int indentOf(byte[] buf, int from, int to, boolean quoted) {
        int column = 0;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b == '\t') {
                column = (column / 8 + 1) * 8;
            } else if (b == ' ' || (quoted && b == '>')) {
                column++;
            } else {
                return column;
            }
        }
        return -1;
    }
}
