package org.crashscope.ui.views;

import org.crashscope.presentation.Presentation;
import java.util.List;

import org.crashscope.diagram.PageTableDiagram;
import org.crashscope.arch.paging.PageTable;
import org.crashscope.arch.paging.TableSlot;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The dumped page tables of the active transcript: all 512 slots with the dumped ones coloured
 * by kind, the entries that break a run of huge pages in red (expected vs found in the tooltip),
 * the slot a walk reads outlined. Clicking a slot selects its line in the editor.
 */
public final class PageTableView extends TranscriptView {

    public static final String ID = "org.crashscope.ui.pageTableView";

    private Chooser tables;
    private Label summary;
    private DiagramCanvas canvas;
    private List<PageTable> shown = List.of();
    private final SimpleSelectionProvider selection = new SimpleSelectionProvider();

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(2, false));
        tables = new Chooser(parent);
        tables.control().setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false));
        tables.onSelect(() -> showTable(tables.getSelectionIndex()));
        summary = new Label(parent, SWT.NONE);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        canvas = new DiagramCanvas(parent);
        canvas.control().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        canvas.onSelect(this::selectSlot);
        getSite().setSelectionProvider(selection);
        followActiveTranscript();
    }

    /** Shows the tables of an analysis (none when {@code null}). */
    @Override
    protected void show(Presentation analysis) {
        if (tables.isDisposed()) {
            return;
        }
        shown = analysis == null ? List.of() : analysis.paging().tables();
        List<PageTable> named = shown;
        tables.setItems(shown.size(), i -> {
            PageTable t = named.get(i);
            return String.format("%s table 0x%x (line %d)", t.level() == null ? "?" : t.level(), t.base(), t.dump().span().first());
        });
        tables.setEnabled(!shown.isEmpty());
        if (shown.isEmpty()) {
            summary.setText(analysis == null ? "No transcript open." : "No page table dump (an 8-byte rd of a table page) in this transcript.");
            canvas.setDiagram(null);
        } else {
            int withAnomaly = 0;
            for (int i = 0; i < shown.size(); i++) {
                if (!shown.get(i).anomalies().isEmpty()) {
                    withAnomaly = i;
                    break;
                }
            }
            tables.select(withAnomaly);
            showTable(withAnomaly);
        }
        tables.control().getParent().layout(true, true);
    }

    private void showTable(int index) {
        if (index < 0 || index >= shown.size()) {
            return;
        }
        PageTable table = shown.get(index);
        int anomalies = table.anomalies().size();
        summary.setText(String.format("%d slots dumped, %d %s", table.slots().size(), anomalies, anomalies == 1 ? "entry breaks a run" : "entries break a run"));
        canvas.setDiagram(PageTableDiagram.of(table));
        if (!table.anomalies().isEmpty()) {
            // the row of the first anomaly is what the analyst came for
            canvas.control().getDisplay().asyncExec(() -> {
                if (!canvas.control().isDisposed()) {
                    canvas.reveal(PageTableDiagram.key(table.anomalies().get(0).slot()));
                }
            });
        }
    }

    /** The table shown now, or {@code null}. */
    public PageTable table() {
        int i = tables.getSelectionIndex();
        return i < 0 || i >= shown.size() ? null : shown.get(i);
    }

    public DiagramCanvas canvas() {
        return canvas;
    }

    /** Selects a slot by its key ({@code slot:0x45}): its line in the editor, and the slot as this view's selection. */
    public void selectSlot(String key) {
        PageTable table = table();
        if (table == null || key == null) {
            return;
        }
        for (TableSlot slot : table.slots()) {
            if (PageTableDiagram.key(slot).equals(key)) {
                selection.setSelection(new StructuredSelection(slot));
                revealLines(slot.line(), slot.line());
                return;
            }
        }
    }

    private TableSlot followed;

    /** Another part selected a walk step, a finding, a value: the table and slot it names, scrolled to. */
    @Override
    protected void follow(Linked link) {
        for (int t = 0; t < shown.size(); t++) {
            for (TableSlot slot : shown.get(t).slots()) {
                if (link.matches(slot.empty() ? null : slot.entry().value(), slot.address(), slot.line())) {
                    if (tables.getSelectionIndex() != t) {
                        tables.select(t);
                        showTable(t);
                    }
                    followed = slot;
                    String key = PageTableDiagram.key(slot);
                    canvas.control().getDisplay().asyncExec(() -> {
                        if (!canvas.control().isDisposed()) {
                            canvas.reveal(key);
                        }
                    });
                    return;
                }
            }
        }
    }

    /** The slot last shown because another part selected it, for tests. */
    public TableSlot followed() {
        return followed;
    }

    @Override
    public void setFocus() {
        canvas.canvas().setFocus();
    }

    /** The drop-down of the tables shown. */
    public Chooser chooser() {
        return tables;
    }
}
