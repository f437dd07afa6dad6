package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.crashscope.arch.paging.CheckedWalk;
import org.crashscope.diagram.Diagram;
import org.crashscope.ui.views.BacktraceView;
import org.crashscope.ui.views.WalkView;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the Walk and Backtrace views say of the values issue 25 put right, on real sessions: a
 * 1 GiB walk has no PMD or PTE field, an exception frame's words are pt_regs fields, not
 * registers a prologue saved.
 */
class TrueValuesScreenshotsTest {

    private IWorkbenchWindow window;
    private IWorkbenchPage page;

    @BeforeEach
    void window() {
        window = Seed.cleanWindow();
        page = window.getActivePage();
    }

    /** A real session of the fixture catalogue (tests/org.crashscope.fixtures). */
    private void openSession(String name) throws Exception {
        Seed.openFixture(window, "vmcore/" + name);
    }

    private static List<String> texts(Diagram d) {
        return d.shapes().stream().filter(s -> s instanceof Diagram.Text).map(s -> ((Diagram.Text) s).text()).toList();
    }

    @Test
    void aOneGibWalkIsSplitIntoItsOwnFieldsOnly() throws Exception {
        openSession("soft1g-hugetlb.txt");
        WalkView view = (WalkView) page.showView(WalkView.ID);
        UiWait.until("the Walk view's walk", () -> view.walk() != null);
        CheckedWalk giant = null;
        for (int i = 0; i < view.chooser().itemsInDropDown() && giant == null; i++) {
            view.chooser().pick(i);
            CheckedWalk w = view.walk();
            if (w != null && w.leaf() != null && w.leaf().entry().pageSize() == 1L << 30) {
                giant = w;
            }
        }
        assertTrue(giant != null, "the session walks a 1 GiB page");
        List<String> texts = texts(view.canvas().diagram());
        assertTrue(texts.stream().anyMatch(t -> t.contains("PUD")), texts.toString());
        assertFalse(texts.stream().anyMatch(t -> t.startsWith("PMD") || t.startsWith("PTE")), "no PMD or PTE field in a 1 GiB walk: " + texts);
        Screenshots.take(window.getShell(), "walk-1gib-soft1g-hugetlb");
    }

    @Test
    void anExceptionFramesWordsArePtRegsFields() throws Exception {
        openSession("ck-null.txt");
        BacktraceView view = (BacktraceView) page.showView(BacktraceView.ID);
        UiWait.until("the Backtrace view's traces", () -> view.chooser().itemsInDropDown() > 0);
        // the bt -FFls of the task: the first trace with stack words
        for (int i = 0; i < view.chooser().itemsInDropDown() && view.slots().getTable().getItemCount() == 0; i++) {
            view.chooser().pick(i);
            UiWait.idle(); // a pick fills the tables at once
        }
        assertTrue(view.slots().getTable().getItemCount() > 0, "stack words are shown");
        TableItem[] rows = view.slots().getTable().getItems();
        assertTrue(Arrays.stream(rows).anyMatch(r -> r.getText(2).startsWith("pt_regs.")), "the exception frame's words are pt_regs fields");
        Screenshots.take(window.getShell(), "backtrace-exception-frame-ck-null");
    }
}
