package org.crashscope.ui.editor;

import java.util.List;
import java.util.function.Consumer;

import org.crashscope.presentation.Problems;
import org.crashscope.ui.Ui;
import org.crashscope.ui.notes.TranscriptNotes;

/**
 * A transcript editor's ruler marks: the analysis's errors on their lines, and the analyst's notes
 * on theirs (marked again whenever the notes change). In a large file's window, on the lines shown.
 */
final class RulerMarks {

    private final TranscriptEditor editor;
    private final LineAnnotations anomalies = new LineAnnotations(Ui.ANOMALY);
    private final LineAnnotations noteMarks = new LineAnnotations(Ui.NOTE);
    private final Consumer<TranscriptNotes> notesChanged = n -> markNotes();
    private List<Problems.Problem> problems = List.of();
    private TranscriptNotes notes;

    RulerMarks(TranscriptEditor editor) {
        this.editor = editor;
    }

    /** Marks {@code all}'s notes from now on ({@code null}: none). */
    void follow(TranscriptNotes all) {
        if (notes != null) {
            notes.removeListener(notesChanged);
        }
        notes = all;
        if (all != null) {
            all.onChange(notesChanged);
        }
        markNotes();
    }

    /** Marks the errors among {@code all}. */
    void problems(List<Problems.Problem> all) {
        problems = all;
        markProblems();
    }

    /** Marks everything again (a large file's window moved). */
    void again() {
        markProblems();
        markNotes();
    }

    private void markProblems() {
        if (editor.getDocumentProvider() != null) {
            anomalies.mark(editor.getDocumentProvider().getAnnotationModel(editor.getEditorInput()), editor.getDocumentProvider().getDocument(
                    editor.getEditorInput()), problems.stream().filter(p -> p.severity() == Problems.Severity.ERROR)
                    .map(p -> new LineAnnotations.Mark(p.line(), p.line(), p.message())).toList(), line -> line - editor.fileLine(0));
        }
    }

    private void markNotes() {
        if (notes != null && editor.getDocumentProvider() != null) {
            noteMarks.mark(editor.getDocumentProvider().getAnnotationModel(editor.getEditorInput()), editor.getDocumentProvider().getDocument(
                    editor.getEditorInput()), notes.all().stream().map(n -> new LineAnnotations.Mark(n.firstLine(), n.lastLine(), "Note: " + n.text()))
                    .toList(), line -> line - editor.fileLine(0));
        }
    }
}
