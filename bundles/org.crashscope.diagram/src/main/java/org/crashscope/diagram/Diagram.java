package org.crashscope.diagram;

import java.util.List;

/**
 * A drawing in pixels, made of boxes, texts and lines: the one model that the SWT views paint and
 * the SVG writer serialises, so a report shows exactly what the workbench shows.
 */
public record Diagram(String title, int width, int height, List<Shape> shapes) {

    /** Colours are 0xRRGGBB; {@link #NONE} means not painted. */
    public static final int NONE = -1;

    /** What the diagram is made of. Every shape may carry a key that names what it shows ({@code slot:0x45}, {@code step:2}). */
    public sealed interface Shape permits Box, Text, Line {
        String key();
    }

    /** A rectangle; {@code tooltip} is shown on hover in SWT and as a {@code <title>} in SVG. */
    public record Box(int x, int y, int w, int h, int fill, int stroke, int strokeWidth, int radius, String key, String tooltip)
            implements Shape {

        public boolean contains(int px, int py) {
            return px >= x && px < x + w && py >= y && py < y + h;
        }
    }

    /**
     * Text in the monospace face; {@code y} is the baseline. {@code size} is in pixels; every
     * character is {@link #charWidth(int)} wide, so layouts measure text without a graphics context.
     */
    public record Text(int x, int y, String text, int size, int color, boolean bold, Anchor anchor, String key) implements Shape {
    }

    public record Line(int x1, int y1, int x2, int y2, int color, int width, boolean dashed, String key) implements Shape {
    }

    public enum Anchor {
        START, MIDDLE, END
    }

    /** The advance of one monospace character at {@code size} pixels. */
    public static int charWidth(int size) {
        return Math.round(size * 0.6f);
    }

    public static int textWidth(String text, int size) {
        return text.length() * charWidth(size);
    }

    /** The shape with a key under a point, topmost first, or {@code null}. */
    public Box boxAt(int x, int y) {
        for (int i = shapes.size() - 1; i >= 0; i--) {
            if (shapes.get(i) instanceof Box b && b.key() != null && b.contains(x, y)) {
                return b;
            }
        }
        return null;
    }

    /** The last box with this key (the detailed one, where a diagram shows a thing twice), or {@code null}. */
    public Box lastBox(String key) {
        Box found = null;
        for (Shape s : shapes) {
            if (s instanceof Box b && key.equals(b.key())) {
                found = b;
            }
        }
        return found;
    }

    /** The first box with this key, or {@code null}. */
    public Box box(String key) {
        return shapes.stream().filter(s -> s instanceof Box && key.equals(s.key())).map(Box.class::cast).findFirst().orElse(null);
    }
}
