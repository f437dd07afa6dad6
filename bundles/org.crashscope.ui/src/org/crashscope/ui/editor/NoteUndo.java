package org.crashscope.ui.editor;

import java.util.List;
import java.util.Map;

import org.eclipse.core.commands.operations.IUndoContext;
import org.eclipse.ui.IWorkbenchCommandConstants;
import org.eclipse.ui.operations.OperationHistoryActionHandler;
import org.eclipse.ui.operations.RedoActionHandler;
import org.eclipse.ui.operations.UndoActionHandler;
import org.eclipse.ui.texteditor.AbstractTextEditor;
import org.eclipse.ui.texteditor.ITextEditorActionConstants;

/** Edit > Undo/Redo (Ctrl+Z, Ctrl+Y) of a transcript editor undo and redo note edits: the text itself is never edited. */
final class NoteUndo {

    private NoteUndo() {
    }

    static void install(AbstractTextEditor editor, IUndoContext context) {
        var site = editor.getEditorSite();
        var undo = new UndoActionHandler(site, context);
        undo.setActionDefinitionId(IWorkbenchCommandConstants.EDIT_UNDO);
        var redo = new RedoActionHandler(site, context);
        redo.setActionDefinitionId(IWorkbenchCommandConstants.EDIT_REDO);
        for (var action : List.of(Map.entry(ITextEditorActionConstants.UNDO, undo), Map.entry(ITextEditorActionConstants.REDO, redo))) {
            if (editor.getAction(action.getKey()) instanceof OperationHistoryActionHandler old) {
                old.dispose();
            }
            editor.setAction(action.getKey(), action.getValue());
            site.getActionBars().setGlobalActionHandler(action.getKey(), action.getValue());
        }
    }
}
