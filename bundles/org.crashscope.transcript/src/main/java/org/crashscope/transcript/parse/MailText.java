package org.crashscope.transcript.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.crashscope.transcript.LineShape;
import org.crashscope.transcript.model.Diagnostic;

/**
 * Transcript text as it came out of a mail, made whole again for the parsers: quote marks
 * ({@code > }, {@code > > }) left out, and lines a mailer wrapped at 72 or 80 columns joined. The
 * line numbers stay those of the file: a joined line is numbered by its first part. Only a
 * transcript whose lines are all short (at most {@value #WRAP_MAX} bytes) is taken for wrapped,
 * and a line continues the one before only when the first word of it would not have fitted on
 * the one before (a mailer breaks there and nowhere else), that one is nearly full ({@value #WRAP_MIN}
 * bytes or more), the next one has no shape of its own (no prompt, frame, register row, dump
 * row, log prefix) and either the break left a trailing blank (as {@code format=flowed} and
 * {@code fold -s} do), or a log line is continued by text without a timestamp; or the next line
 * is a lone value (a register's value, a {@code [module]}) after a line of {@value #LONE_MIN} bytes
 * or more.
 */
final class MailText {

    static final int WRAP_MIN = 60;
    /** Mailers count a trailing blank or the break itself differently: a word that misses the width by this much still did not fit. */
    static final int SLACK = 3;
    /** A lone value continues a line of at least this many bytes. */
    static final int LONE_MIN = 40;
    static final int WRAP_MAX = 100;

    private MailText() {
    }

    /** A block's lines unquoted and unwrapped; what was done is added to {@code notes}. */
    static BlockText block(int first, List<String> raw, int width, List<Diagnostic> notes) {
        List<String> lines = raw;
        if (quoted(raw)) {
            lines = raw.stream().map(MailText::unquote).toList();
            notes.add(Diagnostic.info(first, "quoted mail: the quote marks (\"> \") are left out"));
        }
        if (width <= 0 || !joins(lines, width)) {
            return new BlockText(first, lines); // (a long block's lines are decoded as read: copied only when lines join)
        }
        List<String> out = new ArrayList<>(lines.size());
        int[] numbers = new int[lines.size()];
        List<Integer> joined = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i > 0 && !out.isEmpty() && continues(lines.get(i - 1), line, width)) {
                out.set(out.size() - 1, join(out.get(out.size() - 1), line));
                joined.add(first + i);
                continue;
            }
            numbers[out.size()] = first + i;
            out.add(line);
        }
        notes.add(Diagnostic.info(joined.get(0) - 1, joinedText(joined)));
        return new BlockText(first, out, java.util.Arrays.copyOf(numbers, out.size()), first + lines.size() - 1);
    }

    /** Whether a line of {@code lines} continues the one before. */
    private static boolean joins(List<String> lines, int width) {
        for (int i = 1; i < lines.size(); i++) {
            if (continues(lines.get(i - 1), lines.get(i), width)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The lines of a log as its parser reads them: unquoted, a wrapped line whole on its first
     * line, {@code null} for the lines that were joined to the one before.
     */
    static final class LogLines implements IntFunction<String> {
        private final IntFunction<String> raw;
        private final int last;
        private final int width;
        private final List<Integer> joined = new ArrayList<>();

        /** @param width the wrap width (the longest line), or 0 when the text is not wrapped */
        LogLines(IntFunction<String> raw, int last, int width) {
            this.raw = raw;
            this.last = last;
            this.width = width;
        }

        @Override
        public String apply(int lineNo) {
            String line = unquote(raw.apply(lineNo));
            if (width <= 0) {
                return line;
            }
            if (lineNo > 1 && continues(unquote(raw.apply(lineNo - 1)), line, width)) {
                return null;
            }
            String part = line;
            for (int next = lineNo + 1; next <= last; next++) {
                String more = unquote(raw.apply(next));
                if (!continues(part, more, width)) {
                    break;
                }
                line = join(line, more);
                part = more;
                if (!joined.contains(next)) {
                    joined.add(next);
                }
            }
            return line;
        }

        /** What was joined, as a diagnostic, or {@code null}. */
        Diagnostic note() {
            return joined.isEmpty() ? null : Diagnostic.info(joined.get(0) - 1, joinedText(joined.stream().sorted().toList()));
        }
    }

    private static String joinedText(List<Integer> joined) {
        return String.format("%d line%s wrapped by a mailer joined to the line before (line %s%s)", joined.size(), joined.size() == 1 ? "" : "s",
                joined.get(0), joined.size() > 1 ? " ..." : "");
    }

    /** Whether most non-blank lines are quoted. */
    static boolean quoted(List<String> lines) {
        int quoted = 0;
        int text = 0;
        for (String l : lines) {
            if (!l.isBlank()) {
                text++;
                if (l.stripLeading().startsWith(">")) {
                    quoted++;
                }
            }
        }
        return text > 0 && quoted * 2 > text;
    }

    /** The line without its quote marks. */
    static String unquote(String line) {
        if (line == null || line.isEmpty() || line.stripLeading().isEmpty() || line.stripLeading().charAt(0) != '>') {
            return line;
        }
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        int i = LineShape.skipQuote(b, LineShape.skipSpace(b, 0, b.length), b.length);
        return new String(b, i, b.length - i, StandardCharsets.UTF_8);
    }

    /**
     * Whether {@code next} is the rest of {@code prev}, cut by a mailer that wraps at {@code width}:
     * a mailer breaks a line only where its next word does not fit, so {@code prev} and that word
     * together are wider than {@code width}.
     */
    static boolean continues(String prev, String next, int width) {
        if (prev == null || next == null || next.isBlank() || prev.length() < LONE_MIN || prev.length() > WRAP_MAX + 1 || next.contains("crash>")) {
            return false;
        }
        if (prev.stripTrailing().length() + 1 + Words.firstLength(next) <= width - SLACK) {
            return false; // the word would have fitted: the line was not wrapped there
        }
        boolean logContinued = prev.length() >= WRAP_MIN && LogLine.of(prev).timestamp() != null && LogLine.of(next).timestamp() == null;
        if (logContinued && prev.endsWith(" ")) {
            return true; // in a log every line has its timestamp: one without it after a soft break is the rest of the line before
        }
        if (Character.isWhitespace(next.charAt(0))) {
            return false; // a mailer starts the rest of a line in the first column; indented text is a line of its own
        }
        if (!LineShape.isPlainText(next)) {
            return false;
        }
        String token = next.strip();
        if (!token.contains(" ") && (token.matches("(?:0x)?[0-9a-fA-F]{8,16}[,.;)]*") || token.matches("\\[\\w[\\w.-]*\\]"))) {
            return true; // a lone value: a register's, an address, a [module]
        }
        if (prev.length() < WRAP_MIN) {
            return false;
        }
        return prev.endsWith(" ") || logContinued;
    }

    private static String join(String prev, String next) {
        return prev.endsWith(" ") ? prev + next.stripLeading() : prev + " " + next.stripLeading();
    }
}
