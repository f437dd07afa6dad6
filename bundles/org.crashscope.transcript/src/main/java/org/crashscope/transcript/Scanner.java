package org.crashscope.transcript;

import java.util.Arrays;
import java.util.List;

/**
 * The single pass over a transcript: prompt blocks, shape segments for the rest, and the lines
 * that the log parser will have to look at (oops, CPER, machine-check markers) in the log's blocks
 * and outside any block. Nothing is decoded but prompt candidates.
 */
final class Scanner implements LineVisitor {

    private final BlockSplitter splitter;
    private final Segmenter segmenter = new Segmenter();
    private final SoftBreaks softBreaks = new SoftBreaks();
    private int[] markers = new int[16];
    private long[] markerOffsets = new long[16];
    private int markerCount;
    private int[] voice = new int[16];
    private int voiceCount;
    private int longest;

    Scanner() {
        this(null);
    }

    /** @param prompts the prompt lines a live session recorded, or {@code null} to tell prompts by their text */
    Scanner(java.util.BitSet prompts) {
        this.splitter = new BlockSplitter(prompts);
    }

    /** Recorded prompt lines that are no prompt (the recording is not of this file). */
    int stalePrompts() {
        return splitter.stale();
    }

    @Override
    public void line(int lineNo, long offset, byte[] buf, int from, int to) {
        longest = Math.max(longest, to - from);
        // a mail's quote marks ("> ", "> > ") are no part of the line's shape
        int start = LineShape.skipQuote(buf, LineShape.skipSpace(buf, from, to), to);
        boolean continued = softBreaks.next(buf, from, to, start);
        boolean inBlock = splitter.accept(lineNo, buf, from, to, start, continued);
        if (inBlock && !splitter.inLog()) {
            // the output of a command that is no log: the log parser never looks here, so its lines are not read for
            // report headers (a gigabyte of vtop or kmem -p is mostly such lines)
            segmenter.interrupt();
            return;
        }
        int message = start == to ? -1 : LineShape.logMessageStart(buf, start, to);
        // where a report header starts inside the message (or the line): looked for once, for the marker and the shape
        int inside = start == to ? -1 : LineShape.reportStartAfter(buf, message >= 0 ? message : start, to);
        if (start < to && LineShape.isMarkerAt(buf, message >= 0 ? message : start, to, inside)) {
            if (markerCount == markers.length) {
                markers = Arrays.copyOf(markers, markerCount * 2);
                markerOffsets = Arrays.copyOf(markerOffsets, markerCount * 2);
            }
            markerOffsets[markerCount] = offset;
            markers[markerCount++] = lineNo;
        }
        if (inBlock) {
            segmenter.interrupt();
            return;
        }
        LineShape shape = LineShape.classify(buf, start, to, message, inside);
        if ((shape == LineShape.TEXT || shape == LineShape.REPORT_TEXT || shape == LineShape.SESSION_FIELD) && LineShape.mayBeCrashVoice(buf, start, to)) {
            if (voiceCount == voice.length) {
                voice = Arrays.copyOf(voice, voiceCount * 2);
            }
            voice[voiceCount++] = lineNo;
        }
        segmenter.line(lineNo, shape, BlockSplitter.indentOf(buf, from, to, false), continued);
    }

    List<CommandBlock> blocks() {
        return splitter.finish();
    }

    List<Segment> segments() {
        return segmenter.finish();
    }

    /** The length of the longest line, in bytes: a transcript of short lines only may be wrapped mail. */
    int longest() {
        return longest;
    }

    int[] markers() {
        return Arrays.copyOf(markers, markerCount);
    }

    /** Where each of {@link #markers()} starts in the file. */
    long[] markerOffsets() {
        return Arrays.copyOf(markerOffsets, markerCount);
    }

    /** Lines outside prompt blocks where crash may be speaking of itself (a start-up WARNING, its own crash). */
    int[] voice() {
        return Arrays.copyOf(voice, voiceCount);
    }
}
