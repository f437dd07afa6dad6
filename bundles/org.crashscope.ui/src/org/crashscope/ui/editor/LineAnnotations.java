package org.crashscope.ui.editor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.IAnnotationModelExtension;

/**
 * Annotations of one type on file lines in the editor's ruler: the analysis's errors (page-table
 * anomalies, walks that do not add up) and the analyst's notes. In a large file only the lines of
 * the window shown are marked; they are marked again when the window moves. All are replaced in
 * one change of the model.
 */
final class LineAnnotations {

    /** What to mark: file lines {@code first..last} (1-based) and the text of the hover. */
    record Mark(int first, int last, String text) {
    }

    private final String type;
    private final List<Annotation> marked = new ArrayList<>();

    LineAnnotations(String type) {
        this.type = type;
    }

    /**
     * Marks {@code marks} again.
     *
     * @param documentLine the document line (0-based) of a file line (1-based), negative when it is not shown
     */
    void mark(IAnnotationModel model, IDocument document, List<Mark> marks, IntUnaryOperator documentLine) {
        if (model == null || document == null) {
            return;
        }
        Map<Annotation, Position> found = new LinkedHashMap<>();
        for (Mark m : marks) {
            int first = documentLine.applyAsInt(m.first());
            int last = Math.min(documentLine.applyAsInt(m.last()), document.getNumberOfLines() - 1);
            if (first < 0 || first >= document.getNumberOfLines() || last < first) {
                continue;
            }
            try {
                int start = document.getLineOffset(first);
                var end = document.getLineInformation(last);
                found.put(new Annotation(type, false, m.text()), new Position(start, end.getOffset() + end.getLength() - start));
            } catch (BadLocationException e) {
                // not in this window of a large file
            }
        }
        replace(model, marked, found);
    }

    /**
     * Puts {@code found} in the model where {@code marked} were, in one change of the model when it
     * can (the rulers and the text repaint once), and remembers them in {@code marked}.
     */
    static void replace(IAnnotationModel model, List<Annotation> marked, Map<Annotation, Position> found) {
        if (model instanceof IAnnotationModelExtension bulk) {
            bulk.replaceAnnotations(marked.toArray(Annotation[]::new), found);
        } else {
            marked.forEach(model::removeAnnotation);
            found.forEach(model::addAnnotation);
        }
        marked.clear();
        marked.addAll(found.keySet());
    }

    List<Annotation> all() {
        return List.copyOf(marked);
    }
}
