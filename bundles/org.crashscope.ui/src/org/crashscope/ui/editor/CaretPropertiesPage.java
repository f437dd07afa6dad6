package org.crashscope.ui.editor;

import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.ui.IActionBars;
import org.eclipse.ui.IPropertyListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.Page;
import org.eclipse.ui.views.properties.IPropertySheetPage;
import org.eclipse.ui.views.properties.PropertySheetPage;

/**
 * The Properties view of a transcript editor: the caret's hex number and its meanings, instead of
 * nothing for a text selection. The Properties view makes a page for every editor activated, even
 * while it is behind another tab; the property tree, its actions and its tool bar (a sixth of an
 * editor's opening) are made here when the page is first on screen.
 */
final class CaretPropertiesPage extends Page implements IPropertySheetPage {

    private final TranscriptEditor editor;
    private Composite holder;
    private PropertySheetPage sheet;
    private IActionBars bars;
    private IWorkbenchPart lastPart;
    private ISelection lastSelection;

    /** The analysis arrived (or a live command's): the caret's value has the meanings it found. */
    private final IPropertyListener analysed = (source, property) -> {
        if (property == TranscriptEditor.PROP_ANALYSIS && lastPart == source) {
            selectionChanged(lastPart, ((TranscriptEditor) source).getSelectionProvider().getSelection());
        }
    };

    CaretPropertiesPage(TranscriptEditor editor) {
        this.editor = editor;
    }

    @Override
    public void createControl(Composite parent) {
        editor.addPropertyListener(analysed); // (here, not when made: the page asked of the editor is made and then used, or not)
        holder = new Composite(parent, SWT.NONE);
        holder.setLayout(new FillLayout());
        Listener seen = event -> {
            if (sheet == null && holder.isVisible() && holder.getSize().x > 0) {
                holder.getDisplay().asyncExec(this::makeSheet);
            }
        };
        holder.addListener(SWT.Paint, seen);
        holder.addListener(SWT.Resize, seen);
    }

    /** The property tree, made once the page is on screen, with the tool bar's actions and the last selection. */
    private void makeSheet() {
        if (sheet != null || holder.isDisposed()) {
            return;
        }
        sheet = new PropertySheetPage();
        sheet.init(getSite());
        sheet.createControl(holder);
        if (bars != null) {
            sheet.setActionBars(bars);
            bars.updateActionBars();
        }
        holder.layout();
        if (lastPart != null) {
            sheet.selectionChanged(lastPart, lastSelection);
        }
    }

    @Override
    public Control getControl() {
        return holder;
    }

    @Override
    public void setActionBars(IActionBars actionBars) {
        bars = actionBars;
        if (sheet != null) {
            sheet.setActionBars(actionBars);
        }
    }

    @Override
    public void selectionChanged(IWorkbenchPart part, ISelection selection) {
        if (part == editor && selection instanceof ITextSelection) {
            selection = editor.caretValue() == null ? StructuredSelection.EMPTY : new StructuredSelection(editor.caretValue());
        }
        lastPart = part;
        lastSelection = selection;
        if (sheet != null) {
            sheet.selectionChanged(part, selection);
        }
    }

    @Override
    public void setFocus() {
        if (sheet != null) {
            sheet.setFocus();
        } else if (holder != null) {
            holder.setFocus();
        }
    }

    @Override
    public void dispose() {
        editor.removePropertyListener(analysed);
        if (sheet != null) {
            sheet.dispose();
        }
        super.dispose();
    }
}
