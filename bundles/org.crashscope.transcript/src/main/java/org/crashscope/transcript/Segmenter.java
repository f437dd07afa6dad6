package org.crashscope.transcript;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups the lines that no prompt claims into segments by their shape. A segment ends at a line
 * of another shape; blank lines inside are kept when more of the same follows (bt -a separates
 * tasks by blank lines), and indented lines under a backtrace or dump are kept as the analyst's
 * annotations, unless they follow a blank line: then the prose has resumed.
 */
final class Segmenter {

    private final List<Segment> segments = new ArrayList<>();
    private Segment.Kind open;
    private int first;
    private int lastContent;
    private int indent;
    private boolean afterBlank;

    void line(int lineNo, LineShape shape, int lineIndent) {
        line(lineNo, shape, lineIndent, false);
    }

    /** @param continued the line is the rest of the one before, cut by a mailer: it belongs wherever that one does */
    void line(int lineNo, LineShape shape, int lineIndent, boolean continued) {
        if (shape == LineShape.BLANK) {
            afterBlank = open != null;
            return;
        }
        if (continued && open != null && (shape == LineShape.TEXT || shape == LineShape.REPORT_TEXT)) {
            lastContent = lineNo;
            return;
        }
        Segment.Kind kind = kindOf(shape);
        if (open != null && continues(shape, kind, lineIndent)) {
            lastContent = lineNo;
            afterBlank = false;
            return;
        }
        close();
        if (kind != null) {
            open = kind;
            first = lineNo;
            lastContent = lineNo;
            indent = lineIndent;
        }
        afterBlank = false;
    }

    /** A prompt block starts: whatever was open ends before it. */
    void interrupt() {
        close();
    }

    List<Segment> finish() {
        close();
        return List.copyOf(segments);
    }

    private boolean continues(LineShape shape, Segment.Kind kind, int lineIndent) {
        return switch (open) {
            case LOG -> kind == Segment.Kind.LOG || shape == LineShape.REPORT_TEXT || !afterBlank && shape != LineShape.BT_HEADER && lineIndent >= indent;
            case BACKTRACE -> kind == Segment.Kind.BACKTRACE || shape == LineShape.DUMP_ROW
                    || !afterBlank && lineIndent >= indent && shape != LineShape.LOG;
            case MEMORY_DUMP -> shape == LineShape.DUMP_ROW || !afterBlank && lineIndent > indent && (shape == LineShape.TEXT || shape == LineShape.REPORT_TEXT);
            case SESSION -> shape == LineShape.SESSION_FIELD && !afterBlank;
        };
    }

    private static Segment.Kind kindOf(LineShape shape) {
        return switch (shape) {
            case LOG, HARDWARE_ERROR, OOPS_START -> Segment.Kind.LOG;
            case BT_HEADER, BT_FRAME, BT_REGISTERS -> Segment.Kind.BACKTRACE;
            case DUMP_ROW -> Segment.Kind.MEMORY_DUMP;
            case SESSION_FIELD -> Segment.Kind.SESSION;
            default -> null;
        };
    }

    private void close() {
        if (open != null) {
            segments.add(new Segment(first, lastContent, open));
            open = null;
        }
        afterBlank = false;
    }
}
