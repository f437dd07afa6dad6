package org.crashscope.ui.notes;

import org.crashscope.report.notes.Note;
import org.eclipse.core.commands.operations.AbstractOperation;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.crashscope.ui.editor.TranscriptEditor;

/** Adding, editing or deleting a note, undoable with Edit > Undo (Ctrl+Z) like any workbench operation. */
public final class NoteOperation extends AbstractOperation {

    private final TranscriptNotes notes;
    /** the note before the operation, {@code null} when it adds one */
    private final Note before;
    /** the note after it, {@code null} when it deletes one */
    private final Note after;

    /** Adding {@code note} to the notes of {@code editor}, in the editor's undo context. */
    public static NoteOperation add(TranscriptEditor editor, Note note) {
        return inContext(editor, new NoteOperation("Add Note", editor.notes(), null, note));
    }

    /** Replacing {@code old} by {@code edited} (its new text), in place. */
    public static NoteOperation edit(TranscriptEditor editor, Note old, Note edited) {
        return inContext(editor, new NoteOperation("Edit Note", editor.notes(), old, edited));
    }

    /** Deleting {@code note}. */
    public static NoteOperation delete(TranscriptEditor editor, Note note) {
        return inContext(editor, new NoteOperation("Delete Note", editor.notes(), note, null));
    }

    private static NoteOperation inContext(TranscriptEditor editor, NoteOperation operation) {
        operation.addContext(editor.undoContext());
        return operation;
    }

    private NoteOperation(String label, TranscriptNotes notes, Note before, Note after) {
        super(label);
        this.notes = notes;
        this.before = before;
        this.after = after;
    }

    @Override
    public IStatus execute(IProgressMonitor monitor, IAdaptable info) {
        return redo(monitor, info);
    }

    @Override
    public IStatus redo(IProgressMonitor monitor, IAdaptable info) {
        notes.replace(before, after);
        return Status.OK_STATUS;
    }

    @Override
    public IStatus undo(IProgressMonitor monitor, IAdaptable info) {
        notes.replace(after, before);
        return Status.OK_STATUS;
    }
}
