package org.crashscope.ui.views;

import org.crashscope.presentation.Presentation;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.part.ViewPart;
import org.crashscope.ui.editor.ActiveTranscript;
import org.crashscope.ui.editor.TranscriptEditor;

/**
 * A view that shows an analysis of the active transcript editor, follows it when another one is
 * activated, and selects evidence lines in it.
 */
public abstract class TranscriptView extends ViewPart {

    private ActiveTranscript active;

    /** Shows what another part selected (a slot, a register, a caret value ...) if this view has it. */
    private final ISelectionListener others = (part, selection) -> {
        if (part == this) {
            return;
        }
        Object element = selection instanceof IStructuredSelection s ? s.getFirstElement()
                : part instanceof TranscriptEditor editor ? editor.caretValue() : null;
        Linked link = Linked.of(element);
        if (link != null) {
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

    /** Starts following the active transcript editor; call at the end of {@code createPartControl}. */
    protected final void followActiveTranscript() {
        getSite().getPage().addSelectionListener(others);
        active = new ActiveTranscript(getSite().getPage(), editor -> {
            setContentDescription(editor != null && editor.isAnalysing() ? "Analysing " + editor.getTitle() + "\u2026" : "");
            Presentation next = editor == null ? null : editor.presentation();
            // the same transcript, longer (a live command ended): what is past its old last line is new
            newAfter = next != null && shownFile != null && shownFile.equals(editor.file()) && shownLines > 0 && next.parsed().lineCount() > shownLines
                    ? shownLines : Integer.MAX_VALUE;
            shownFile = editor == null ? null : editor.file();
            shownLines = next == null ? 0 : next.parsed().lineCount();
            show(next);
        });
    }

    private java.nio.file.Path shownFile;
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

    /** Shows the analysis of the active transcript, or nothing when {@code null}. */
    protected abstract void show(Presentation analysis);

    /** Selects lines {@code first..last} in the active transcript editor, if there is one. */
    protected final void revealLines(int first, int last) {
        if (active != null && active.current() != null) {
            active.current().revealLines(first, last);
        }
    }

    /** The transcript editor this view follows, or {@code null}. */
    protected final TranscriptEditor activeEditor() {
        return active == null ? null : active.current();
    }

    /** Highlights a value everywhere in the active transcript editor; returns the number of places. */
    protected final int highlightValue(long value) {
        return active != null && active.current() != null ? active.current().highlightValue(value) : 0;
    }

    @Override
    public void dispose() {
        getSite().getPage().removeSelectionListener(others);
        if (active != null) {
            active.dispose();
        }
        super.dispose();
    }
}
