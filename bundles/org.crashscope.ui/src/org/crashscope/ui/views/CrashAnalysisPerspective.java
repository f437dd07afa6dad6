package org.crashscope.ui.views;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.crashscope.ui.help.GuideView;
import org.crashscope.ui.notes.NotesView;

/**
 * The Crash Analysis perspective: the transcript in the middle, its Outline on the left, the
 * walk stepper and the page-table view stacked below (they need width more than height).
 */
public final class CrashAnalysisPerspective implements IPerspectiveFactory {

    public static final String ID = "org.crashscope.ui.crashAnalysisPerspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(true);
        IFolderLayout left = layout.createFolder("left", IPageLayout.LEFT, 0.26f, layout.getEditorArea());
        left.addView(IPageLayout.ID_OUTLINE);
        layout.getViewLayout(IPageLayout.ID_OUTLINE).setCloseable(true);
        IFolderLayout bottom = layout.createFolder("bottom", IPageLayout.BOTTOM, 0.52f, layout.getEditorArea());
        bottom.addView(DiagnosisView.ID);
        bottom.addView(PageTableView.ID);
        bottom.addView(WalkView.ID);
        bottom.addView(BacktraceView.ID);
        bottom.addView(HardwareErrorsView.ID);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        bottom.addPlaceholder(IPageLayout.ID_PROGRESS_VIEW);
        bottom.addPlaceholder(org.crashscope.ui.live.CrashConsoleView.ID);
        org.eclipse.ui.IPlaceholderFolderLayout right = layout.createPlaceholderFolder("right", IPageLayout.RIGHT, 0.70f, layout.getEditorArea());
        right.addPlaceholder(GuideView.ID);
        IFolderLayout below = layout.createFolder("belowOutline", IPageLayout.BOTTOM, 0.55f, "left");
        below.addView(RegistersView.ID);
        below.addView(NotesView.ID);
        below.addView(IPageLayout.ID_PROP_SHEET);
        layout.addShowViewShortcut(HardwareErrorsView.ID);
        layout.addShowViewShortcut(GuideView.ID);
    }
}
