package org.crashscope.ui.editor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;

/**
 * The occurrences of one value in the editor's document, as annotations: a selected slot,
 * register or caret value, written as hex with or without {@code 0x} and leading zeros, wherever
 * else it appears. A large file's window holds at most {@link TranscriptWindowDocument}'s window
 * of text, so the document is searched whole.
 */
final class ValueOccurrences {

    /** At most this many occurrences are marked: past it the highlight says nothing more. */
    static final int MAX = 10_000;

    private final List<Annotation> marked = new ArrayList<>();

    /**
     * Marks every occurrence of {@code value} in {@code document} (replacing the last ones) and
     * returns how many: found first, then put in the model in one change, so the rulers and the
     * text repaint once, not once per occurrence.
     */
    int highlight(IAnnotationModel model, IDocument document, long value) {
        String hex = Long.toHexString(value);
        Map<Annotation, Position> found = new LinkedHashMap<>();
        if (org.crashscope.presentation.CrossReference.linkable(value)) { // 0, 1, 0x206: everywhere and meaningless
            var matcher = Pattern.compile("(?<![0-9a-fA-Fx])(?:0x)?0*" + hex + "(?![0-9a-fA-F])", Pattern.CASE_INSENSITIVE)
                    .matcher(document.get());
            while (matcher.find() && found.size() < MAX) {
                found.put(new Annotation(TranscriptEditor.OCCURRENCE, false, "0x" + hex), new Position(matcher.start(), matcher.end() - matcher.start()));
            }
        }
        LineAnnotations.replace(model, marked, found);
        return marked.size();
    }

    /** Removes the marked occurrences ({@code model} may be {@code null} when the editor is closing). */
    void clear(IAnnotationModel model) {
        if (model != null) {
            LineAnnotations.replace(model, marked, Map.of());
        }
        marked.clear();
    }

    /** The first marked occurrence after {@code offset}, else the first one (wrapping), or {@code null}. */
    Position after(IAnnotationModel model, int offset) {
        Position first = null;
        Position next = null;
        for (var annotation : marked) {
            var p = model.getPosition(annotation);
            if (p == null) {
                continue;
            }
            if (first == null || p.getOffset() < first.getOffset()) {
                first = p;
            }
            if (p.getOffset() > offset && (next == null || p.getOffset() < next.getOffset())) {
                next = p;
            }
        }
        return next != null ? next : first;
    }
}
