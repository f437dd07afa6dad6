package org.crashscope.ui.notes;

import java.util.List;
import java.util.function.Consumer;

import org.crashscope.presentation.Presentation;
import org.crashscope.report.notes.Note;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PlatformUI;
import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.views.Tables;
import org.crashscope.ui.views.TranscriptView;

/** The analyst's notes on the active transcript; double-click jumps to the lines, Edit changes a note's text, Delete removes one, Undo/Redo revert them. */
public final class NotesView extends TranscriptView {

    public static final String ID = "org.crashscope.ui.notesView";

    private Label where;
    private Button undo;
    private Button redo;
    private TableViewer table;
    private TranscriptNotes notes;
    private TranscriptEditor editor;
    private final Consumer<TranscriptNotes> refresh = n -> table.getControl().getDisplay().asyncExec(this::refresh);

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(5, false));
        where = new Label(parent, SWT.NONE);
        where.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        undo = new Button(parent, SWT.PUSH);
        undo.setText("Undo");
        undo.addListener(SWT.Selection, e -> undo());
        redo = new Button(parent, SWT.PUSH);
        redo.setText("Redo");
        redo.addListener(SWT.Selection, e -> redo());
        Button edit = new Button(parent, SWT.PUSH);
        edit.setText("Edit...");
        edit.addListener(SWT.Selection, e -> editSelected());
        Button delete = new Button(parent, SWT.PUSH);
        delete.setText("Delete");
        delete.addListener(SWT.Selection, e -> deleteSelected());
        table = Tables.create(parent);
        table.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 5, 1));
        Tables.column(table, Note.class, "lines", 90, n -> n.firstLine() == n.lastLine() ? "" + n.firstLine() : n.firstLine() + "-" + n.lastLine(), null,
                null);
        Tables.column(table, Note.class, "note", 600, Note::text, null, null);
        Tables.column(table, Note.class, "by", 90, n -> n.author() == null ? "" : n.author(), null, null);
        table.addDoubleClickListener(e -> {
            if (((IStructuredSelection) e.getSelection()).getFirstElement() instanceof Note n) {
                revealLines(n.firstLine(), n.lastLine());
            }
        });
        table.getControl().addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.DEL) {
                deleteSelected();
            }
        });
        getSite().setSelectionProvider(table);
        followActiveTranscript();
    }

    @Override
    protected void show(Presentation analysis) {
        IEditorPart active = getSite().getPage().getActiveEditor();
        TranscriptEditor next = active instanceof TranscriptEditor e ? e : null;
        if (notes != null) {
            notes.removeListener(refresh);
        }
        editor = next;
        notes = next == null ? null : next.notes();
        if (notes != null) {
            notes.onChange(refresh);
        }
        refresh();
    }

    private void refresh() {
        if (table.getControl().isDisposed()) {
            return;
        }
        List<Note> all = notes == null ? List.of() : notes.all();
        table.setInput(all);
        where.setText(notes == null ? "No transcript open." : all.size() + (all.size() == 1 ? " note" : " notes") + ", saved in " + notes.file()
                + (notes.problem() == null ? "" : " (" + notes.problem() + ")"));
        undo.setEnabled(editor != null && history().canUndo(editor.undoContext()));
        redo.setEnabled(editor != null && history().canRedo(editor.undoContext()));
        where.getParent().layout(true, true);
    }

    private void deleteSelected() {
        if (editor != null && table.getStructuredSelection().getFirstElement() instanceof Note n) {
            run(NoteOperation.delete(editor, n));
        }
    }

    /** Edits the selected note's text in a dialog (several lines); Cancel changes nothing. */
    private void editSelected() {
        if (editor == null || !(table.getStructuredSelection().getFirstElement() instanceof Note n)) {
            return;
        }
        org.eclipse.jface.dialogs.InputDialog dialog = new org.eclipse.jface.dialogs.InputDialog(getSite().getShell(), "Edit Note",
                "Lines " + n.firstLine() + (n.lastLine() == n.firstLine() ? "" : "-" + n.lastLine()), n.text(), null) {
            @Override
            protected int getInputTextStyle() {
                return SWT.MULTI | SWT.BORDER | SWT.WRAP | SWT.V_SCROLL;
            }

            @Override
            protected org.eclipse.swt.widgets.Control createDialogArea(Composite area) {
                org.eclipse.swt.widgets.Control c = super.createDialogArea(area);
                ((GridData) getText().getLayoutData()).heightHint = 120;
                return c;
            }
        };
        if (dialog.open() == org.eclipse.jface.window.Window.OK && !dialog.getValue().equals(n.text())) {
            edit(n, dialog.getValue());
        }
    }

    /** The line above the notes: how many, where they are saved, what was wrong with the file. */
    public String status() {
        return where.getText();
    }

    /** Replaces a note's text, undoably. */
    public void edit(Note note, String text) {
        run(NoteOperation.edit(editor, note, new Note(note.id(), note.firstLine(), note.lastLine(), note.target(), text, note.author(), note.created())));
    }

    private void run(NoteOperation operation) {
        try {
            PlatformUI.getWorkbench().getOperationSupport().getOperationHistory().execute(operation, null, null);
        } catch (org.eclipse.core.commands.ExecutionException e) {
            org.eclipse.core.runtime.ILog.of(getClass()).error("Cannot change the notes", e);
        }
    }

    /** Undoes the last note edit of the active transcript (adding or deleting a note). */
    public void undo() {
        if (editor != null) {
            try {
                history().undo(editor.undoContext(), null, null);
            } catch (org.eclipse.core.commands.ExecutionException e) {
                org.eclipse.core.runtime.ILog.of(getClass()).error("Cannot undo", e);
            }
        }
    }

    public void redo() {
        if (editor != null) {
            try {
                history().redo(editor.undoContext(), null, null);
            } catch (org.eclipse.core.commands.ExecutionException e) {
                org.eclipse.core.runtime.ILog.of(getClass()).error("Cannot redo", e);
            }
        }
    }

    private static org.eclipse.core.commands.operations.IOperationHistory history() {
        return PlatformUI.getWorkbench().getOperationSupport().getOperationHistory();
    }

    public TableViewer table() {
        return table;
    }

    @Override
    public void setFocus() {
        Tables.focus(table, table.getControl().getParent());
    }

    @Override
    public void dispose() {
        if (notes != null) {
            notes.removeListener(refresh);
        }
        super.dispose();
    }
}
