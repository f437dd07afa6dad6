package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.crashscope.presentation.Outline;
import org.crashscope.arch.paging.PageTable;
import org.crashscope.diagram.Diagram;
import org.crashscope.ui.views.DiagnosisView;
import org.crashscope.ui.views.HardwareErrorsView;
import org.crashscope.ui.views.PageTableView;
import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.editor.TranscriptOutlinePage;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.views.contentoutline.ContentOutline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The views on sessions of the real crash on real dumps (releng/vmcore): the migrated and the poisoned slot, machine checks, a watchdog's crash. */
class RealSessionsViewsTest {

    private IWorkbenchWindow window;
    private IWorkbenchPage page;

    @BeforeEach
    void window() {
        window = Seed.cleanWindow();
        page = window.getActivePage();
    }

    private TranscriptEditor open(String name) throws Exception {
        return Seed.openFixture(window, "vmcore/" + name);
    }

    @Test
    void thePageTableViewShowsTheMigratedSlotAndTheHwpoisonEntryInRed() throws Exception {
        TranscriptEditor editor = open("both2m-hugetlb.txt");
        PageTableView view = (PageTableView) page.showView(PageTableView.ID);
        UiWait.until("the Page Table view's table", () -> view.table() != null);
        UiWait.idle();
        PageTable table = view.table();
        assertNotNull(table);
        assertEquals("PMD", table.level());
        assertEquals(List.of(8, 9), table.anomalies().stream().map(a -> a.slot().index()).toList());
        Diagram d = view.canvas().diagram();
        Diagram.Box migrated = d.box("slot:0x8");
        Diagram.Box poisoned = d.box("slot:0x9");
        assertEquals(0xfee2e2, migrated.fill());
        assertEquals(0xfee2e2, poisoned.fill());
        assertTrue(migrated.tooltip().contains("expected 0x110200000, found 0x107800000") && migrated.tooltip().contains("Soft offlining pfn 0x110200"),
                migrated.tooltip());
        assertTrue(poisoned.tooltip().contains("hwpoison entry for page 0x110000000"), poisoned.tooltip());
        assertTrue(editor.presentation().knownIssues().stream().anyMatch(x -> x.id().equals("hugepage-remapped-after-memory-error")),
                editor.presentation().knownIssues().toString());
        Screenshots.take(view.canvas().control().getParent(), "real-both2m-pmd-table");
    }

    @Test
    void theHardwareErrorsViewListsEachMachineCheckBankDecodedAndTheSoftOffline() throws Exception {
        open("mce2m-basic.txt");
        HardwareErrorsView view = (HardwareErrorsView) page.showView(HardwareErrorsView.ID);
        UiWait.until("the Hardware Errors view's rows", () -> view.viewer().getTable().getItemCount() > 0);
        TableItem[] items = view.viewer().getTable().getItems();
        List<String> kinds = java.util.Arrays.stream(items).map(i -> i.getText(1)).toList();
        assertTrue(kinds.contains("MCE CPU 0 bank 1") && kinds.contains("soft offline"), kinds.toString());
        TableItem bank = java.util.Arrays.stream(items).filter(i -> i.getText(1).equals("MCE CPU 0 bank 1")).findFirst().orElseThrow();
        assertEquals("corrected", bank.getText(4));
        assertTrue(bank.getText(5).startsWith("memory controller read error"), bank.getText(5));
        assertEquals("0x108603080", bank.getText(6));
        Screenshots.take(window.getShell(), "real-mce2m-hardware-errors");
    }

    @Test
    void theDiagnosisIsHeadedInWordsAndASoftOfflineIsNotCalledAHardwareError() throws Exception {
        TranscriptEditor editor = open("both2m-hugetlb.txt");
        DiagnosisView view = (DiagnosisView) page.showView(DiagnosisView.ID);
        UiWait.until("the Diagnosis view's diagram", () -> view.canvas().diagram() != null && !view.headline().startsWith("No transcript"));
        List<String> ids = editor.presentation().knownIssues().stream().map(x -> x.id()).toList();
        assertFalse(ids.isEmpty());
        for (String id : ids) {
            assertFalse(view.headline().contains(id), id + " in " + view.headline());
        }
        assertTrue(view.headline().contains("A huge page was taken out of use after a memory error"), view.headline());
        List<String> texts = view.canvas().diagram().shapes().stream().filter(sh -> sh instanceof Diagram.Text).map(sh -> ((Diagram.Text) sh).text()).toList();
        assertTrue(texts.stream().anyMatch(t -> t.matches("\\d+  SOFT OFFLINE")), texts.toString());
        assertFalse(texts.stream().anyMatch(t -> t.contains("HARDWARE ERROR")), "a soft offline is not a hardware error: " + texts);
        assertFalse(texts.stream().anyMatch(t -> ids.stream().anyMatch(t::contains)), "no rule id as a heading: " + texts);
        page.activate(view);
        Screenshots.take(window.getShell(), "real-both2m-diagnosis-heading");
    }

    @Test
    void aSoftLockupIsNamedAndClaimsNoFaultingTask() throws Exception {
        TranscriptEditor editor = open("ck-softlockup.txt");
        DiagnosisView view = (DiagnosisView) page.showView(DiagnosisView.ID);
        UiWait.until("the Diagnosis view's headline", () -> !view.headline().isBlank() && !view.headline().startsWith("No transcript"));
        assertTrue(view.headline().startsWith("BUG: soft lockup in ck_spin. Crash kind: Soft lockup: a CPU ran kernel code without scheduling for too long"), view.headline());
        assertFalse(editor.presentation().steps().stream().anyMatch(f -> f.kind().equals("task") || f.kind().equals("faulting-instruction")),
                editor.presentation().steps().toString());
        ContentOutline outline = (ContentOutline) page.showView(IPageLayout.ID_OUTLINE);
        TranscriptOutlinePage outlinePage = (TranscriptOutlinePage) outline.getCurrentPage();
        UiWait.until("the Outline's nodes", () -> !outlinePage.nodes().isEmpty());
        List<String> oopses = outlinePage.nodes().stream().flatMap(n -> n.children().stream()).filter(n -> n.kind() == Outline.Kind.OOPS)
                .map(Outline.Node::label).toList();
        assertTrue(oopses.stream().anyMatch(l -> l.startsWith("watchdog: BUG: soft lockup - CPU#1 stuck for") && l.contains("[soft-lockup]")), oopses.toString());
        page.activate(view);
        Screenshots.take(window.getShell(), "real-ck-softlockup-diagnosis");
    }
}
