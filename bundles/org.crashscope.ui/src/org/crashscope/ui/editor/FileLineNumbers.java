package org.crashscope.ui.editor;

import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

import org.eclipse.jface.text.source.LineNumberChangeRulerColumn;
import org.eclipse.jface.text.source.ISharedTextColors;

/** The ruler's numbers are the file's lines, also in the window of a large file. */
final class FileLineNumbers extends LineNumberChangeRulerColumn {

    private final IntUnaryOperator fileLine;
    private final LongSupplier lastLine;

    /** {@code fileLine} maps a document line (0-based) to its file line; {@code lastLine} is the file's last line, as far as known. */
    FileLineNumbers(ISharedTextColors colors, IntUnaryOperator fileLine, LongSupplier lastLine) {
        super(colors);
        this.fileLine = fileLine;
        this.lastLine = lastLine;
    }

    @Override
    protected String createDisplayString(int line) {
        return Integer.toString(fileLine.applyAsInt(line));
    }

    @Override
    protected int computeNumberOfDigits() {
        int digits = 2;
        for (long last = lastLine.getAsLong(); last > 99; last /= 10) {
            digits++;
        }
        return digits;
    }
}
