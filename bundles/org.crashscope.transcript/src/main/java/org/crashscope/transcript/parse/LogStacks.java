package org.crashscope.transcript.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Frame;
import org.crashscope.transcript.model.LogStack;
import org.crashscope.transcript.model.ReportLine;
import org.crashscope.transcript.model.Span;

/**
 * The stacks of one kernel report, read from its lines into the frame model of {@code bt}: every
 * Call Trace format ({@code [<addr>] fn+off/len}, without addresses, {@code ? } unreliable entries,
 * {@code <IRQ>}/{@code <EOI>}/{@code <TASK>}/{@code <NMI>} sections, module names in brackets,
 * {@code file:line} and {@code [inline]} frames of symbolized reports, arm64's {@code Call trace:}
 * and {@code (P)} marks), KASAN's allocation and free stacks, kmemleak's backtrace, KMSAN's origins
 * and lockdep's chain links.
 */
final class LogStacks {
    /**
     * {@code [<ffffffff81234567>] ? name+0x1a/0x40 [module] file.c:12 [inline]}, s390's {@code ([<000000000012f6fa>] name+0x8a/0x120)},
     * powerpc's {@code [c000000002f8fc30] [c0000000001b3a40] name+0x30/0x80 (unreliable)}; the offset is absent on inlined frames.
     */
    private static final Pattern FRAME = Pattern.compile("^\\s*\\(?(?:\\[[0-9a-f]{16}\\]\\s+)?(?:\\[<?(?:0x)?([0-9a-f]{1,16})>?\\]\\s*)?(\\?\\s+)?"
            + "([A-Za-z_$][\\w.$]*)(?:\\+0x([0-9a-f]{1,16})/0x[0-9a-f]{1,16})?(?:\\s+\\[([\\w-]+)\\])?(?:\\s+\\(P\\))?(?:\\s+([\\w./+-]+:\\d+))?"
            + "(\\s+\\[inline\\])?\\)?(\\s+\\(unreliable\\))?\\s*$");
    private static final Pattern HEADING = Pattern.compile("^\\s*(Call [Tt]race:|Allocated by task \\d+:|Freed by task \\d+:|Allocated:|Freed:"
            + "|Last potentially related work creation:|Second to last potentially related work creation:|Last potentially related work creation:"
            + "|backtrace(?: \\(crc [0-9a-f]+\\))?:|Uninit was created at:|Uninit was stored to memory at:|Local variable .* created at:"
            + "|-> #\\d+ .*:|page last allocated .*|page last free .*|.*which became .* at:)\\s*$");
    private static final Pattern SECTION = Pattern.compile("^\\s*<(/?)(IRQ|EOI|TASK|NMI|SOFTIRQ)>\\s*$");

    private LogStacks() {
    }

    static List<LogStack> of(List<ReportLine> body) {
        List<LogStack> out = new ArrayList<>();
        Builder open = null;
        for (int i = 0; i < body.size(); i++) {
            ReportLine l = body.get(i);
            String text = l.text();
            String end = text.stripTrailing();
            Matcher h = end.endsWith(":") || text.contains("page last") ? HEADING.matcher(text) : null;
            if (i > 0 && h != null && h.matches()) {
                close(open, out);
                open = new Builder(l.line(), h.group(1));
                continue;
            }
            Matcher s = end.endsWith(">") ? SECTION.matcher(text) : null;
            if (s != null && s.matches()) {
                if (open != null) {
                    open.section = s.group(1).isEmpty() && !s.group(2).equals("EOI") ? s.group(2) : "";
                    open.last = l.line();
                }
                continue;
            }
            // a frame has an offset or is inlined: other lines are not tried
            Matcher f = text.contains("+0x") || text.contains("[inline]") ? FRAME.matcher(text) : null;
            boolean frame = f != null && f.matches() && (f.group(4) != null || f.group(7) != null);
            if (frame) {
                if (open == null) {
                    // frames right under the report's first line: KMSAN and KCSAN print their stacks without a heading
                    if (i > 2) {
                        continue;
                    }
                    open = new Builder(body.get(0).line(), "Report");
                }
                open.add(l.line(), f);
            } else if (open != null && !open.frames.isEmpty()) {
                close(open, out);
                open = null;
            }
        }
        close(open, out);
        return List.copyOf(out);
    }

    private static void close(Builder b, List<LogStack> out) {
        if (b != null && !b.frames.isEmpty()) {
            out.add(new LogStack(new Span(b.line, b.last), b.heading, List.copyOf(b.frames), List.copyOf(b.sections)));
        }
    }

    private static final class Builder {
        final int line;
        final String heading;
        final List<Frame> frames = new ArrayList<>();
        final List<String> sections = new ArrayList<>();
        String section = "";
        int last;

        Builder(int line, String heading) {
            this.line = line;
            this.heading = heading;
            this.last = line;
        }

        void add(int lineNo, Matcher f) {
            Long address = f.group(1) == null ? null : Long.parseUnsignedLong(f.group(1), 16);
            long offset = f.group(4) == null ? 0 : Long.parseUnsignedLong(f.group(4), 16);
            frames.add(new Frame(lineNo, frames.size(), 0, f.group(2) != null || f.group(8) != null, f.group(3), offset, address, f.group(5), f.group(6),
                    null));
            sections.add(section);
            last = Math.max(last, lineNo);
        }
    }
}
