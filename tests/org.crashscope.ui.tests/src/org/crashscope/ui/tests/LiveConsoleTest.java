package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.editor.Transcripts;
import org.crashscope.ui.live.CrashConsoleView;
import org.crashscope.ui.live.LiveSessions;
import org.crashscope.ui.views.PageTableView;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dump opened in the workbench: the real crash runs on it in the Crash Console, the first set
 * and the gatherer fill the views, a command typed in the console is appended to the session's
 * transcript. On the both2m fixture of releng/vmcore/live-fixture.sh ({@code $CRASHSCOPE_LIVE_FIXTURE}
 * or {@code ~/.cache/crashscope/live/both2m}); skipped, and saying so, without it.
 */
class LiveConsoleTest {

    @TempDir
    Path dir;

    @Test
    void aDumpOpensACrashSessionThatFillsTheViews() throws Exception {
        Path dump = LiveFixture.dumpIn(dir, LiveFixture.require());
        try {
            Display display = Display.getCurrent();
            IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
            window.getShell().setSize(1600, 1000);
            window.getActivePage().closeAllEditors(false);
            Transcripts.open(window, dump);
            Path transcript = dir.resolve("vmcore.crashscope-session.txt");
            assertTrue(UiWait.until(display, 120_000, () -> LiveSessions.of(transcript) != null), "crash started: " + LiveSessions.lastMessage());
            assertTrue(UiWait.until(display, 300_000, () -> window.getActivePage().getActiveEditor() instanceof TranscriptEditor e && e.presentation() != null
                    && e.presentation().paging().tables().stream().anyMatch(t -> !t.anomalies().isEmpty())), "the gatherer dumped the PMD table");
            CrashConsoleView console = (CrashConsoleView) window.getActivePage().showView(CrashConsoleView.ID);
            UiWait.until("the console showing the gatherer's rd -p", () -> console.outputText().contains("crash> rd -p "));
            assertNotNull(console.session());
            var outline = (org.crashscope.ui.editor.TranscriptOutlinePage) ((TranscriptEditor) window.getActivePage().getActiveEditor())
                    .getAdapter(org.eclipse.ui.views.contentoutline.IContentOutlinePage.class);
            var marked = LiveSessions.ranLines(transcript);
            assertTrue(outline.nodes().stream().filter(n -> marked.contains(n.firstLine())).map(n -> n.label()).anyMatch(l -> l.startsWith("rd -p ")),
                    "the commands Crashscope ran are known by their lines: " + marked);
            console.type("sys");
            assertTrue(UiWait.until(display, 60_000, () -> {
                try {
                    return Files.readString(transcript).contains("crash> sys\n") && Files.readString(transcript).lastIndexOf("crash> sys") > Files
                            .readString(transcript).indexOf("crash> rd -p");
                } catch (java.io.IOException e) {
                    return false;
                }
            }), "the typed command is appended after the gatherer's");
            UiWait.until("the console showing the typed command", () -> console.outputText().contains("crash> sys"));
            Screenshots.take(window.getShell(), "live-console-both2m");
            window.getActivePage().showView(PageTableView.ID);
            UiWait.idle(); // the screenshot shows what the view holds once everything queued has run
            Screenshots.take(window.getShell(), "live-page-table-both2m");
            // what File > Exit does (the workbench advisor's preShutdown): crash and everything it started end
            var processes = console.session().processes();
            assertTrue(processes.stream().anyMatch(ProcessHandle::isAlive));
            LiveSessions.endAll();
            for (ProcessHandle p : processes) {
                p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertTrue(processes.stream().noneMatch(ProcessHandle::isAlive), "no crash left once the sessions end with the workbench");
        } finally {
            LiveFixture.reset();
        }
    }
}
