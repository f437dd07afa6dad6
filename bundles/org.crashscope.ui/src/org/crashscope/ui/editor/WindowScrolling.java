package org.crashscope.ui.editor;

import org.eclipse.jface.text.ITextViewer;

/**
 * A large file's window follows the user's scrolling: when the top or the bottom of the view comes
 * within a tenth of the window's ends (and the file goes on), the window is moved around the top
 * line, once per burst of scroll events, and the view kept on the line it showed.
 */
final class WindowScrolling {

    private boolean pending;

    /** Called for each viewport change of {@code viewer} showing {@code window}; {@code moved} runs after the window moved. */
    void follow(ITextViewer viewer, TranscriptWindowDocument window, Runnable moved) {
        if (pending) {
            return;
        }
        int top = viewer.getTopIndex();
        int bottom = viewer.getBottomIndex();
        int lines = window.lastLine() - window.firstLine() + 1;
        boolean nearStart = top < lines / 10 && window.firstLine() > 1;
        boolean nearEnd = bottom > lines - lines / 10 && window.lastLine() < window.fileLineCount();
        if (!nearStart && !nearEnd) {
            return;
        }
        pending = true;
        viewer.getTextWidget().getDisplay().asyncExec(() -> {
            pending = false;
            if (viewer.getTextWidget() == null || viewer.getTextWidget().isDisposed()) {
                return;
            }
            int topFileLine = window.firstLine() + viewer.getTopIndex();
            if (window.showAround(topFileLine)) {
                moved.run();
                viewer.setTopIndex(topFileLine - window.firstLine());
            }
        });
    }
}
