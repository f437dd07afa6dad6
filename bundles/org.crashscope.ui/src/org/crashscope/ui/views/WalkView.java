package org.crashscope.ui.views;

import org.crashscope.presentation.Presentation;
import java.util.List;

import org.crashscope.diagram.WalkDiagram;
import org.crashscope.arch.paging.CheckedWalk;
import org.crashscope.arch.paging.WalkStep;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * Steps through a vtop walk of the active transcript, from the top table to the page: Back/Next
 * or the arrow keys; every step selects its line in the editor. In a live session, Walk... walks
 * any address (of a task: {@code PID ADDRESS}) with crash's {@code vtop}; the walk shows when it ends.
 */
public final class WalkView extends TranscriptView {

    public static final String ID = "org.crashscope.ui.walkView";

    private Chooser walks;
    private Button back;
    private Button next;
    private Button walkAddress;
    private Label position;
    private DiagramCanvas canvas;
    private List<CheckedWalk> shown = List.of();
    private int step;
    private final SimpleSelectionProvider selection = new SimpleSelectionProvider();

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(5, false));
        walks = new Chooser(parent);
        walks.onSelect(() -> {
            step = 0;
            refresh();
        });
        back = new Button(parent, SWT.PUSH);
        back.setText("< Back");
        back.addListener(SWT.Selection, e -> go(step - 1));
        next = new Button(parent, SWT.PUSH);
        next.setText("Next >");
        next.addListener(SWT.Selection, e -> go(step + 1));
        walkAddress = new Button(parent, SWT.PUSH);
        walkAddress.setText("Walk...");
        walkAddress.setToolTipText("Walk an address in the live crash session (vtop), of the panic task or of a PID you give");
        walkAddress.addListener(SWT.Selection, e -> askAndWalk());
        position = new Label(parent, SWT.NONE);
        position.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        canvas = new DiagramCanvas(parent);
        canvas.control().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 5, 1));
        canvas.onSelect(key -> {
            if (key.startsWith("step:")) {
                go(Integer.parseInt(key.substring(5)));
            }
        });
        canvas.onOpen(key -> {
            if (key.startsWith("step:")) {
                openNextTable(Integer.parseInt(key.substring(5)));
            }
        });
        canvas.canvas().addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.ARROW_RIGHT || e.keyCode == SWT.ARROW_DOWN) {
                go(step + 1);
            } else if (e.keyCode == SWT.ARROW_LEFT || e.keyCode == SWT.ARROW_UP) {
                go(step - 1);
            }
        });
        getSite().setSelectionProvider(selection);
        followActiveTranscript();
    }

    @Override
    protected void show(Presentation analysis) {
        if (walks.isDisposed()) {
            return;
        }
        shown = analysis == null ? List.of() : analysis.paging().walks();
        List<CheckedWalk> named = shown;
        walks.setItems(shown.size(), i -> {
            CheckedWalk w = named.get(i);
            String verdict = w.consistent() == null ? "  [not checked]" : w.consistent() ? "" : "  [mismatch]";
            String command = w.walk().command() == null || w.walk().command().isBlank() ? null : w.walk().command().strip();
            return String.format("%s (line %d)%s", command != null ? command : w.walk().virtual() == null ? "vtop" : String.format("vtop 0x%x",
                    w.walk().virtual()), w.walk().span().first(), verdict);
        });
        step = 0;
        if (!shown.isEmpty()) {
            walks.select(shown.size() > 1 ? shown.size() - 1 : 0);
        }
        refresh();
        walks.control().getParent().layout(true, true);
    }

    /** Asks for an address (and a task) and walks it in the live session of the transcript in front. */
    private void askAndWalk() {
        var editor = activeEditor();
        if (editor == null || !org.crashscope.ui.live.LiveSessions.isLive(editor.file())) {
            position.setText("Walking an address needs the live crash session of a dump (File > Open Dump...)");
            return;
        }
        Long pid = editor.presentation() == null ? null : editor.presentation().session().pid();
        String suggested = (pid == null ? "" : pid + " ") + (editor.caretValue() == null ? "" : String.format("0x%x", editor.caretValue().value()));
        var dialog = new org.eclipse.jface.dialogs.InputDialog(getSite().getShell(), "Walk an Address",
                "The address to walk, after the PID of the task whose page tables to use (none: crash's current context):", suggested,
                text -> vtop(text) == null ? "Type an address in hex, optionally after a PID: 4711 0x7f7ae5400000" : null);
        if (dialog.open() == org.eclipse.jface.window.Window.OK) {
            walkInLiveSession(dialog.getValue());
        }
    }

    /** Runs the walk of {@code text} ({@code [PID] ADDRESS}) in the live session in front; false when there is none or the text is no address. */
    public boolean walkInLiveSession(String text) {
        upToDate();
        var editor = activeEditor();
        String command = vtop(text);
        if (editor == null || command == null || !org.crashscope.ui.live.LiveSessions.isLive(editor.file())) {
            return false;
        }
        position.setText("crash> " + command);
        org.crashscope.ui.live.LiveSessions.run(getSite().getWorkbenchWindow(), editor.file(), command);
        return true;
    }

    /** The vtop command of {@code [PID] ADDRESS}, or {@code null} when the text is not that. */
    static String vtop(String text) {
        var m = java.util.regex.Pattern.compile("\\s*(?:(\\d{1,9})\\s+)?(?:0x)?([0-9a-fA-F]{1,16})\\s*").matcher(text == null ? "" : text);
        return m.matches() ? "vtop " + (m.group(1) == null ? "" : "-c " + m.group(1) + " ") + m.group(2).toLowerCase(java.util.Locale.ROOT) : null;
    }

    /**
     * Opens the table the entry of step {@code index} points to in the Page Table view (its dump, or
     * in a live session crash's {@code rd} of it); a leaf or not-present entry opens nothing.
     */
    public void openNextTable(int index) {
        upToDate();
        CheckedWalk walk = walk();
        if (walk == null || index < 0 || index >= walk.steps().size()) {
            return;
        }
        WalkStep s = walk.steps().get(index);
        if (s.entry() == null || s.entry().empty() || !s.entry().present() || s.entry().leaf() || !s.entry().modelled()) {
            position.setText(s.level() + " entry: there is no lower table to open (" + (s.entry() == null || s.entry().empty() ? "empty"
                    : !s.entry().present() ? "not present" : s.entry().leaf() ? "it maps the page" : "this architecture's entries are not decoded") + ")");
            return;
        }
        try {
            var tables = (PageTableView) getSite().getPage().showView(PageTableView.ID, null, org.eclipse.ui.IWorkbenchPage.VIEW_VISIBLE);
            // the slot of the next table the walk reads is what the analyst follows
            Integer next = index + 1 < walk.steps().size() ? walk.steps().get(index + 1).index() : null;
            tables.openTable(s.entry().physical(), "the " + s.level() + " entry of " + walk.walk().command().strip(), next == null ? -1 : next);
        } catch (org.eclipse.ui.PartInitException e) {
            position.setText("Cannot show the Page Table view: " + e.getMessage());
        }
    }

    /** The walk shown now, or {@code null}. */
    public CheckedWalk walk() {
        int i = walks.getSelectionIndex();
        return i < 0 || i >= shown.size() ? null : shown.get(i);
    }

    public int step() {
        return step;
    }

    public DiagramCanvas canvas() {
        return canvas;
    }

    /** Goes to a step (clamped), draws it and selects its line in the editor. */
    public void go(int target) {
        upToDate();
        CheckedWalk walk = walk();
        if (walk == null) {
            return;
        }
        step = Math.max(0, Math.min(target, WalkDiagram.stepCount(walk) - 1));
        refresh();
        int line = lineOf(walk, step);
        selection.setSelection(step < walk.steps().size() ? new StructuredSelection(walk.steps().get(step)) : new StructuredSelection(walk));
        revealLines(line, line);
        canvas.reveal(WalkDiagram.key(step));
    }

    /** Another part selected a table slot, a stack word or a value: the walk step that reads it. */
    @Override
    protected void follow(Linked link) {
        for (int w = 0; w < shown.size(); w++) {
            List<WalkStep> steps = shown.get(w).steps();
            for (int i = 0; i < steps.size(); i++) {
                WalkStep s = steps.get(i);
                if (link.matches(s.entry().value(), s.entryAddress(), s.line())) {
                    walks.select(w);
                    step = i;
                    refresh();
                    canvas.reveal(WalkDiagram.key(step));
                    return;
                }
            }
        }
    }

    private static int lineOf(CheckedWalk walk, int step) {
        if (step < walk.steps().size()) {
            return walk.steps().get(step).line();
        }
        WalkStep leaf = walk.leaf();
        return walk.walk().pageRow() != null ? walk.walk().pageRow().line() : leaf != null ? leaf.line() + 1 : walk.walk().span().first();
    }

    private void refresh() {
        CheckedWalk walk = walk();
        boolean any = walk != null;
        back.setEnabled(any && step > 0);
        next.setEnabled(any && step < WalkDiagram.stepCount(walk) - 1);
        walks.setEnabled(!shown.isEmpty());
        if (!any) {
            position.setText(shown.isEmpty() ? "No vtop walk in this transcript." : "");
            canvas.setDiagram(null);
            return;
        }
        int count = WalkDiagram.stepCount(walk);
        position.setText(String.format("step %d of %d: %s", step + 1, count, step < walk.steps().size() ? walk.steps().get(step).level() + " entry" : "the page"));
        canvas.setDiagram(WalkDiagram.of(walk, step));
    }

    @Override
    public void setFocus() {
        canvas.canvas().setFocus();
    }

    /** The drop-down of the walks shown. */
    public Chooser chooser() {
        return walks;
    }
}
