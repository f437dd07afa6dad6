package org.crashscope.ui.editor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.crashscope.transcript.CommandBlock;
import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationAccess;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.IOverviewRuler;
import org.eclipse.jface.text.source.ISharedTextColors;
import org.eclipse.jface.text.source.IVerticalRuler;
import org.eclipse.jface.text.source.projection.ProjectionAnnotation;
import org.eclipse.jface.text.source.projection.ProjectionSupport;
import org.eclipse.jface.text.source.projection.ProjectionViewer;
import org.eclipse.swt.widgets.Composite;

/** One folding region per command block of three lines or more, from its prompt to its last line. */
final class BlockFolding {

    private final ProjectionViewer viewer;
    private final ProjectionSupport support;
    private final List<Annotation> folds = new ArrayList<>();
    /** The spans folded now, first and last line of each: the same blocks again change nothing. */
    private long[] spans = new long[0];

    /** Installs projection support in {@code viewer} and turns folding on. */
    BlockFolding(ProjectionViewer viewer, IAnnotationAccess access, ISharedTextColors colors) {
        this.viewer = viewer;
        this.support = new ProjectionSupport(viewer, access, colors);
        support.install();
        viewer.doOperation(ProjectionViewer.TOGGLE);
    }

    /** The projection support's adapter of {@code type} (the folding actions), or {@code null}. */
    <T> T adapter(Class<T> type) {
        Object a = support.getAdapter(viewer, type);
        return a == null ? null : type.cast(a);
    }

    /**
     * How many folds one UI task adds. Past 15 projection commands in one change (each added fold
     * is two) JFace has the text widget take its whole text again: a third of a second for the
     * 1,000 blocks of 3 MB; a few at a time, each task takes a millisecond.
     */
    static final int BATCH = 7;

    /** Counts the updates: the batches still to add of folds replaced since are dropped. */
    private int updates;

    /** Replaces the folding regions with those of {@code blocks} in {@code document}: the old ones at once, the new ones {@value #BATCH} a UI task. */
    void update(IDocument document, List<CommandBlock> blocks) {
        if (viewer.getProjectionAnnotationModel() == null || document == null) {
            return;
        }
        long[] now = new long[blocks.size()];
        for (int i = 0; i < now.length; i++) {
            now[i] = (long) blocks.get(i).firstLine() << 32 | blocks.get(i).lastLine();
        }
        if (java.util.Arrays.equals(now, spans) && !folds.isEmpty()) {
            return;
        }
        spans = now;
        List<Position> regions = new ArrayList<>();
        try {
            for (CommandBlock block : blocks) {
                if (block.lastLine() - block.firstLine() < 2 || block.lastLine() > document.getNumberOfLines()) {
                    continue;
                }
                int start = document.getLineOffset(block.firstLine() - 1);
                int end = block.lastLine() < document.getNumberOfLines() ? document.getLineOffset(block.lastLine()) : document.getLength();
                regions.add(new Position(start, end - start));
            }
        } catch (BadLocationException e) {
            ILog.of(getClass()).warn("Cannot fold the command blocks: " + e.getMessage());
            return;
        }
        int update = ++updates;
        if (!folds.isEmpty()) {
            viewer.getProjectionAnnotationModel().modifyAnnotations(folds.toArray(Annotation[]::new), null, null);
            folds.clear();
        }
        add(update, document, stamp(document), regions, 0);
    }

    /** Adds the next batch of {@code regions}, unless the folds were replaced or the document changed since they were found. */
    private void add(int update, IDocument document, long stamp, List<Position> regions, int from) {
        if (update != updates || viewer.getProjectionAnnotationModel() == null || viewer.getTextWidget() == null || viewer.getTextWidget().isDisposed()) {
            return;
        }
        if (viewer.getDocument() != document || stamp(document) != stamp) {
            spans = new long[0]; // (the regions' offsets are of another text: the next update finds them again)
            return;
        }
        Map<Annotation, Position> added = new LinkedHashMap<>();
        int to = Math.min(regions.size(), from + BATCH);
        for (Position region : regions.subList(from, to)) {
            added.put(new ProjectionAnnotation(), region);
        }
        var model = viewer.getProjectionAnnotationModel();
        model.modifyAnnotations(null, added, null);
        added.keySet().stream().filter(a -> model.getPosition(a) != null).forEach(folds::add);
        if (to < regions.size()) {
            viewer.getTextWidget().getDisplay().asyncExec(() -> add(update, document, stamp, regions, to));
        }
    }

    private static long stamp(IDocument document) {
        return document instanceof org.eclipse.jface.text.IDocumentExtension4 x ? x.getModificationStamp() : 0;
    }

    /** The folding regions, in order. */
    List<Annotation> folds() {
        return List.copyOf(folds);
    }

    /**
     * The editor's viewer. One that folds shows its document through a projection of the whole
     * of it from the start: a plain projection viewer shows the document itself until the first
     * fold arrives and then makes a new projection of the whole transcript and sets it into the
     * text widget a second time, on the UI thread (a quarter of a second for 3 MB); shown through
     * a projection already, the folds are added to it ({@value #BATCH} at a time, see there).
     */
    static final class Viewer extends ProjectionViewer {

        private final boolean folds;

        Viewer(Composite parent, IVerticalRuler ruler, IOverviewRuler overview, boolean showsOverview, int styles, boolean folds) {
            super(parent, ruler, overview, showsOverview, styles);
            this.folds = folds;
        }

        @Override
        public void setDocument(IDocument document, IAnnotationModel annotationModel) {
            if (folds && document != null) {
                setDocument(document, annotationModel, 0, document.getLength());
            } else {
                super.setDocument(document, annotationModel);
            }
        }
    }
}
