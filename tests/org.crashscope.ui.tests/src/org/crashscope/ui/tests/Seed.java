package org.crashscope.ui.tests;

import java.nio.file.Path;

import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.editor.Transcripts;
import org.eclipse.core.runtime.FileLocator;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/** The reference transcript, the one the product ships as its sample, opened in a workbench window of a known size. */
final class Seed {
    private Seed() {
    }

    static Path path() throws Exception {
        // one copy of the reference case in the product (org.crashscope.app's sample), none here
        var entry = org.eclipse.core.runtime.Platform.getBundle("org.crashscope.app").getEntry("samples/seed-kcs-ghes-hugepage-gpf.txt");
        return Path.of(FileLocator.toFileURL(entry).toURI());
    }

    /** Closes every editor, sizes the window to 1600x1000 and opens the seed. */
    static TranscriptEditor openIn(IWorkbenchWindow window) throws Exception {
        hideGuide(window);
        window.getShell().setSize(1600, 1000);
        window.getActivePage().closeAllEditors(false);
        return UiWait.analysed(Transcripts.open(window, path()));
    }

    /** Like {@link #openIn} on a copy in {@code dir}: for tests that write notes next to the transcript. */
    static TranscriptEditor openCopyIn(IWorkbenchWindow window, Path dir) throws Exception {
        hideGuide(window);
        window.getShell().setSize(1600, 1000);
        window.getActivePage().closeAllEditors(false);
        return UiWait.analysed(Transcripts.open(window, java.nio.file.Files.copy(path(), dir.resolve("seed-copy.txt"))));
    }

    /** The first run's welcome stands beside the editor: the tests want the usual layout. */
    private static void hideGuide(IWorkbenchWindow window) {
        var guide = window.getActivePage().findView(org.crashscope.ui.help.GuideView.ID);
        if (guide != null) {
            window.getActivePage().hideView(guide);
        }
    }

    static IWorkbenchWindow window() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow();
    }

    /** The workbench window at 1600x1000 with no editor open: where a test of the views starts. */
    static IWorkbenchWindow cleanWindow() {
        IWorkbenchWindow window = window();
        window.getShell().setSize(1600, 1000);
        window.getActivePage().closeAllEditors(false);
        return window;
    }

    /** Opens fixture {@code path} of the catalogue ({@code vmcore/ck-null.txt}, tests/org.crashscope.fixtures) in {@code window}, analysed. */
    static TranscriptEditor openFixture(IWorkbenchWindow window, String path) throws Exception {
        return UiWait.analysed(Transcripts.open(window, org.crashscope.fixtures.SharedFixtures.path(path)));
    }
}
