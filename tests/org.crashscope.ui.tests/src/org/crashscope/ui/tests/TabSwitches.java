package org.crashscope.ui.tests;

import org.crashscope.ui.views.BacktraceView;
import org.crashscope.ui.views.DiagnosisView;
import org.crashscope.ui.views.HardwareErrorsView;
import org.crashscope.ui.views.PageTableView;
import org.crashscope.ui.views.RegistersView;
import org.crashscope.ui.views.WalkView;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;

/**
 * Every view of the perspective brought to the front in turn, twice (the second round is what a
 * user switching tabs feels), timed on the UI thread with what the switch queued.
 *
 * @param worst the longest switch, in milliseconds
 * @param each  the second round's switches, "view=ms" each
 */
record TabSwitches(long worst, String each) {

    static final String[] VIEWS = {DiagnosisView.ID, PageTableView.ID, WalkView.ID, BacktraceView.ID, RegistersView.ID, HardwareErrorsView.ID,
            "org.eclipse.ui.views.PropertySheet", "org.eclipse.ui.views.ContentOutline", "org.eclipse.ui.views.ProblemView"};

    static TabSwitches measure() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        long worst = 0;
        StringBuilder each = new StringBuilder();
        for (int round = 0; round < 2; round++) {
            for (String id : VIEWS) {
                long start = System.nanoTime();
                page.showView(id);
                while (Display.getCurrent().readAndDispatch()) {
                    // what the switch queued (paints, fills) counts too
                }
                long ms = (System.nanoTime() - start) / 1_000_000;
                worst = Math.max(worst, ms);
                if (round == 1) {
                    each.append(' ').append(id.substring(id.lastIndexOf('.') + 1)).append('=').append(ms);
                }
            }
        }
        return new TabSwitches(worst, each.toString());
    }
}
