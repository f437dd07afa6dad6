package org.crashscope.diagram;

import java.util.Locale;

/** Writes a diagram as standalone SVG: no scripts, no external references, every text escaped. */
public final class SvgWriter {

    private SvgWriter() {
    }

    public static String write(Diagram diagram) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">%n",
                diagram.width(), diagram.height(), diagram.width(), diagram.height()));
        svg.append("<title>").append(escape(diagram.title())).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        for (Diagram.Shape shape : diagram.shapes()) {
            switch (shape) {
                case Diagram.Box b -> box(svg, b);
                case Diagram.Text t -> text(svg, t);
                case Diagram.Line l -> svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%d\"%s/>%n", l.x1(), l.y1(), l.x2(), l.y2(),
                        color(l.color()), l.width(), l.dashed() ? " stroke-dasharray=\"4 3\"" : ""));
            }
        }
        return svg.append("</svg>\n").toString();
    }

    private static void box(StringBuilder svg, Diagram.Box b) {
        boolean group = b.key() != null || b.tooltip() != null;
        if (group) {
            svg.append("<g").append(b.key() == null ? "" : " data-key=\"" + escape(b.key()) + "\"").append(">");
            if (b.tooltip() != null) {
                svg.append("<title>").append(escape(b.tooltip())).append("</title>");
            }
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"%d\" fill=\"%s\" stroke=\"%s\" stroke-width=\"%d\"/>",
                b.x(), b.y(), b.w(), b.h(), b.radius(), color(b.fill()), color(b.stroke()), b.strokeWidth()));
        svg.append(group ? "</g>\n" : "\n");
    }

    private static void text(StringBuilder svg, Diagram.Text t) {
        String anchor = switch (t.anchor()) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"%d\" fill=\"%s\"%s text-anchor=\"%s\" xml:space=\"preserve\">%s</text>%n",
                t.x(), t.y(), t.size(), color(t.color()), t.bold() ? " font-weight=\"bold\"" : "", anchor, escape(t.text())));
    }

    static String color(int rgb) {
        return rgb == Diagram.NONE ? "none" : String.format("#%06x", rgb);
    }

    /** XML-escapes text (also safe in HTML content and attributes) and drops control characters. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 && c != 0x7f || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
