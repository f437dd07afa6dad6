package org.crashscope.ui.editor;

import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;

/**
 * A transcript editor's lines: file lines against document lines (the same but for the window of
 * a large file, which shows some of them), and selecting file lines, moving the window there.
 */
final class EditorLines {

    private final TranscriptEditor editor;

    EditorLines(TranscriptEditor editor) {
        this.editor = editor;
    }

    /** The window of a large file, or {@code null} when the file is shown whole. */
    TranscriptWindowDocument window() {
        return editor.getDocumentProvider() != null && editor.getDocumentProvider().getDocument(editor.getEditorInput()) instanceof TranscriptWindowDocument w
                ? w : null;
    }

    /** The file line (1-based) of document line {@code documentLine} (0-based). */
    int fileLine(int documentLine) {
        TranscriptWindowDocument window = window();
        return documentLine + (window == null ? 1 : window.firstLine());
    }

    /** The file lines shown now: all of them, or the window of a large file. */
    int[] shown() {
        TranscriptWindowDocument window = window();
        if (window != null) {
            return new int[] {window.firstLine(), window.lastLine()};
        }
        return new int[] {1, editor.transcript() == null ? 0 : editor.transcript().lineCount()};
    }

    /**
     * The last line as far as known (a large file's estimate while it is indexed, the lines of the
     * document while it is the beginning of a file not indexed yet): the ruler's width.
     */
    long last() {
        TranscriptWindowDocument window = window();
        if (window != null) {
            return window.estimatedLineCount();
        }
        IDocument document = editor.getDocumentProvider() == null ? null : editor.getDocumentProvider().getDocument(editor.getEditorInput());
        return Math.max(shown()[1], document == null ? 0 : document.getNumberOfLines());
    }

    /** Selects file lines {@code first..last} and scrolls them into view; {@code moved} runs when a large file's window had to move. */
    void reveal(int first, int last, Runnable moved) {
        TranscriptWindowDocument window = window();
        if (window != null && !window.contains(first) && window.showAround(first)) {
            moved.run();
        }
        IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        if (document == null || document.getNumberOfLines() == 0) {
            return;
        }
        try {
            int offset = fileLine(0);
            int lastIndex = Math.max(0, Math.min(last - offset, document.getNumberOfLines() - 1));
            int firstIndex = Math.min(Math.max(first - offset, 0), lastIndex);
            int start = document.getLineOffset(firstIndex);
            editor.selectAndReveal(start, document.getLineOffset(lastIndex) + document.getLineLength(lastIndex) - start);
        } catch (BadLocationException e) {
            ILog.of(getClass()).error("Cannot reveal lines " + first + ".." + last, e);
        }
    }
}
