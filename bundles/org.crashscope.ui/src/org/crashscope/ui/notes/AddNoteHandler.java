package org.crashscope.ui.notes;

import java.time.Instant;
import java.util.UUID;

import org.crashscope.report.notes.Note;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.HandlerUtil;
import org.crashscope.ui.editor.TranscriptEditor;

/** Adds a note to the lines selected in the transcript editor (context menu, Ctrl+Alt+N). */
public final class AddNoteHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        if (!(HandlerUtil.getActiveEditor(event) instanceof TranscriptEditor editor) || editor.notes() == null) {
            return null;
        }
        ITextSelection selection = (ITextSelection) editor.getSelectionProvider().getSelection();
        int first = editor.fileLine(selection.getStartLine());
        int last = Math.max(first, editor.fileLine(selection.getEndLine()));
        InputDialog dialog = new InputDialog(editor.getSite().getShell(), "Add Note",
                first == last ? "Note on line " + first + ":" : "Note on lines " + first + "-" + last + ":", "", null);
        if (dialog.open() != Window.OK || dialog.getValue().isBlank()) {
            return null;
        }
        Note note = new Note(UUID.randomUUID().toString(), first, last, null, dialog.getValue().strip(), System.getProperty("user.name"),
                Instant.now().toString());
        NoteOperation operation = NoteOperation.add(editor, note);
        try {
            PlatformUI.getWorkbench().getOperationSupport().getOperationHistory().execute(operation, null, null);
        } catch (org.eclipse.core.commands.ExecutionException e) {
            throw new ExecutionException("Cannot add the note", e);
        }
        return null;
    }
}
