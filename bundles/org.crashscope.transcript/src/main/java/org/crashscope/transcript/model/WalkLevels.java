package org.crashscope.transcript.model;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A vtop walk's levels held as arrays, each {@link WalkLevel} made when asked for. A transcript of 200,000 vtops has
 * 800,000 levels: as records in a list 248 bytes a walk of four levels; held so, 120: the entry addresses and values
 * in one array, the lines as the first while each level is on the line after the one before, the level names an
 * array the walks of the same levels share ({@link Shared#array}), the flags' text only where crash printed one.
 * Unmodifiable.
 */
public final class WalkLevels extends AbstractList<WalkLevel> implements RandomAccess {

    /** The most levels held so (one bit each says a level's address was printed zero-padded); a walk has at most 5. */
    static final int MOST = 32;

    private final int firstLine;
    /** each level's line, or {@code null} while each is on the line after the one before */
    private final int[] lines;
    private final String[] names;
    /** each level's entry address, then its value */
    private final long[] numbers;
    /** {@code null} when no level has one */
    private final String[] flagTexts;
    private final int zeroPadded;

    private WalkLevels(List<WalkLevel> levels) {
        int n = levels.size();
        firstLine = levels.get(0).line();
        int[] line = new int[n];
        boolean linesFollow = true;
        String[] name = new String[n];
        numbers = new long[2 * n];
        String[] flagText = null;
        int padded = 0;
        for (int i = 0; i < n; i++) {
            WalkLevel l = levels.get(i);
            line[i] = l.line();
            linesFollow &= l.line() == firstLine + i;
            name[i] = l.level();
            numbers[2 * i] = l.entryAddress();
            numbers[2 * i + 1] = l.value();
            if (l.flagText() != null) {
                flagText = flagText == null ? new String[n] : flagText;
                flagText[i] = l.flagText();
            }
            padded |= l.zeroPadded() ? 1 << i : 0;
        }
        lines = linesFollow ? null : line;
        names = Shared.array(name);
        flagTexts = flagText;
        zeroPadded = padded;
    }

    /** The levels, held as arrays when there are two to {@value #MOST} of them. */
    public static List<WalkLevel> of(List<WalkLevel> levels) {
        return levels.size() < 2 || levels.size() > MOST ? List.copyOf(levels) : new WalkLevels(levels);
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public WalkLevel get(int i) {
        Objects.checkIndex(i, names.length);
        return new WalkLevel(lines == null ? firstLine + i : lines[i], names[i], numbers[2 * i], numbers[2 * i + 1],
                flagTexts == null ? null : flagTexts[i], (zeroPadded & 1 << i) != 0);
    }
}
