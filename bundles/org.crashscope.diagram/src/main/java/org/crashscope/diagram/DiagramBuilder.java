package org.crashscope.diagram;

import java.util.ArrayList;
import java.util.List;

/** Collects shapes for a diagram. */
final class DiagramBuilder {
    private final List<Diagram.Shape> shapes = new ArrayList<>();

    DiagramBuilder box(int x, int y, int w, int h, int fill, int stroke, int strokeWidth, String key, String tooltip) {
        shapes.add(new Diagram.Box(x, y, w, h, fill, stroke, strokeWidth, 3, key, tooltip));
        return this;
    }

    /** A square-cornered box: cheap to paint in the hundreds (the 512 cells of a table overview). */
    DiagramBuilder cell(int x, int y, int w, int h, int fill, int stroke, int strokeWidth, String key, String tooltip) {
        shapes.add(new Diagram.Box(x, y, w, h, fill, stroke, strokeWidth, 0, key, tooltip));
        return this;
    }

    DiagramBuilder text(int x, int y, String text, int size, int color, boolean bold) {
        shapes.add(new Diagram.Text(x, y, text, size, color, bold, Diagram.Anchor.START, null));
        return this;
    }

    DiagramBuilder centered(int x, int y, String text, int size, int color, boolean bold) {
        shapes.add(new Diagram.Text(x, y, text, size, color, bold, Diagram.Anchor.MIDDLE, null));
        return this;
    }

    DiagramBuilder line(int x1, int y1, int x2, int y2, int color, int width, boolean dashed) {
        shapes.add(new Diagram.Line(x1, y1, x2, y2, color, width, dashed, null));
        return this;
    }

    Diagram build(String title, int width, int height) {
        return new Diagram(title, width, height, List.copyOf(shapes));
    }
}
