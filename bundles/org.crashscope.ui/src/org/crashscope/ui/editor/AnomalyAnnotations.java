package org.crashscope.ui.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

import org.crashscope.analysis.Problems;
import org.crashscope.ui.Ui;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;

/**
 * The errors of an analysis (page-table anomalies, walks that do not add up) marked on their lines
 * in the editor's ruler; in a large file, on the lines of the window that is shown.
 */
final class AnomalyAnnotations {

    private final List<Annotation> marked = new ArrayList<>();

    /**
     * Marks the errors among {@code problems} again.
     *
     * @param documentLine the document line (0-based) of a file line (1-based), negative when it is not shown
     */
    void mark(IAnnotationModel model, IDocument document, List<Problems.Problem> problems, IntUnaryOperator documentLine) {
        if (model == null || document == null) {
            return;
        }
        marked.forEach(model::removeAnnotation);
        marked.clear();
        for (var problem : problems) {
            int line = documentLine.applyAsInt(problem.line());
            if (problem.severity() != Problems.Severity.ERROR || line < 0 || line >= document.getNumberOfLines()) {
                continue;
            }
            try {
                var region = document.getLineInformation(line);
                var annotation = new Annotation(Ui.ANOMALY, false, problem.message());
                model.addAnnotation(annotation, new Position(region.getOffset(), region.getLength()));
                marked.add(annotation);
            } catch (BadLocationException e) {
                // the line is not in this window of a large file
            }
        }
    }

    List<Annotation> all() {
        return List.copyOf(marked);
    }
}
