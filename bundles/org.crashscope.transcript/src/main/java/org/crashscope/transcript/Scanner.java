package org.crashscope.transcript;

import java.util.Arrays;
import java.util.List;

/**
 * The single pass over a transcript: prompt blocks, shape segments for the rest, and the lines
 * that the log parser will have to look at (oops, CPER, machine-check markers). Nothing is
 * decoded but prompt candidates.
 */
final class Scanner implements LineVisitor {

    private final BlockSplitter splitter = new BlockSplitter();
    private final Segmenter segmenter = new Segmenter();
    private int[] markers = new int[16];
    private int markerCount;

    @Override
    public void line(int lineNo, long offset, byte[] buf, int from, int to) {
        LineShape shape = LineShape.classify(buf, from, to);
        if ((shape == LineShape.LOG || shape == LineShape.HARDWARE_ERROR || shape == LineShape.OOPS_START
                || shape == LineShape.TEXT) && LineShape.isLogMarker(buf, from, to)) {
            if (markerCount == markers.length) {
                markers = Arrays.copyOf(markers, markerCount * 2);
            }
            markers[markerCount++] = lineNo;
        }
        if (splitter.accept(lineNo, buf, from, to)) {
            segmenter.interrupt();
            return;
        }
        segmenter.line(lineNo, shape, BlockSplitter.indentOf(buf, from, to, false));
    }

    List<CommandBlock> blocks() {
        return splitter.finish();
    }

    List<Segment> segments() {
        return segmenter.finish();
    }

    int[] markers() {
        return Arrays.copyOf(markers, markerCount);
    }
}
