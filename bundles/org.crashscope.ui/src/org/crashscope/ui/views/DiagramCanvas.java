package org.crashscope.ui.views;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.crashscope.diagram.Diagram;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.crashscope.ui.preferences.Preferences;

/**
 * Paints a {@link Diagram} (the same model the SVG reports are written from) in a scrolled
 * canvas; hovering a keyed box shows its tooltip, clicking it reports its key.
 */
public final class DiagramCanvas {

    private final ScrolledComposite scroller;
    private final Canvas canvas;
    private final Map<Integer, Color> colors = new HashMap<>();
    private final Map<String, Font> fonts = new HashMap<>();
    private Diagram diagram;
    private Consumer<String> onSelect = key -> { };
    private Consumer<String> onOpen = key -> { };

    public DiagramCanvas(Composite parent) {
        scroller = new ScrolledComposite(parent, SWT.H_SCROLL | SWT.V_SCROLL);
        canvas = new Canvas(scroller, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(color(org.crashscope.diagram.Palette.BACKGROUND));
        scroller.setContent(canvas);
        scroller.getVerticalBar().setIncrement(20);
        scroller.getHorizontalBar().setIncrement(20);
        canvas.addPaintListener(e -> paint(e.gc, new org.eclipse.swt.graphics.Rectangle(e.x, e.y, e.width, e.height)));
        canvas.addListener(SWT.MouseMove, e -> {
            Diagram.Box box = diagram == null ? null : diagram.boxAt(e.x, e.y);
            String tip = box == null ? null : box.tooltip();
            if (!java.util.Objects.equals(tip, canvas.getToolTipText())) {
                canvas.setToolTipText(tip);
            }
        });
        canvas.addListener(SWT.MouseDown, e -> {
            Diagram.Box box = diagram == null ? null : diagram.boxAt(e.x, e.y);
            if (box != null && e.button == 1) {
                onSelect.accept(box.key());
            }
        });
        canvas.addListener(SWT.MouseDoubleClick, e -> {
            Diagram.Box box = diagram == null ? null : diagram.boxAt(e.x, e.y);
            if (box != null && e.button == 1) {
                onOpen.accept(box.key());
            }
        });
        canvas.addDisposeListener(e -> {
            colors.values().forEach(Color::dispose);
            fonts.values().forEach(Font::dispose);
        });
    }

    public Composite control() {
        return scroller;
    }

    public Canvas canvas() {
        return canvas;
    }

    public Diagram diagram() {
        return diagram;
    }

    public void onSelect(Consumer<String> listener) {
        this.onSelect = listener;
    }

    /** Runs on a double click on a box (with its key): what the box leads to opens. */
    public void onOpen(Consumer<String> listener) {
        this.onOpen = listener;
    }

    public void setDiagram(Diagram diagram) {
        this.diagram = diagram;
        Point size = diagram == null ? new Point(0, 0) : new Point(diagram.width(), diagram.height());
        canvas.setSize(size);
        scroller.setMinSize(size);
        canvas.redraw();
    }

    /** Scrolls so that the box with this key is visible. */
    public void reveal(String key) {
        Diagram.Box box = diagram == null ? null : diagram.lastBox(key);
        if (box != null) {
            Point origin = scroller.getOrigin();
            int h = scroller.getClientArea().height;
            if (box.y() < origin.y || box.y() + box.h() > origin.y + h) {
                scroller.setOrigin(origin.x, Math.max(0, box.y() - h / 3));
            }
        }
    }

    /** Paints the shapes that meet {@code clip}: a 512-slot table is tall, but only a screenful is ever damaged. */
    private void paint(GC gc, org.eclipse.swt.graphics.Rectangle clip) {
        if (diagram == null) {
            return;
        }
        Color paper = color(org.crashscope.diagram.Palette.BACKGROUND);
        if (!paper.equals(canvas.getBackground())) {
            // the theme changed: the page around the diagram follows (this repaints once more)
            canvas.setBackground(paper);
            scroller.setBackground(paper);
        }
        gc.setBackground(paper);
        gc.fillRectangle(clip);
        gc.setAntialias(SWT.ON);
        gc.setTextAntialias(SWT.ON);
        for (Diagram.Shape shape : diagram.shapes()) {
            if (!meets(shape, clip)) {
                continue;
            }
            switch (shape) {
                case Diagram.Box b -> {
                    // square boxes need no anti-aliasing; rounded ones look jagged without it
                    gc.setAntialias(b.radius() == 0 ? SWT.OFF : SWT.ON);
                    if (b.fill() != Diagram.NONE) {
                        gc.setBackground(color(b.fill()));
                        if (b.radius() == 0) {
                            gc.fillRectangle(b.x(), b.y(), b.w(), b.h());
                        } else {
                            gc.fillRoundRectangle(b.x(), b.y(), b.w(), b.h(), b.radius() * 2, b.radius() * 2);
                        }
                    }
                    if (b.stroke() != Diagram.NONE) {
                        gc.setForeground(color(b.stroke()));
                        gc.setLineWidth(b.strokeWidth());
                        gc.setLineStyle(SWT.LINE_SOLID);
                        if (b.radius() == 0) {
                            gc.drawRectangle(b.x(), b.y(), b.w() - 1, b.h() - 1);
                        } else {
                            gc.drawRoundRectangle(b.x(), b.y(), b.w() - 1, b.h() - 1, b.radius() * 2, b.radius() * 2);
                        }
                    }
                }
                case Diagram.Text t -> {
                    gc.setFont(font(t.size(), t.bold()));
                    gc.setForeground(color(t.color()));
                    Point extent = gc.textExtent(t.text());
                    int x = switch (t.anchor()) {
                        case START -> t.x();
                        case MIDDLE -> t.x() - extent.x / 2;
                        case END -> t.x() - extent.x;
                    };
                    int ascent = gc.getFontMetrics().getAscent();
                    gc.drawString(t.text(), x, t.y() - ascent, true);
                }
                case Diagram.Line l -> {
                    gc.setAntialias(SWT.ON);
                    gc.setForeground(color(l.color()));
                    gc.setLineWidth(l.width());
                    gc.setLineStyle(l.dashed() ? SWT.LINE_DASH : SWT.LINE_SOLID);
                    gc.drawLine(l.x1(), l.y1(), l.x2(), l.y2());
                }
            }
        }
    }

    static boolean meets(Diagram.Shape shape, org.eclipse.swt.graphics.Rectangle clip) {
        return switch (shape) {
            case Diagram.Box b -> clip.intersects(b.x(), b.y(), b.w(), b.h());
            case Diagram.Text t -> {
                int w = Diagram.textWidth(t.text(), t.size());
                int x = t.anchor() == Diagram.Anchor.START ? t.x() : t.anchor() == Diagram.Anchor.MIDDLE ? t.x() - w / 2 : t.x() - w;
                yield clip.intersects(x, t.y() - t.size() - 2, w + 4, t.size() + 6);
            }
            case Diagram.Line l -> clip.intersects(Math.min(l.x1(), l.x2()) - l.width(), Math.min(l.y1(), l.y2()) - l.width(),
                    Math.abs(l.x2() - l.x1()) + 2 * l.width() + 1, Math.abs(l.y2() - l.y1()) + 2 * l.width() + 1);
        };
    }

    /** A diagram colour, in the dark theme's variant when that is active. */
    private Color color(int rgb) {
        int shown = Preferences.isDark() ? org.crashscope.diagram.Palette.onDark(rgb) : rgb;
        return colors.computeIfAbsent(shown, c -> new Color(new RGB((c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff)));
    }

    /** A monospace font whose pixel size matches the diagram's (which lays text out at 0.6 em per character). */
    private Font font(int pixels, boolean bold) {
        return fonts.computeIfAbsent(pixels + (bold ? "b" : ""), k -> {
            Display display = canvas.getDisplay();
            int dpi = display.getDPI().y;
            int points = Math.max(6, Math.round(pixels * 72f / dpi));
            return new Font(display, new FontData("DejaVu Sans Mono", points, bold ? SWT.BOLD : SWT.NORMAL));
        });
    }
}
