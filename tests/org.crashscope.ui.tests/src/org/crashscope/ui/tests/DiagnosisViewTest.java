package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.crashscope.diagram.Diagram;
import org.crashscope.diagram.DiagnosisDiagram;
import org.crashscope.ui.views.DiagnosisView;
import org.crashscope.ui.editor.TranscriptEditor;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.Test;

/** The Diagnosis view on the reference case. */
class DiagnosisViewTest {

    @Test
    void showsTheChainAndTheKnownIssueAndClickingAStepSelectsItsEvidence(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        IWorkbenchWindow window = Seed.window();
        IWorkbenchPage page = window.getActivePage();
        TranscriptEditor editor = Seed.openCopyIn(window, dir);
        DiagnosisView view = (DiagnosisView) page.showView(DiagnosisView.ID);
        UiWait.until("the Diagnosis view's diagram", () -> view.canvas().diagram() != null && !view.headline().isBlank());
        assertTrue(view.headline().startsWith("general protection fault in gup_pgd_range. Known issue: Kernel panic in gup_pgd_range() after a corrected GHES hardware error: "
                + "a poisoned huge page is migrated without locking its PUD (100%"), view.headline());
        Diagram diagram = view.canvas().diagram();
        assertNotNull(diagram.box("diagnosis:ghes-hugepage-migration-gup-gpf"));
        Diagram.Box slotStep = diagram.box(DiagnosisDiagram.key(2));
        UiWait.click(view.canvas(), slotStep, 20, 10);
        // the step cites the rd row of the broken slot among its evidence (the error record, the hwpoison page, the walk); a click selects its first line
        java.util.List<Integer> evidence = editor.presentation().steps().stream().filter(f -> f.kind().equals("table-slot"))
                .findFirst().orElseThrow().evidence();
        assertTrue(evidence.contains(225), "the rd row of the broken slot: " + evidence);
        assertEquals(evidence.get(0), ((ITextSelection) editor.getSelectionProvider().getSelection()).getStartLine() + 1, "the step's first evidence line");
        assertEquals("", view.nextCommands(), "the seed has every link");
        int before = editor.notes().all().size();
        view.addNote(2, "this slot held the poisoned page");
        var note = editor.notes().all().get(before);
        assertEquals("finding:table-slot", note.target(), "a note on a finding");
        assertEquals(evidence.get(0), note.firstLine(), "a note on a step starts at its first evidence line");
        PlatformUIHelper.undo(editor);
        assertEquals(before, editor.notes().all().size(), "undone");
        Screenshots.take(view.canvas().control().getParent(), "diagnosis-view-seed");
        Screenshots.take(window.getShell(), "workbench-seed-diagnosis");
    }
}
