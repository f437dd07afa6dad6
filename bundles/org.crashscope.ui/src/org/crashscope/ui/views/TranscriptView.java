package org.crashscope.ui.views;

import org.crashscope.presentation.Presentation;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.part.ViewPart;
import org.crashscope.ui.editor.ActiveTranscript;
import org.crashscope.ui.editor.TranscriptEditor;

/**
 * A view that shows an analysis of the active transcript editor, follows it when another one is
 * activated, and selects evidence lines in it.
 */
public abstract class TranscriptView extends ViewPart {

    private ActiveTranscript active;

    /** Whether what this view shows is older than the active editor's analysis (it changed while the view was hidden, or its showing is queued). */
    private boolean stale;
    private boolean queued;
    private boolean disposed;
    /** The editor whose analysis the view shows (its lines are the ones the view's rows name), or {@code null}. */
    private TranscriptEditor shownEditor;
    /** What another part selected while the view was hidden and stale: followed once the view shows the transcript in front. */
    private Linked pendingLink;

    /** Shows what another part selected (a slot, a register, a caret value ...) if this view has it. */
    private final ISelectionListener others = (part, selection) -> {
        if (part == this) {
            return;
        }
        Object element = selection instanceof IStructuredSelection s ? s.getFirstElement()
                : part instanceof TranscriptEditor editor ? editor.caretValue() : null;
        Linked link = Linked.of(element);
        if (link == null) {
            return;
        }
        if (stale && !getSite().getPage().isPartVisible(this)) {
            pendingLink = link; // (followed when the view is seen, after it shows the transcript the link is of)
        } else {
            upToDate();
            follow(link);
        }
    };

    /**
     * Shows (selects, scrolls to) what {@code link} names, without selecting anything in turn: the
     * other views follow the part the user works in, never each other.
     */
    protected void follow(Linked link) {
        // views with something to show override this
    }

    /** Selects {@code element} in a table without telling anyone (no selection event). */
    protected static boolean quietlySelect(TableViewer viewer, Object element) {
        if (element == null || viewer.getControl().isDisposed()) {
            return false;
        }
        var item = viewer.testFindItem(element);
        if (item instanceof TableItem tableItem) {
            viewer.getTable().setSelection(tableItem);
            viewer.getTable().showSelection();
            return true;
        }
        return false;
    }

    /**
     * Starts following the active transcript editor; call at the end of {@code createPartControl}.
     * The view shows the active editor's analysis at once; later
     * changes (another editor in front, an analysis that arrived, a live command's) are shown
     * each in a UI task of its own while the view is visible, and when it next becomes visible
     * while it is not: a view behind another tab costs nothing, and no task of the UI thread
     * fills every view in turn.
     */
    protected final void followActiveTranscript() {
        getSite().getPage().addSelectionListener(others);
        getSite().getPage().addPartListener(visibility);
        stale = true;
        active = new ActiveTranscript(getSite().getPage(), editor -> {
            stale = true;
            pendingLink = null;
            if (getSite().getPage().isPartVisible(this)) {
                queueShow();
            } else if (shownEditor != null && !isOpen(shownEditor)) {
                showNow(null); // the transcript shown is closed: its analysis is let go of at once, the one in front shown when seen
            }
        });
        upToDate();
    }

    private final IPartListener2 visibility = new IPartListener2() {
        @Override
        public void partVisible(IWorkbenchPartReference ref) {
            if (ref.getPart(false) == TranscriptView.this) {
                upToDate();
                if (pendingLink != null) {
                    follow(pendingLink);
                    pendingLink = null;
                }
            }
        }
    };

    private void queueShow() {
        if (!queued) {
            queued = true;
            getSite().getShell().getDisplay().asyncExec(() -> {
                queued = false;
                upToDate();
            });
        }
    }

    private boolean isOpen(TranscriptEditor editor) {
        return java.util.Arrays.stream(getSite().getPage().getEditorReferences()).anyMatch(r -> r.getPart(false) == editor);
    }

    /**
     * Shows the active editor's analysis now if the view does not show it yet. What the view does
     * for the user on its own (open a table, step a walk, add a note) calls it first: it acts on
     * the transcript in front, never on the one it showed while hidden.
     */
    protected final void upToDate() {
        if (!stale || disposed) {
            return;
        }
        stale = false;
        showNow(active == null ? null : active.current());
    }

    /** Shows {@code editor}'s analysis (nothing for {@code null}) and remembers what it showed. */
    private void showNow(TranscriptEditor editor) {
        shownEditor = editor;
        describe(editor);
        Presentation next = editor == null ? null : editor.presentation();
        // the same transcript, longer (a live command ended): what is past its old last line is new
        newAfter = next != null && shownFile != null && shownFile.equals(editor.file()) && shownLines > 0 && next.parsed().lineCount() > shownLines
                ? shownLines : Integer.MAX_VALUE;
        shownFile = editor == null ? null : editor.file();
        shownLines = next == null ? 0 : next.parsed().lineCount();
        if (next != shownAnalysis) {
            // a slot, step or finding of the analysis shown before: the Properties view would describe it as this one's
            if (getSite().getSelectionProvider() instanceof SimpleSelectionProvider selected) {
                selected.clear();
            }
            selectionCleared();
        }
        shownAnalysis = next;
        show(next);
    }

    /**
     * How long an analysis runs before the view says so: a small transcript's analysis ends
     * before, and its views change once (each change of the description lays the view out again).
     */
    private static final int ANALYSING_NOTICE_MS = 300;

    /** Says "Analysing NAME..." while {@code editor}'s analysis runs (from {@value #ANALYSING_NOTICE_MS} ms on), else nothing. */
    private void describe(TranscriptEditor editor) {
        if (editor == null || !editor.isAnalysing() || !getContentDescription().equals(analysing(editor))) {
            describe(""); // (nor does a notice of another editor stay)
        }
        if (editor != null && editor.isAnalysing()) {
            getSite().getShell().getDisplay().timerExec(ANALYSING_NOTICE_MS, () -> {
                if (!disposed && active.current() == editor && editor.isAnalysing()) {
                    describe(analysing(editor));
                }
            });
        }
    }

    private static String analysing(TranscriptEditor editor) {
        return "Analysing " + editor.getTitle() + "\u2026";
    }

    private void describe(String text) {
        if (!text.equals(getContentDescription())) {
            setContentDescription(text);
        }
    }

    private java.nio.file.Path shownFile;
    private Presentation shownAnalysis;
    private int shownLines;
    private int newAfter = Integer.MAX_VALUE;

    /**
     * The last line of the transcript as this view showed it before, when {@link #show} is called
     * with the same transcript grown (a live session's command ended): a view shows the new block
     * of its kind; else {@link Integer#MAX_VALUE}.
     */
    protected final int newAfter() {
        return newAfter;
    }

    /** What the view selected of the analysis it showed is let go of: it shows another (a view with a selection of its own forgets it). */
    protected void selectionCleared() {
        // views with a selection of their own override this
    }

    /** Shows the analysis of the active transcript, or nothing when {@code null}. */
    protected abstract void show(Presentation analysis);

    /**
     * Selects lines {@code first..last} in the editor whose analysis the view shows, if it is still
     * open (a click on a row before the view shows the editor now in front names the other's lines).
     */
    protected final void revealLines(int first, int last) {
        if (shownEditor != null && isOpen(shownEditor)) {
            shownEditor.revealLines(first, last);
        }
    }

    /** The transcript editor whose analysis the view shows, or {@code null}. */
    protected final TranscriptEditor activeEditor() {
        return shownEditor != null && isOpen(shownEditor) ? shownEditor : null;
    }

    /** Highlights a value everywhere in the editor whose analysis the view shows; returns the number of places. */
    protected final int highlightValue(long value) {
        return shownEditor != null && isOpen(shownEditor) ? shownEditor.highlightValue(value) : 0;
    }

    @Override
    public void dispose() {
        disposed = true;
        getSite().getPage().removeSelectionListener(others);
        getSite().getPage().removePartListener(visibility);
        if (active != null) {
            active.dispose();
        }
        super.dispose();
    }
}
