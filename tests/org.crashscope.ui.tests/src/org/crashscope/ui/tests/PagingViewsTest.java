package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.crashscope.diagram.Diagram;
import org.crashscope.ui.views.PageTableView;
import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.views.WalkView;
import org.crashscope.arch.paging.PageTable;
import org.crashscope.arch.paging.TableSlot;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The walk stepper and the page-table view on the reference case, driven as a user would. */
class PagingViewsTest {

    private IWorkbenchWindow window;
    private IWorkbenchPage page;
    private TranscriptEditor editor;

    @BeforeEach
    void openSeed() throws Exception {
        window = Seed.window();
        page = window.getActivePage();
        editor = Seed.openIn(window);
        assertNotNull(editor);
    }

    private int selectedLine() {
        return ((ITextSelection) editor.getSelectionProvider().getSelection()).getStartLine() + 1;
    }

    @Test
    void pageTableViewHighlightsTheAnomalyAndClickingASlotSelectsItsLine() throws Exception {
        PageTableView view = (PageTableView) page.showView(PageTableView.ID);
        UiWait.until("the Page Table view's table", () -> view.table() != null);
        UiWait.idle();
        PageTable table = view.table();
        assertNotNull(table, "the seed's PUD dump is shown");
        assertEquals("PUD", table.level());
        assertEquals(1, table.anomalies().size());
        Diagram diagram = view.canvas().diagram();
        Diagram.Box anomaly = diagram.box("slot:0x45");
        assertEquals(0xfee2e2, anomaly.fill());
        assertTrue(anomaly.tooltip().contains("expected 0x1080000000, found 0xf80000000"), anomaly.tooltip());

        // a real click on the slot in the overview
        UiWait.click(view.canvas(), anomaly, 3, 3);
        assertEquals(225, selectedLine(), "the rd row that holds slot 0x45");
        TableSlot selected = (TableSlot) ((IStructuredSelection) view.getSite().getSelectionProvider().getSelection()).getFirstElement();
        assertEquals(0x2d49ef2228L, selected.address());

        // the Properties view shows the selected slot
        var properties = (org.eclipse.ui.views.properties.PropertySheet) page.showView(org.eclipse.ui.IPageLayout.ID_PROP_SHEET);
        page.activate(view);
        UiWait.idle();
        var source = org.eclipse.core.runtime.Adapters.adapt(selected, org.eclipse.ui.views.properties.IPropertySource.class);
        assertNotNull(source, "slots adapt to property sources");
        java.util.List<String> values = new java.util.ArrayList<>();
        for (var d : source.getPropertyDescriptors()) {
            values.add(d.getDisplayName() + "=" + source.getPropertyValue(d.getId()));
        }
        assertTrue(values.contains("page=0xf80000000"), values.toString());
        assertTrue(values.contains("virtual from=0x7f1140000000"), values.toString());
        assertNotNull(properties);

        view.canvas().canvas().setFocus();
        Path shot = Screenshots.take(view.canvas().control().getParent(), "page-table-view-seed");
        assertTrue(Files.size(shot) > 10_000, "a real picture: " + Files.size(shot));
    }

    @Test
    void walkStepperStepsWithButtonsAndArrowKeysAndSelectsEachLevelsLine() throws Exception {
        WalkView view = (WalkView) page.showView(WalkView.ID);
        UiWait.until("the Walk view's walk", () -> view.walk() != null);
        assertEquals(0x7f1148cdf000L, view.walk().walk().virtual(), "the user walk is shown first");
        view.go(0);
        assertEquals(196, selectedLine(), "PGD: 2d480567f0 => 2d49ef2067");
        Event right = new Event();
        right.keyCode = SWT.ARROW_RIGHT;
        view.canvas().canvas().notifyListeners(SWT.KeyDown, right);
        UiWait.until("the Walk view's next step", () -> view.step() == 1);
        assertEquals(197, selectedLine(), "PUD: 2d49ef2228 => 8000000f80000887");
        assertEquals(0xfef3c7, view.canvas().diagram().box("step:1").fill(), "the current step is highlighted");
        Path shot = Screenshots.take(view.canvas().control().getParent(), "walk-view-seed");
        view.go(99);
        assertEquals(2, view.step(), "clamped at the page");
        assertEquals(207, selectedLine(), "the struct page row");
        assertTrue(Files.size(shot) > 10_000);
        Screenshots.take(window.getShell(), "workbench-seed-paging-views");
    }

    @Test
    void aSlotOrStepSelectedInOneTranscriptIsNotTheSelectionOfTheNext() throws Exception {
        PageTableView tables = (PageTableView) page.showView(PageTableView.ID);
        UiWait.until("the Page Table view's table", () -> tables.table() != null);
        tables.selectSlot("slot:0x45");
        assertTrue(tables.getSite().getSelectionProvider().getSelection() instanceof IStructuredSelection s && s.getFirstElement() instanceof TableSlot,
                "the slot is the view's selection");
        WalkView walks = (WalkView) page.showView(WalkView.ID);
        UiWait.until("the Walk view's walk", () -> walks.walk() != null);
        walks.go(1);
        assertTrue(!walks.getSite().getSelectionProvider().getSelection().isEmpty(), "the step is the view's selection");

        Seed.openFixture(window, "dmesg-forms.txt"); // a kernel log: no table dumped, no walk
        page.showView(PageTableView.ID);
        UiWait.until("the Page Table view shows the log", () -> tables.table() == null);
        assertTrue(tables.getSite().getSelectionProvider().getSelection().isEmpty(), "the seed's slot is no selection of the log's view");
        page.showView(WalkView.ID);
        UiWait.until("the Walk view shows the log", () -> walks.walk() == null);
        assertTrue(walks.getSite().getSelectionProvider().getSelection().isEmpty(), "the seed's step is no selection of the log's view");
    }
}
