package org.crashscope.ui;

import org.crashscope.report.Note;
import org.eclipse.core.commands.operations.AbstractOperation;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

/** Adding or deleting a note, undoable with Edit > Undo (Ctrl+Z) like any workbench operation. */
public final class NoteOperation extends AbstractOperation {

    private final TranscriptNotes notes;
    private final Note note;
    private final boolean add;

    /** Adding {@code note} to the notes of {@code editor}, in the editor's undo context. */
    public static NoteOperation add(TranscriptEditor editor, Note note) {
        NoteOperation operation = new NoteOperation(editor.notes(), note, true);
        operation.addContext(editor.undoContext());
        return operation;
    }

    NoteOperation(TranscriptNotes notes, Note note, boolean add) {
        super(add ? "Add Note" : "Delete Note");
        this.notes = notes;
        this.note = note;
        this.add = add;
    }

    @Override
    public IStatus execute(IProgressMonitor monitor, IAdaptable info) {
        return redo(monitor, info);
    }

    @Override
    public IStatus redo(IProgressMonitor monitor, IAdaptable info) {
        return apply(add);
    }

    @Override
    public IStatus undo(IProgressMonitor monitor, IAdaptable info) {
        return apply(!add);
    }

    private IStatus apply(boolean adding) {
        if (adding) {
            notes.add(note);
        } else {
            notes.remove(note);
        }
        return Status.OK_STATUS;
    }
}
