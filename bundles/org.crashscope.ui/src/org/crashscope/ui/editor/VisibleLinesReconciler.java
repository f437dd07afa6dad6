package org.crashscope.ui.editor;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextInputListener;
import org.eclipse.jface.text.ITextListener;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.IViewportListener;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.TextEvent;
import org.eclipse.jface.text.TextPresentation;
import org.eclipse.jface.text.TextViewer;
import org.eclipse.jface.text.TypedRegion;
import org.eclipse.jface.text.presentation.IPresentationDamager;
import org.eclipse.jface.text.presentation.IPresentationReconciler;
import org.eclipse.jface.text.presentation.IPresentationRepairer;
import org.eclipse.jface.text.rules.DefaultDamagerRepairer;
import org.eclipse.jface.text.rules.RuleBasedScanner;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.events.ControlAdapter;
import org.eclipse.swt.events.ControlEvent;
import org.eclipse.swt.events.ControlListener;
import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.events.PaintListener;
import org.eclipse.swt.widgets.Display;

/**
 * Colours only the lines on screen (and a margin around them) of a document, as they are scrolled
 * to, and forgets the colours of lines scrolled away. JFace's own reconciler colours the whole
 * document whenever it is set, which for the megabytes of a large transcript's window, or a live
 * session read again after each command, would hold the UI thread at every move or reload.
 */
final class VisibleLinesReconciler implements IPresentationReconciler {

    /** Lines coloured above and below the visible ones, so that short scrolls need no work. */
    static final int MARGIN_LINES = 100;

    private final DefaultDamagerRepairer repairer;
    private final Listener listener = new Listener();
    private TextViewer viewer;
    private IRegion coloured;
    private boolean pending;

    VisibleLinesReconciler(RuleBasedScanner scanner) {
        this.repairer = new DefaultDamagerRepairer(scanner);
    }

    @Override
    public void install(ITextViewer textViewer) {
        viewer = (TextViewer) textViewer;
        viewer.addViewportListener(listener);
        viewer.addTextInputListener(listener);
        viewer.addTextListener(listener);
        viewer.getTextWidget().addControlListener(listener);
        viewer.getTextWidget().addPaintListener(listener);
        if (viewer.getDocument() != null) {
            repairer.setDocument(viewer.getDocument());
            schedule();
        }
    }

    @Override
    public void uninstall() {
        if (viewer != null) {
            viewer.removeViewportListener(listener);
            viewer.removeTextInputListener(listener);
            viewer.removeTextListener(listener);
            if (!viewer.getTextWidget().isDisposed()) {
                viewer.getTextWidget().removeControlListener(listener);
                viewer.getTextWidget().removePaintListener(listener);
            }
            viewer = null;
        }
    }

    @Override
    public IPresentationDamager getDamager(String contentType) {
        return IDocument.DEFAULT_CONTENT_TYPE.equals(contentType) ? repairer : null;
    }

    @Override
    public IPresentationRepairer getRepairer(String contentType) {
        return IDocument.DEFAULT_CONTENT_TYPE.equals(contentType) ? repairer : null;
    }

    /** The region coloured now, for tests. */
    IRegion coloured() {
        return coloured;
    }

    private void schedule() {
        if (pending || viewer == null) {
            return;
        }
        pending = true;
        // scroll events come in bursts: colour once, after the burst
        Display.getCurrent().asyncExec(this::colour);
    }

    private void colour() {
        pending = false;
        if (viewer == null || viewer.getTextWidget() == null || viewer.getTextWidget().isDisposed()) {
            return;
        }
        IDocument document = viewer.getDocument();
        if (document == null) {
            return;
        }
        try {
            int first = Math.max(0, viewer.getTopIndex() - MARGIN_LINES);
            int last = Math.min(document.getNumberOfLines() - 1, Math.max(viewer.getBottomIndex(), first) + MARGIN_LINES);
            IRegion lastLine = document.getLineInformation(last);
            int start = document.getLineOffset(first);
            IRegion wanted = new Region(start, lastLine.getOffset() + lastLine.getLength() - start);
            if (coloured != null && coloured.getOffset() <= wanted.getOffset()
                    && coloured.getOffset() + coloured.getLength() >= wanted.getOffset() + wanted.getLength()) {
                return;
            }
            if (coloured != null) {
                TextPresentation clear = new TextPresentation(coloured, 1);
                clear.setDefaultStyleRange(new StyleRange(coloured.getOffset(), coloured.getLength(), null, null));
                viewer.changeTextPresentation(clear, false);
            }
            TextPresentation presentation = new TextPresentation(wanted, 256);
            repairer.createPresentation(presentation, new TypedRegion(wanted.getOffset(), wanted.getLength(), IDocument.DEFAULT_CONTENT_TYPE));
            viewer.changeTextPresentation(presentation, false);
            coloured = wanted;
        } catch (BadLocationException e) {
            coloured = null; // the document changed under us: the next scroll colours again
        }
    }

    /** Whether lines scrolled into view (by any means, even a program's setTopIndex) lack colours. */
    private boolean visibleLinesUncoloured() {
        if (coloured == null) {
            return true;
        }
        var widget = viewer.getTextWidget();
        int top = widget.getOffsetAtLine(widget.getTopIndex());
        int bottomLine = Math.min(widget.getLineCount() - 1, widget.getTopIndex() + widget.getClientArea().height / Math.max(1, widget.getLineHeight()));
        int bottom = widget.getOffsetAtLine(bottomLine);
        return top < coloured.getOffset() || bottom > coloured.getOffset() + coloured.getLength();
    }

    private final class Listener extends ControlAdapter implements IViewportListener, ITextInputListener, ITextListener, ControlListener, PaintListener {
        @Override
        public void paintControl(PaintEvent e) {
            if (!pending && visibleLinesUncoloured()) {
                schedule();
            }
        }

        @Override
        public void viewportChanged(int verticalOffset) {
            schedule();
        }

        @Override
        public void controlResized(ControlEvent e) {
            schedule();
        }

        @Override
        public void inputDocumentAboutToBeChanged(IDocument oldInput, IDocument newInput) {
            coloured = null;
        }

        @Override
        public void inputDocumentChanged(IDocument oldInput, IDocument newInput) {
            if (newInput != null) {
                repairer.setDocument(newInput);
                schedule();
            }
        }

        @Override
        public void textChanged(TextEvent event) {
            // a presentation was invalidated (occurrences highlighted) or a window of text replaced: colour again
            coloured = null;
            schedule();
        }
    }
}
