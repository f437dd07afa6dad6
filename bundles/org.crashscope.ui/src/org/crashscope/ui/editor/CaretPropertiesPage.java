package org.crashscope.ui.editor;

import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.views.properties.PropertySheetPage;

/** The Properties view of a transcript editor: the caret's hex number and its meanings, instead of nothing for a text selection. */
final class CaretPropertiesPage extends PropertySheetPage {

    private final TranscriptEditor editor;

    CaretPropertiesPage(TranscriptEditor editor) {
        this.editor = editor;
    }

    @Override
    public void selectionChanged(IWorkbenchPart part, ISelection selection) {
        if (part == editor && selection instanceof ITextSelection) {
            selection = editor.caretValue() == null ? StructuredSelection.EMPTY : new StructuredSelection(editor.caretValue());
        }
        super.selectionChanged(part, selection);
    }
}
