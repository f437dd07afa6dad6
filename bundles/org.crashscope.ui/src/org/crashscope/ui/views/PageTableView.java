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
 * the slot a walk reads outlined. Clicking a slot selects its line in the editor; double-clicking
 * an entry that points to a lower table opens that table: the dump of it in the transcript, or, in
 * a live session, a new {@code rd -p TABLE 512} run by the workbench and drawn when it ends.
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
        canvas.onOpen(this::openSlot);
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
            int first = withAnomaly;
            for (int i = shown.size() - 1; i >= 0; i--) {
                // a table just read (a double click, or an rd typed in the live session) is what the analyst looks at next
                if (shown.get(i).base() == opening || shown.get(i).dump().span().first() > newAfter()) {
                    first = i;
                    break;
                }
            }
            boolean opened = shown.get(first).base() == opening;
            opening = -1;
            tables.select(first);
            showTable(first);
            if (opened && slotToShow >= 0) {
                revealSlot(shown.get(first), slotToShow);
            }
            slotToShow = -1;
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
        upToDate();
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

    /**
     * Opens the table an entry points to (key {@code slot:0x45}): shown when the transcript holds
     * its dump, else read by the live session (an 8-byte {@code rd -p} of its 512 entries); a leaf,
     * an empty or not-present entry opens nothing and says why.
     */
    public void openSlot(String key) {
        upToDate();
        PageTable table = table();
        TableSlot slot = table == null || key == null ? null : table.slots().stream().filter(s -> PageTableDiagram.key(s).equals(key)).findFirst()
                .orElse(null);
        if (slot == null) {
            return;
        }
        if (slot.empty() || !slot.entry().present() || slot.entry().leaf()) {
            summary.setText(String.format("Slot 0x%x %s: there is no lower table to open", slot.index(), slot.empty() ? "is empty"
                    : !slot.entry().present() ? "is not present" : "maps a page"));
            return;
        }
        openTable(slot.entry().physical(), String.format("slot 0x%x", slot.index()));
    }

    /**
     * Shows the table at physical {@code base}: its dump in the transcript, or, in a live session,
     * the one crash is asked to read ({@code rd -p BASE 512}), shown when it answers. {@code from}
     * says what points to it, for the status.
     */
    public void openTable(long base, String from) {
        openTable(base, from, -1);
    }

    /** {@link #openTable(long, String)}, with the slot {@code index} of that table selected and scrolled to once it is shown (-1: none). */
    public void openTable(long base, String from, int index) {
        upToDate();
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).base() == base) {
                tables.select(i);
                showTable(i);
                revealSlot(shown.get(i), index);
                return;
            }
        }
        slotToShow = index;
        var editor = activeEditor();
        if (editor != null && org.crashscope.ui.live.LiveSessions.isLive(editor.file())) {
            String command = String.format("rd -p 0x%x 512", base);
            opening = base;
            summary.setText("Reading the table at 0x" + Long.toHexString(base) + " that " + from + " points to: crash> " + command);
            org.crashscope.ui.live.LiveSessions.run(getSite().getWorkbenchWindow(), editor.file(), command);
        } else {
            summary.setText(String.format("The table at 0x%x that %s points to is not dumped in this transcript (crash> rd -p 0x%x 512 reads it;"
                    + " in a live session a double click runs it)", base, from, base));
        }
    }

    /** The table a double click asked the live session for, shown when its dump arrives; -1 when none. */
    private long opening = -1;
    /** The slot of that table to show when it arrives (the one a walk goes through), or -1. */
    private int slotToShow = -1;

    /** Selects slot {@code index} of {@code table}, shown now, and scrolls to it (nothing for -1 or a slot not dumped). */
    private void revealSlot(PageTable table, int index) {
        TableSlot slot = index < 0 ? null : table.slot(index);
        if (slot != null) {
            selection.setSelection(new StructuredSelection(slot));
            String key = PageTableDiagram.key(slot);
            canvas.control().getDisplay().asyncExec(() -> {
                if (!canvas.control().isDisposed()) {
                    canvas.reveal(key);
                }
            });
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
