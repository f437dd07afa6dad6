package org.crashscope.ui.views;

import java.util.Locale;
import java.util.function.IntFunction;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

/**
 * A drop-down of a view's items (backtraces, walks, tables) that costs the same for ten items and
 * for a million: the drop-down holds at most {@link #PAGE} of them, built when shown; past that,
 * ◀ and ▶ page through the rest and a label says where the page is. Items are named by a function
 * of their index, so nothing is formatted that is not shown.
 */
public final class Chooser {

    /**
     * The most items a drop-down holds at once: GTK builds a menu item for each when it opens, and
     * inserting them costs about 1.6 ms each (a page of 200 held the UI thread 330 ms).
     */
    public static final int PAGE = 50;

    private final Composite area;
    private final Button earlier;
    private final Combo combo;
    private final Button later;
    private final Label where;
    private int count;
    private IntFunction<String> label = i -> "";
    private int first;
    private int selected = -1;
    private Runnable onSelect = () -> {
    };
    private String emptyText = "";

    public Chooser(Composite parent) {
        area = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(4, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        area.setLayout(layout);
        earlier = new Button(area, SWT.ARROW | SWT.LEFT);
        earlier.setToolTipText("The previous " + PAGE);
        combo = new Combo(area, SWT.READ_ONLY);
        later = new Button(area, SWT.ARROW | SWT.RIGHT);
        later.setToolTipText("The next " + PAGE);
        where = new Label(area, SWT.NONE);
        earlier.addListener(SWT.Selection, e -> page(first - PAGE));
        later.addListener(SWT.Selection, e -> page(first + PAGE));
        combo.addListener(SWT.Selection, e -> {
            int i = combo.getSelectionIndex();
            if (i >= 0) {
                selected = first + i;
                onSelect.run();
            }
        });
        setItems(0, label);
    }

    /** The drop-down, to take the focus. */
    public Control focusControl() {
        return combo;
    }

    /** The composite to lay out. */
    public Composite control() {
        return area;
    }

    /** Runs when the user picks an item (not when {@link #select} is called). */
    public void onSelect(Runnable action) {
        onSelect = action;
    }

    /** Replaces the items: {@code count} of them, item {@code i} named {@code label.apply(i)}; nothing is selected. */
    public void setItems(int count, IntFunction<String> label) {
        this.count = count;
        this.label = label;
        this.selected = -1;
        arrange();
        fill(0);
        combo.setEnabled(count > 0);
    }

    /** The arrows and the label are shown when the items are paged; the label alone, saying so, when there is none. */
    private void arrange() {
        boolean paged = count > PAGE;
        for (Control c : new Control[] {earlier, later, where}) {
            boolean shown = paged || c == where && count == 0 && !emptyText.isEmpty();
            c.setVisible(shown);
            if (!(c.getLayoutData() instanceof GridData)) {
                c.setLayoutData(new GridData());
            }
            ((GridData) c.getLayoutData()).exclude = !shown;
        }
    }

    /** What the chooser says when it has no item ("No walk in this transcript."). */
    public void setEmptyText(String text) {
        emptyText = text;
        arrange();
        if (count == 0) {
            where.setText(emptyText);
            area.layout(true);
        }
    }

    /** Selects item {@code i} (its page is shown), or nothing for -1. */
    public void select(int i) {
        if (i < 0 || i >= count) {
            selected = -1;
            combo.deselectAll();
            return;
        }
        selected = i;
        if (i < first || i >= first + PAGE) {
            fill(i / PAGE * PAGE);
        }
        combo.select(i - first);
    }

    /** Selects item {@code i} as the user would: its page is shown and the view follows. */
    public void pick(int i) {
        select(i);
        if (selected >= 0) {
            onSelect.run();
        }
    }

    /** How many items the drop-down holds now (at most {@link #PAGE}). */
    public int itemsInDropDown() {
        return combo.getItemCount();
    }

    /** The label of the selected item, or "". */
    public String text() {
        return selected < 0 ? "" : combo.getItem(selected - first);
    }

    /** The selected item's index, or -1. */
    public int getSelectionIndex() {
        return selected;
    }

    public int count() {
        return count;
    }

    public boolean isDisposed() {
        return area.isDisposed();
    }

    public void setEnabled(boolean enabled) {
        combo.setEnabled(enabled && count > 0);
    }

    private void page(int from) {
        if (from < 0 || from >= count) {
            return;
        }
        fill(from);
        combo.select(0);
        selected = first;
        onSelect.run();
    }

    private void fill(int from) {
        first = from;
        int n = Math.min(PAGE, count - from);
        String[] items = new String[Math.max(0, n)];
        for (int i = 0; i < items.length; i++) {
            items[i] = label.apply(from + i);
        }
        combo.setItems(items);
        if (selected >= first && selected < first + n) {
            combo.select(selected - first);
        }
        earlier.setEnabled(first > 0);
        later.setEnabled(first + PAGE < count);
        where.setText(count == 0 ? emptyText : String.format(Locale.ROOT, "%,d-%,d of %,d", first + 1, first + n, count));
        area.layout(true);
    }
}
