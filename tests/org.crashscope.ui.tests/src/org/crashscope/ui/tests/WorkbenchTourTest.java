package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.crashscope.ui.editor.CaretValue;
import org.crashscope.ui.views.DiagnosisView;
import org.crashscope.ui.help.GuideView;
import org.crashscope.ui.views.HardwareErrorsView;
import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.editor.Transcripts;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.keys.IBindingService;
import org.junit.jupiter.api.Test;

/**
 * The workbench as a user meets it: the caret on an address, Ctrl+click, the hardware errors, the
 * guide, the keys, the Problems view.
 */
class WorkbenchTourTest {

    private final Display display = Display.getCurrent();
    private final IWorkbenchWindow window = Seed.window();
    private final IWorkbenchPage page = window.getActivePage();

    private static StyledText text(TranscriptEditor editor) {
        return (StyledText) editor.getAdapter(org.eclipse.swt.widgets.Control.class);
    }

    private static IDocument document(TranscriptEditor editor) {
        return editor.getDocumentProvider().getDocument(editor.getEditorInput());
    }

    @Test
    void theCaretOnAnAddressShowsEverythingItIsAndCtrlClickGoesToItsDefinition() throws Exception {
        TranscriptEditor editor = Seed.openIn(window);
        var sheet = (org.eclipse.ui.views.properties.PropertySheet) page.showView(org.eclipse.ui.IPageLayout.ID_PROP_SHEET);
        page.activate(editor);
        // the PUD entry address of the faulting walk, as the vtop output prints it
        int offset = document(editor).get().indexOf("2d49ef2228");
        assertTrue(offset > 0);
        editor.getSelectionProvider().setSelection(new org.eclipse.jface.text.TextSelection(offset + 3, 0));
        // the Properties view follows the post-selection, which the text viewer sends when the caret rests
        UiWait.until("the caret's value", () -> editor.caretValue() != null);
        UiWait.idle();
        Screenshots.take(window.getShell(), "workbench-caret-properties");
        CaretValue value = editor.caretValue();
        assertNotNull(value, "the caret is on a hex number");
        assertEquals(0x2d49ef2228L, value.value());
        assertTrue(value.meanings().stream().anyMatch(m -> m.kind() == org.crashscope.presentation.ValueMeanings.Meaning.Kind.WALK_LEVEL), value.meanings().toString());
        assertTrue(value.meanings().stream().anyMatch(m -> m.kind() == org.crashscope.presentation.ValueMeanings.Meaning.Kind.TABLE_SLOT), value.meanings().toString());
        assertTrue(editor.highlightValue(value.value()) >= 1, "its occurrences are highlighted");
        var properties = org.crashscope.ui.views.Properties.of(value);
        assertNotNull(properties);
        assertTrue(properties.getPropertyDescriptors().length >= 5);
        // the editor's page of the Properties view, made when it is first on screen, shows them
        UiWait.until("the caret's value in the Properties view (" + rows(sheet.getCurrentPage().getControl()) + ")",
                () -> rows(sheet.getCurrentPage().getControl()).stream().anyMatch(r -> r.contains("2d49ef2228")));

        IHyperlink[] links = new org.crashscope.ui.editor.ValueHyperlinks(editor).links(document(editor), offset + 2);
        assertNotNull(links, "Ctrl+click finds links on an address");
        IHyperlink definition = List.of(links).stream().filter(l -> l.getHyperlinkText().startsWith("table slot")).findFirst().orElseThrow();
        definition.open();
        UiWait.selects(editor, 225);
    }

    @Test
    void theCaretsValueSetBeforeTheAnalysisGetsItsMeaningsWhenTheAnalysisArrives() throws Exception {
        page.closeAllEditors(false);
        TranscriptEditor editor = Transcripts.open(window, Seed.path());
        int offset = document(editor).get().indexOf("2d49ef2228");
        // the caret comes to the PUD entry's address while the opening job analyses: no analysis says what it is yet
        editor.getSelectionProvider().setSelection(new org.eclipse.jface.text.TextSelection(offset + 3, 0));
        UiWait.analysed(editor);
        CaretValue value = editor.caretValue();
        assertNotNull(value, "the caret is on a hex number");
        assertTrue(value.meanings().stream().anyMatch(m -> m.kind() == org.crashscope.presentation.ValueMeanings.Meaning.Kind.WALK_LEVEL),
                "the meanings of the analysis that arrived: " + value.meanings());
    }

    /** The rows of the first tree in {@code control}, expanded: each item's columns joined by "=". */
    private static List<String> rows(org.eclipse.swt.widgets.Control control) {
        List<String> out = new java.util.ArrayList<>();
        if (control instanceof org.eclipse.swt.widgets.Tree tree) {
            for (var category : tree.getItems()) {
                out.add(category.getText(0));
                category.setExpanded(true);
                for (var property : category.getItems()) {
                    out.add(property.getText(0) + "=" + property.getText(1));
                }
            }
        } else if (control instanceof org.eclipse.swt.widgets.Composite composite) {
            for (var child : composite.getChildren()) {
                out.addAll(rows(child));
            }
        }
        return out;
    }

    @Test
    void whatOneViewSelectsTheOthersShow() throws Exception {
        TranscriptEditor editor = Seed.openIn(window);
        var pageTable = (org.crashscope.ui.views.PageTableView) page.showView(org.crashscope.ui.views.PageTableView.ID);
        var walk = (org.crashscope.ui.views.WalkView) page.showView(org.crashscope.ui.views.WalkView.ID);
        var diagnosis = (DiagnosisView) page.showView(DiagnosisView.ID);
        UiWait.until("the Walk view's walk", () -> walk.walk() != null);
        // the walk's PUD step (entry at 0x2d49ef2228) -> the Page Table view shows slot 0x45, the Diagnosis its step
        page.activate(walk);
        int pud = -1;
        for (int i = 0; i < walk.walk().steps().size(); i++) {
            if (walk.walk().steps().get(i).entryAddress() != null && walk.walk().steps().get(i).entryAddress() == 0x2d49ef2228L) {
                pud = i;
            }
        }
        assertTrue(pud >= 0, "the last walk reads the anomalous PUD slot");
        walk.go(pud);
        UiWait.until("the Page Table view following the walk step", () -> pageTable.followed() != null);
        UiWait.idle();
        assertNotNull(pageTable.followed(), "the Page Table view followed the walk step");
        assertEquals(0x45, pageTable.followed().index());
        assertEquals(225, pageTable.followed().line(), "the slot's rd row");
        assertTrue(diagnosis.followed() >= 0, "the Diagnosis view showed the step resting on the walk's line");
        // the caret on the address of the rd row in the editor -> the Page Table view shows slot 0x44 there
        page.activate(editor);
        int offset = document(editor).get().indexOf("2d49ef2220:");
        editor.getSelectionProvider().setSelection(new org.eclipse.jface.text.TextSelection(offset + 3, 0));
        assertTrue(UiWait.until(display, 3000, () -> pageTable.followed().index() == 0x44), "the views follow the editor's caret");
        assertEquals(0x2d49ef2220L, editor.caretValue().value());
        assertEquals(0x44, pageTable.followed().index(), "the slot at the caret's address");

        // the Outline links with the editor: the block around the caret is selected there
        var outline = (org.eclipse.ui.views.contentoutline.ContentOutline) page.showView(org.eclipse.ui.IPageLayout.ID_OUTLINE);
        var outlinePage = (org.crashscope.ui.editor.TranscriptOutlinePage) outline.getCurrentPage();
        page.activate(editor);
        editor.getSelectionProvider().setSelection(new org.eclipse.jface.text.TextSelection(document(editor).getLineOffset(169), 0));
        assertTrue(UiWait.until(display, 3000, () -> outlinePage.viewer().getTree().getSelectionCount() == 1
                && outlinePage.viewer().getTree().getSelection()[0].getText().startsWith("bt -FFls")), "the Outline shows the bt block");
        // selecting a vtop block in the Outline makes the Walk view show that walk
        var firstVtop = editor.blocks().stream().filter(b -> b.command().startsWith("vtop")).findFirst().orElseThrow();
        page.activate(outline);
        outlinePage.select(firstVtop);
        assertTrue(UiWait.until(display, 3000, () -> walk.walk().walk().span().first() > firstVtop.firstLine()
                && walk.walk().walk().span().last() <= firstVtop.lastLine()), "the Walk view shows the walk of the selected block, not "
                        + walk.walk().walk().span());
    }

    @Test
    void commandBlocksFoldAndUnfold() throws Exception {
        TranscriptEditor editor = Seed.openIn(window);
        var blocks = editor.blocks().stream().filter(b -> b.lastLine() - b.firstLine() >= 2).toList();
        var folds = editor.folds();
        assertEquals(blocks.size(), folds.size(), "one fold per command block of three lines or more");
        assertTrue(folds.size() >= 3, folds.toString());
        var viewer = (org.eclipse.jface.text.source.projection.ProjectionViewer) editor.getAdapter(org.eclipse.jface.text.ITextOperationTarget.class);
        int before = text(editor).getLineCount();
        viewer.getProjectionAnnotationModel().collapse(folds.get(0));
        UiWait.until("the first block folded", () -> text(editor).getLineCount() < before);
        var first = blocks.get(0);
        assertEquals(before - (first.lastLine() - first.firstLine()), text(editor).getLineCount(), "the block shows as its prompt line");
        viewer.getProjectionAnnotationModel().expandAll(0, document(editor).getLength());
        UiWait.until("every block unfolded", () -> text(editor).getLineCount() == before);
        assertEquals(before, text(editor).getLineCount());
    }

    @Test
    void theHardwareErrorsViewListsTheCperRecordsAndSelectsTheirLines() throws Exception {
        TranscriptEditor editor = Seed.openIn(window);
        HardwareErrorsView view = (HardwareErrorsView) page.showView(HardwareErrorsView.ID);
        UiWait.rowFilled(view.viewer().getTable(), 0, "the Hardware Errors view");
        var rows = view.viewer().getTable().getItems();
        assertEquals(2, rows.length, "the seed's two CPER records");
        var first = (org.crashscope.presentation.Presentation.HardwareRow) rows[0].getData();
        assertNotNull(first.physical(), "the error's physical address");
        assertTrue(first.kind().startsWith("CPER"), first.kind());
        view.viewer().setSelection(new StructuredSelection(first), true);
        UiWait.selects(editor, first.first());
        assertFalse(first.beforeOops().isEmpty(), "how long before the oops");
    }

    @Test
    void theProblemsViewListsTheAnomalyAndOpeningItGoesToItsLineInTheSameEditor() throws Exception {
        TranscriptEditor editor = Seed.openIn(window);
        java.nio.file.Path seed = Seed.path().toAbsolutePath().normalize();
        var root = org.eclipse.core.resources.ResourcesPlugin.getWorkspace().getRoot();
        org.eclipse.core.resources.IMarker[] error = new org.eclipse.core.resources.IMarker[1];
        assertTrue(UiWait.until(display, 10_000, () -> {
            try {
                for (var marker : root.findMarkers("org.crashscope.ui.problem", true, org.eclipse.core.resources.IResource.DEPTH_INFINITE)) {
                    if (seed.toString().equals(marker.getResource().getLocation().toOSString())
                            && marker.getAttribute(org.eclipse.core.resources.IMarker.SEVERITY, -1) == org.eclipse.core.resources.IMarker.SEVERITY_ERROR) {
                        error[0] = marker;
                    }
                }
            } catch (org.eclipse.core.runtime.CoreException e) {
                throw new IllegalStateException(e);
            }
            return error[0] != null;
        }), "the anomaly reached the Problems view");
        assertEquals(225, error[0].getAttribute(org.eclipse.core.resources.IMarker.LINE_NUMBER, -1));
        assertEquals(1, editor.annotations("org.crashscope.ui.anomaly").size(), "the anomaly is marked in the editor too");
        var position = editor.getDocumentProvider().getAnnotationModel(editor.getEditorInput()).getPosition(editor.annotations("org.crashscope.ui.anomaly").get(0));
        assertEquals(224, document(editor).getLineOfOffset(position.getOffset()));
        page.showView(org.eclipse.ui.IPageLayout.ID_PROBLEM_VIEW);
        editor.revealLines(1, 1);
        var opened = org.eclipse.ui.ide.IDE.openEditor(page, error[0]);
        assertTrue(opened == editor, "the open editor, not a second one: " + opened);
        UiWait.selects(editor, 225);
        Screenshots.take(window.getShell(), "workbench-problems");
    }

    @Test
    void theGuideHasASectionPerViewAndF1OpensTheActiveViewsSection() throws Exception {
        Seed.openIn(window);
        DiagnosisView diagnosis = (DiagnosisView) page.showView(DiagnosisView.ID);
        page.activate(diagnosis);
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand("org.crashscope.ui.showGuide", null);
        UiWait.until("Help > User Guide opening the guide", () -> page.findView(GuideView.ID) != null);
        GuideView guide = (GuideView) page.findView(GuideView.ID);
        assertTrue(guide.sections().containsAll(List.of("welcome", "editor", "outline", "diagnosis", "hardware", "pagetable", "walk", "backtrace",
                "registers", "notes", "reports", "keys", "problems")), guide.sections().toString());
        assertTrue(guide.text().contains("PUD slot 0x45"), "the guide explains the seed");
        assertTrue(guide.text().startsWith("This transcript: seed-kcs-ghes-hugepage-gpf.txt"), "the guide begins with the transcript in front");
        assertTrue(guide.text().contains("1 table(s) dumped, 1 entry breaks a run"), guide.text().substring(0, 800));
        Screenshots.take(window.getShell(), "workbench-guide");
        page.hideView(guide);
    }

    @Test
    void everyCrashscopeCommandHasAKeyListedInKeyAssist() {
        IBindingService bindings = PlatformUI.getWorkbench().getService(IBindingService.class);
        for (String command : List.of("org.crashscope.ui.openTranscript", "org.crashscope.ui.openDump", "org.crashscope.ui.exportReport", "org.crashscope.ui.addNote",
                "org.crashscope.ui.showGuide", "org.crashscope.ui.findInTranscript", "org.eclipse.ui.window.showKeyAssist",
                "org.eclipse.ui.window.preferences")) {
            assertTrue(bindings.getActiveBindingsFor(command).length > 0, command + " has no key");
        }
    }
}
