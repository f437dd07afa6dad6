package org.crashscope.ui.editor;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.source.IAnnotationModel;

/**
 * The hex number under a transcript editor's caret, with what the presentation's cross-reference
 * says it is (for the Properties view), and the highlight of a value's occurrences in the text
 * (the caret's, or a value another view selected).
 */
final class EditorCaret {

    private final TranscriptEditor editor;
    private final ValueOccurrences occurrences = new ValueOccurrences();
    private CaretValue value;

    EditorCaret(TranscriptEditor editor) {
        this.editor = editor;
    }

    CaretValue value() {
        return value;
    }

    /**
     * The caret moved to model offset {@code offset}: its hex number (if any) is looked up, and its
     * occurrences highlighted when it is another number or on another line than before.
     */
    void moved(int offset) {
        lookUp(offset, true);
    }

    /** The analysis changed: the caret's number at model offset {@code offset} gets the meanings of this one; the highlight stays. */
    void lookUpAgain(int offset) {
        lookUp(offset, false);
    }

    private void lookUp(int offset, boolean highlightAnother) {
        IDocument document = document();
        if (document == null || offset < 0 || offset > document.getLength()) {
            return;
        }
        CaretValue at;
        try {
            int line = document.getLineOfOffset(offset);
            IRegion region = document.getLineInformation(line);
            at = CaretValue.at(document.get(region.getOffset(), region.getLength()), offset - region.getOffset(), editor.fileLine(line),
                    editor.presentation());
        } catch (BadLocationException e) {
            at = null;
        }
        if (highlightAnother && at != null && (value == null || value.value() != at.value() || value.line() != at.line())) {
            highlight(at.value());
        }
        value = at;
    }

    /** Highlights every occurrence of {@code v} and returns how many there are. */
    int highlight(long v) {
        IAnnotationModel model = model();
        IDocument document = document();
        return model == null || document == null ? 0 : occurrences.highlight(model, document, v);
    }

    /** Selects the next occurrence of {@code v} after {@code from} (wrapping). */
    void next(IRegion from, long v) {
        highlight(v);
        var target = occurrences.after(model(), from.getOffset());
        if (target != null) {
            editor.selectAndReveal(target.getOffset(), target.getLength());
        }
    }

    /** Forgets the highlight (its positions went with the text of a large file's old window). */
    void clear() {
        occurrences.clear(editor.getDocumentProvider() == null ? null : model());
    }

    private IDocument document() {
        return editor.getDocumentProvider().getDocument(editor.getEditorInput());
    }

    private IAnnotationModel model() {
        return editor.getDocumentProvider().getAnnotationModel(editor.getEditorInput());
    }
}
