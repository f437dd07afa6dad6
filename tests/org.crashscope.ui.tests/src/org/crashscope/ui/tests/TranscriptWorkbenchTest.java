package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.crashscope.ui.handlers.RecentFiles;
import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.editor.TranscriptOutlinePage;
import org.crashscope.ui.editor.Transcripts;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.contentoutline.ContentOutline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Opens the reference transcript in the real Crashscope workbench and looks at what it shows. */
class TranscriptWorkbenchTest {

    private IWorkbenchWindow window;
    private IWorkbenchPage page;
    private Display display;

    @BeforeEach
    void workbench() {
        assertTrue(PlatformUI.isWorkbenchRunning());
        display = Display.getCurrent();
        assertNotNull(display, "tests run on the UI thread");
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        page = window.getActivePage();
        page.closeAllEditors(false);
    }

    private static Path seed() throws Exception {
        return Seed.path();
    }

    private TreeItem[] outlineItems() throws Exception {
        ContentOutline outline = (ContentOutline) page.showView(IPageLayout.ID_OUTLINE);
        TranscriptOutlinePage outlinePage = assertInstanceOf(TranscriptOutlinePage.class, outline.getCurrentPage());
        UiWait.until("the Outline's items", () -> outlinePage.viewer().getTree().getItemCount() > 0);
        return outlinePage.viewer().getTree().getItems();
    }

    @Test
    void seedOpensInTheEditorWithItsCommandsInTheOutline() throws Exception {
        TranscriptEditor editor = Transcripts.open(window, seed());
        assertNotNull(editor);
        UiWait.analysed(editor);

        IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        assertEquals(238, document.getNumberOfLines());
        assertTrue(document.get().contains("crash> vtop 00007f1148cdf000"));
        assertFalse(editor.isEditable(), "a transcript is evidence: read-only");
        assertEquals("seed-kcs-ghes-hugepage-gpf.txt", editor.getTitle());

        List<String> labels = Arrays.stream(outlineItems()).map(TreeItem::getText).toList();
        assertEquals(List.of(
                "backtrace (no prompt)  :62",
                "log  :100",
                "ptov 0x00000010af886040  :143",
                "vtop ffff98262f886040  :147",
                "bt -FFls  :164",
                "vtop 00007f1148cdf000  :192",
                "memory dump (no prompt)  :211"), labels, "every block, prompted or found by its shape, in file order");
        TranscriptOutlinePage outlinePage = (TranscriptOutlinePage) ((ContentOutline) page.findView(IPageLayout.ID_OUTLINE)).getCurrentPage();
        outlinePage.viewer().expandToLevel(outlinePage.nodes().get(1), 1);
        List<String> logChildren = outlinePage.nodes().get(1).children().stream().map(org.crashscope.presentation.Outline.Node::label).toList();
        assertTrue(logChildren.stream().anyMatch(t -> t.startsWith("{1} corrected hardware error at 0x10af886040")), logChildren.toString());
        assertTrue(logChildren.stream().anyMatch(t -> t.startsWith("general protection fault")), logChildren.toString());
        assertTrue(window.getShell().getText().contains("Crashscope"), window.getShell().getText());

        // the transcript is coloured: the prompt bold blue, a register name purple
        var text = (org.eclipse.swt.custom.StyledText) editor.getAdapter(org.eclipse.swt.widgets.Control.class);
        editor.revealLines(164, 164);
        int prompt = document.getLineOffset(163) + document.get(document.getLineOffset(163), document.getLineLength(163)).indexOf("crash>");
        UiWait.until("line 164 coloured", () -> text.getStyleRangeAtOffset(prompt) != null);
        var promptStyle = text.getStyleRangeAtOffset(prompt);
        assertNotNull(promptStyle, "the prompt is styled");
        assertEquals(new org.eclipse.swt.graphics.RGB(0x1d, 0x4e, 0xd8), promptStyle.foreground.getRGB());
        int rbx = document.getLineOffset(69) + document.get(document.getLineOffset(69), document.getLineLength(69)).indexOf("RBX:");
        editor.revealLines(70, 70);
        UiWait.until("line 70 coloured", () -> text.getStyleRangeAtOffset(rbx) != null);
        assertEquals(new org.eclipse.swt.graphics.RGB(0x7e, 0x22, 0xce), text.getStyleRangeAtOffset(rbx).foreground.getRGB());
        Screenshots.take(window.getShell(), "workbench-seed-outline");
    }

    @Test
    void selectingABlockInTheOutlineRevealsItInTheEditor() throws Exception {
        TranscriptEditor editor = Transcripts.open(window, seed());
        outlineItems();
        ContentOutline outline = (ContentOutline) page.findView(IPageLayout.ID_OUTLINE);
        TranscriptOutlinePage outlinePage = (TranscriptOutlinePage) outline.getCurrentPage();
        outlinePage.select(editor.blocks().get(3));
        UiWait.selects(editor, 164);

        ITextSelection selection = (ITextSelection) editor.getSelectionProvider().getSelection();
        assertEquals(163, selection.getStartLine(), "0-based line of 'crash> bt -FFls'");
        assertEquals(187, selection.getEndLine());
        assertTrue(selection.getText().startsWith("    crash> bt -FFls"));
    }

    @Test
    void openingTheSameFileTwiceReusesTheEditorAndRemembersIt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path copy = Files.copy(seed(), dir.resolve("mine.txt"));
        TranscriptEditor first = Transcripts.open(window, copy);
        TranscriptEditor second = Transcripts.open(window, copy);
        assertTrue(first == second);
        assertEquals(1, page.getEditorReferences().length);
        assertEquals(copy.toAbsolutePath().normalize(), RecentFiles.list().get(0));
        // the bundled sample lives in the OSGi cache: opening it leaves Open Recent as it was
        Transcripts.open(window, seed());
        assertEquals(copy.toAbsolutePath().normalize(), RecentFiles.list().get(0), "no cache path in Open Recent");
    }

    @Test
    void aViewBehindAnotherTabIsFilledWhenSeenWithTheTranscriptInFront() throws Exception {
        // the Walk and the Diagnosis views share the bottom stack: one of them is seen at a time
        org.crashscope.ui.views.WalkView walk = (org.crashscope.ui.views.WalkView) page.showView(org.crashscope.ui.views.WalkView.ID);
        TranscriptEditor seed = UiWait.analysed(Transcripts.open(window, seed()));
        String seedWalk = walk.walk().walk().command().strip();
        assertTrue(seedWalk.startsWith("vtop "), seedWalk);
        page.showView(org.crashscope.ui.views.DiagnosisView.ID);
        assertFalse(page.isPartVisible(walk));
        TranscriptEditor other = UiWait.analysed(Transcripts.open(window, org.crashscope.fixtures.SharedFixtures.path("vmcore/both2m-hugetlb.txt")));
        assertEquals(seedWalk, walk.walk().walk().command().strip(), "a view behind another tab is not filled while it is not seen");
        List<String> others = other.presentation().paging().walks().stream().map(w -> w.walk().command().strip()).toList();
        assertFalse(others.contains(seedWalk), others.toString());

        page.bringToTop(walk);
        // filled as it comes to the front, in the same task: it never shows the other transcript's walk
        assertTrue(others.contains(walk.walk().walk().command().strip()), walk.walk().walk().command() + " of " + others);
        page.activate(seed);
        UiWait.idle();
        assertEquals(seedWalk, walk.walk().walk().command().strip(), "a visible view follows the editor in front");
    }

    @Test
    void theEditorNeverWritesTheTranscript(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path copy = Files.copy(seed(), dir.resolve("copy.txt"));
        long modified = Files.getLastModifiedTime(copy).toMillis();
        TranscriptEditor editor = Transcripts.open(window, copy);
        assertThrows(Exception.class, () -> editor.getDocumentProvider().saveDocument(null, editor.getEditorInput(),
                editor.getDocumentProvider().getDocument(editor.getEditorInput()), true));
        page.closeEditor(editor, false);
        assertEquals(modified, Files.getLastModifiedTime(copy).toMillis());
        assertEquals(Files.readString(seed()), Files.readString(copy));
    }

    @Test
    void aMissingFileIsReportedNotThrown() {
        // Transcripts.open shows an error dialog: check the precondition path without blocking on it
        Path missing = Path.of("/nonexistent/crash.txt");
        assertFalse(Files.exists(missing));
        RecentFiles.add(missing);
        assertTrue(RecentFiles.list().contains(missing));
        RecentFiles.remove(missing);
        assertFalse(RecentFiles.list().contains(missing));
    }
}
