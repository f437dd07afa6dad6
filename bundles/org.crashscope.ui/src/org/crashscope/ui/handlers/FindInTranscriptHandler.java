package org.crashscope.ui.handlers;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import org.crashscope.transcript.Transcript;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.handlers.HandlerUtil;
import org.crashscope.ui.editor.TranscriptEditor;

/**
 * Edit > Find in Whole Transcript (Ctrl+Alt+F): the next occurrence of a text anywhere in the
 * file, also beyond a large file's window, case ignored, wrapping at the end. The search runs as a
 * cancellable job over the file's bytes; the window moves to the hit.
 */
public final class FindInTranscriptHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        if (!(HandlerUtil.getActiveEditor(event) instanceof TranscriptEditor editor)) {
            return null;
        }
        if (editor.transcript() == null) {
            MessageDialog.openInformation(editor.getSite().getShell(), "Find in Whole Transcript", "The transcript is still being indexed.");
            return null;
        }
        InputDialog dialog = new InputDialog(editor.getSite().getShell(), "Find in Whole Transcript",
                String.format(Locale.ROOT, "Text to find in all %,d lines of %s (case ignored; again for the next one):", editor.transcript().lineCount(),
                        editor.getTitle()), editor.search().query(), text -> text.isEmpty() ? "Type the text to find" : null);
        if (dialog.open() == Window.OK) {
            next(editor, dialog.getValue(), true);
        }
        return null;
    }

    /**
     * Finds the next occurrence of {@code query} after the current selection (or after the last
     * hit of the same query) in a job, and selects it. Returns the job, or {@code null} while the transcript is not indexed.
     */
    public static Job next(TranscriptEditor editor, String query, boolean tellWhenAbsent) {
        Transcript transcript = editor.transcript();
        if (transcript == null) { // (opened again since the dialog opened)
            if (tellWhenAbsent) {
                MessageDialog.openInformation(editor.getSite().getShell(), "Find in Whole Transcript", "The transcript is still being indexed.");
            }
            return null;
        }
        byte[] needle = query.getBytes(StandardCharsets.UTF_8);
        long from = query.equals(editor.search().query()) && editor.search().hit() >= 0 ? editor.search().hit() + 1 : startOfSelection(editor, transcript);
        Display display = Display.getCurrent();
        Job job = Job.create("Finding \"" + query + "\" in " + editor.getTitle(), (IProgressMonitor monitor) -> {
            try {
                long hit = transcript.find(needle, from, true, monitor::isCanceled);
                if (hit < 0 && from > 0) {
                    hit = transcript.find(needle, 0, true, monitor::isCanceled); // wrap around
                }
                long found = hit;
                display.asyncExec(() -> show(editor, transcript, query, found, tellWhenAbsent));
                return Status.OK_STATUS;
            } catch (CancellationException e) {
                return Status.CANCEL_STATUS;
            }
        });
        job.setUser(true);
        job.schedule();
        return job;
    }

    private static long startOfSelection(TranscriptEditor editor, Transcript transcript) {
        if (editor.getSelectionProvider().getSelection() instanceof ITextSelection selection && selection.getStartLine() >= 0) {
            int line = Math.min(editor.fileLine(selection.getStartLine()) + 1, transcript.lineCount());
            return line < 1 ? 0 : transcript.lineOffset(line);
        }
        return 0;
    }

    /** Selects the hit at byte {@code hit} of {@code searched} (read again since, a live session's file has grown at its end: its lines stay where they were). */
    private static void show(TranscriptEditor editor, Transcript searched, String query, long hit, boolean tellWhenAbsent) {
        if (editor.getSite().getShell().isDisposed()) {
            return;
        }
        editor.search().remember(query, hit);
        if (hit < 0) {
            if (tellWhenAbsent) {
                MessageDialog.openInformation(editor.getSite().getShell(), "Find in Whole Transcript", "\"" + query + "\" is not in " + editor.getTitle() + ".");
            }
            return;
        }
        int line = searched.lineAt(hit);
        editor.revealLines(line, line);
        // select the text itself in its line
        IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        try {
            int documentLine = line - editor.fileLine(0);
            var region = document.getLineInformation(documentLine);
            String text = document.get(region.getOffset(), region.getLength()).toLowerCase(Locale.ROOT);
            int column = text.indexOf(query.toLowerCase(Locale.ROOT));
            if (column >= 0) {
                editor.selectAndReveal(region.getOffset() + column, query.length());
            }
        } catch (BadLocationException e) {
            // the line is selected already
        }
    }
}
