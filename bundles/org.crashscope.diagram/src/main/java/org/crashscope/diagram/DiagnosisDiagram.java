package org.crashscope.diagram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.crashscope.presentation.KnownIssue;
import org.crashscope.presentation.Step;

/**
 * The evidence chain as a vertical sequence of steps (error, page, table slot, user address, VMA,
 * task, instruction), each with its sentence, confidence and evidence lines; gaps in amber with
 * the crash command that fills them; then the known issue with its fixes and workaround, or what
 * the kind of crash means and what to check next.
 */
public final class DiagnosisDiagram {

    private static final int MARGIN = 16;
    /** The width of the chain in reports; a view passes its own. */
    public static final int WIDTH = 900;
    static final int MIN_WIDTH = 560;
    static final int MAX_WIDTH = 1600;
    private static final int FONT = 12;
    private static final int SMALL = 11;
    private static final int LINE = 16;

    private DiagnosisDiagram() {
    }

    /** The key of a step's box: {@code finding:N}. */
    public static String key(int index) {
        return "finding:" + index;
    }

    public static Diagram of(List<Step> findings, List<KnownIssue> diagnoses) {
        return of(findings, diagnoses, WIDTH);
    }

    /** The chain drawn {@code width} pixels wide (kept between {@value #MIN_WIDTH} and {@value #MAX_WIDTH}): a view's width. */
    public static Diagram of(List<Step> findings, List<KnownIssue> diagnoses, int width) {
        int w = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, width));
        DiagramBuilder d = new DiagramBuilder();
        String title = diagnoses.isEmpty() ? "Evidence chain" : "Diagnosis: " + diagnoses.get(0).name(); // in words: the id ("sysrq-crash") is the box's key
        d.text(MARGIN, 24, title, 15, Palette.INK, true);
        int y = 40;
        int chars = (w - 2 * MARGIN - 60) / Diagram.charWidth(FONT);
        for (int i = 0; i < findings.size(); i++) {
            Step f = findings.get(i);
            List<String> lines = wrap(f.text(), chars);
            if (f.isGap()) {
                lines.add("next: crash> " + f.nextCommand());
            }
            int h = 26 + lines.size() * LINE;
            int fill = f.isGap() ? Palette.FOCUS_FILL : Palette.LEVELS[i % 5];
            d.box(MARGIN, y, w - 2 * MARGIN, h, fill, f.isGap() ? Palette.FOCUS : Palette.GRID, f.isGap() ? 2 : 1, key(i),
                    "lines " + String.join(", ", f.evidence().stream().map(String::valueOf).toList()));
            d.text(MARGIN + 10, y + 17, String.format("%d  %s", i + 1, label(f)), SMALL, Palette.MUTED, true);
            d.text(w - MARGIN - 10 - Diagram.textWidth(confidence(f), SMALL), y + 17, confidence(f), SMALL, Palette.MUTED, false);
            int ty = y + 17 + LINE;
            for (String line : lines) {
                d.text(MARGIN + 28, ty, line, FONT, line.startsWith("next: ") ? Palette.ANOMALY_EDGE : Palette.INK, line.startsWith("next: "));
                ty += LINE;
            }
            y += h;
            if (i < findings.size() - 1) {
                d.line(MARGIN + 40, y, MARGIN + 40, y + 12, Palette.MUTED, 2, false);
                y += 12;
            }
        }
        for (KnownIssue diagnosis : diagnoses) {
            y += 18;
            List<String> lines = new ArrayList<>(wrap(diagnosis.title(), chars));
            if (!diagnosis.fixedIn().isEmpty()) {
                lines.add("fixed in: " + String.join(", ", diagnosis.fixedIn()));
            }
            if (diagnosis.kernel() != null && !diagnosis.explainsAKind()) {
                lines.add("running " + diagnosis.kernel() + ": " + diagnosis.kernelVerdict());
            }
            if (diagnosis.workaround() != null) {
                lines.addAll(wrap(diagnosis.adviceLabel().toLowerCase(Locale.ROOT) + ": " + (diagnosis.workaroundText() != null ? diagnosis.workaroundText() : diagnosis.workaround()),
                        chars));
            }
            diagnosis.missing().forEach(m -> lines.addAll(wrap("not seen: " + m, chars)));
            int h = 26 + lines.size() * LINE;
            // a known issue that matches is the alarm; what a kind of crash means is an explanation
            boolean strong = diagnosis.confidence() >= 0.8 && !diagnosis.explainsAKind();
            d.box(MARGIN, y, w - 2 * MARGIN, h, strong ? Palette.ANOMALY : Palette.HEADER, strong ? Palette.ANOMALY_EDGE : Palette.GRID, 2,
                    "diagnosis:" + diagnosis.id(), diagnosis.summary());
            // headed in words (the rule's title is its first line below), not by the rule's id ("sysrq-crash")
            d.text(MARGIN + 10, y + 17, String.format(Locale.ROOT, "%s  (%.0f%% of its symptoms hold)", diagnosis.what().toUpperCase(Locale.ROOT),
                    diagnosis.confidence() * 100), SMALL, strong ? Palette.ANOMALY_EDGE : Palette.MUTED, true);
            int ty = y + 17 + LINE;
            for (String line : lines) {
                d.text(MARGIN + 28, ty, line, FONT, Palette.INK, line.startsWith("fixed in") || line.startsWith("running"));
                ty += LINE;
            }
            y += h;
        }
        return d.build(title, w, y + MARGIN);
    }

    private static String label(Step f) {
        return f.heading();
    }

    private static String confidence(Step f) {
        return f.isGap() ? "run the command below" : f.confidence() + " confidence";
    }

    /** Breaks text into lines of at most {@code width} characters at spaces. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            while (word.length() > width) {
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
