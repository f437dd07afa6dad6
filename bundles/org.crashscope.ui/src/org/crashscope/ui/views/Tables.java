package org.crashscope.ui.views;

import java.util.function.Function;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.TableItem;

/** Small helpers for the views' JFace tables. */
public final class Tables {
    private Tables() {
    }

    /**
     * A virtual table: rows are created and labelled when they are scrolled into view, so a view of
     * a million stack words, slots or rows costs what is on screen.
     */
    public static TableViewer create(Composite parent) {
        TableViewer viewer = create(parent, SWT.VIRTUAL);
        viewer.setUseHashlookup(true);
        viewer.getTable().setData(VIRTUAL, Boolean.TRUE);
        Display display = parent.getDisplay();
        if (display.getData(VIRTUAL) == null) {
            display.setData(VIRTUAL, Boolean.TRUE);
            display.addFilter(SWT.Skin, Tables::unskinned);
        }
        return viewer;
    }

    /**
     * Gives {@code viewer} the focus only when a row is selected: focusing a table with no
     * selection makes GTK select its first row, and the views follow a selection to its lines, so
     * clicking a view's tab would move the editor away from where the analyst reads. Without a
     * selection {@code otherwise} (the view's drop-down, its panel) takes the focus; Tab reaches
     * the table.
     */
    public static void focus(TableViewer viewer, Control otherwise) {
        if (viewer.getTable().getSelectionCount() > 0 || otherwise == null || otherwise.isDisposed()) {
            viewer.getControl().setFocus();
        } else if (otherwise instanceof Composite panel) {
            panel.forceFocus(); // not setFocus: a composite hands that to its first child, the table
        } else {
            otherwise.setFocus();
        }
    }

    /** Marks the tables whose rows the theme engine must not style. */
    private static final String VIRTUAL = "org.crashscope.ui.virtualTable";

    /**
     * The rows of a virtual table are created as they scroll into view and are never styled by
     * the theme engine (the table itself is): a theme switch resetting a row GTK no longer has
     * crashes the JVM in {@code TableItem._getForeground}. Their colours come from the table and
     * the label provider.
     */
    private static void unskinned(Event e) {
        if (e.widget instanceof TableItem item && !item.isDisposed() && item.getParent().getData(VIRTUAL) != null) {
            e.type = SWT.None;
        }
    }

    private static TableViewer create(Composite parent, int style) {
        TableViewer viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL | style);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        return viewer;
    }

    /**
     * A column. {@code font} (the text font for hex columns) is set on the whole table, never per
     * cell: setting a cell's font while GTK renders a virtual row replaces the cell renderers under
     * it (SWT issue 678, a JVM crash).
     */
    public static <T> void column(TableViewer viewer, Class<T> type, String title, int width, Function<T, String> text, Function<T, Color> background,
            Font font) {
        if (font != null && viewer.getTable().getFont() != font) {
            viewer.getTable().setFont(font);
        }
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return type.isInstance(element) ? text.apply(type.cast(element)) : "";
            }

            @Override
            public Color getBackground(Object element) {
                return background == null || !type.isInstance(element) ? null : background.apply(type.cast(element));
            }
        });
    }
}
