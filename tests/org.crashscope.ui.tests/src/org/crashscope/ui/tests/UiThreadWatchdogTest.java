package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.crashscope.fixtures.SharedFixtures;
import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.editor.Transcripts;
import org.crashscope.ui.live.LiveSessions;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 30's watchdog on the workbench's everyday work: every UI-thread task is timed (see
 * {@link UiWatchdog}) while every real transcript of the fixture catalogue is opened and its views
 * brought to the front, and while a live session grows to 250 KiB, read again and analysed after
 * each command. Each stall over {@value UiWatchdog#GOAL_MS} ms is printed with the UI thread's
 * stack ({@code target/ui-stalls.txt}); a stall of {@link UiWatchdog#LIMIT_MS} fails. (The 256 MiB
 * transcript is {@link LargeFileTest}'s, under the same watchdog.)
 */
class UiThreadWatchdogTest {

    @TempDir
    Path dir;

    @AfterEach
    void endSessions() {
        StandInCrash.remove();
    }

    /** The real transcripts: the sessions of the real crash on real dumps, the reference case, the format and walk fixtures. */
    static List<Path> realTranscripts() {
        List<Path> all = new ArrayList<>(SharedFixtures.files("vmcore", ".txt"));
        all.addAll(SharedFixtures.files("", ".txt"));
        all.addAll(SharedFixtures.files("arch", ".txt"));
        return all;
    }

    @Test
    void openingEveryRealTranscriptAndShowingItsViewsKeepsEveryUiThreadTaskUnderTheLimit() throws Exception {
        IWorkbenchWindow window = Seed.window();
        IWorkbenchPage page = window.getActivePage();
        window.getShell().setSize(1600, 1000);
        page.closeAllEditors(false);
        List<Path> transcripts = realTranscripts();
        assertTrue(transcripts.size() > 60, "the catalogue's transcripts: " + transcripts.size());
        UiWait.idle();
        try (UiWatchdog watchdog = UiWatchdog.start("starting")) {
            int i = 0;
            for (Path transcript : transcripts) {
                watchdog.during("opening " + transcript.getFileName());
                TranscriptEditor editor = UiWait.analysed(Transcripts.open(window, transcript));
                // one view to the front per transcript, in turn: every view is filled from several kinds of session
                String view = TabSwitches.VIEWS[i++ % TabSwitches.VIEWS.length];
                watchdog.during("showing " + view.substring(view.lastIndexOf('.') + 1) + " of " + transcript.getFileName());
                page.showView(view);
                UiWait.idle();
                watchdog.during("closing " + transcript.getFileName());
                page.closeEditor(editor, false);
                UiWait.idle();
            }
            watchdog.assertWithinLimit();
        }
    }

    @Test
    void aLiveSessionGrowingPastTheSizeAnalysedOnTheUiThreadKeepsEveryUiThreadTaskUnderTheLimit() throws Exception {
        Path crash = StandInCrash.install(dir, "8.0.6");
        // the first set's log prints 6,000 lines: the session grows by 42 bytes a line to about 250 KiB, then bt -a and the gatherer add to it
        Files.writeString(crash.resolveSibling("big-on"), "log 6000");
        Path dump = StandInCrash.dump(dir.resolve("vmcore"));
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        window.getActivePage().closeAllEditors(false);
        Path transcript = dir.resolve("vmcore.crashscope-session.txt");
        UiWait.idle();
        try (UiWatchdog watchdog = UiWatchdog.start("starting a crash session on a dump")) {
            Transcripts.open(window, dump);
            UiWait.until("the crash session (" + LiveSessions.lastMessage() + ")", () -> LiveSessions.of(transcript) != null);
            UiWait.until("the session's editor", () -> window.getActivePage().getActiveEditor() instanceof TranscriptEditor e && transcript.equals(e.file()));
            TranscriptEditor first = (TranscriptEditor) window.getActivePage().getActiveEditor();
            IDocument before = first.getDocumentProvider().getDocument(first.getEditorInput());
            watchdog.during("the session growing (first set, gatherer, a reload after each command)");
            UiWait.until("the first set and the gatherer's end", () -> Arrays.stream(Job.getJobManager().find(null))
                    .noneMatch(j -> j.getName().startsWith("Crash session on")));
            watchdog.during("the grown session's last reload");
            UiWait.until("the editor of the grown session, analysed", () -> window.getActivePage().getActiveEditor() instanceof TranscriptEditor e
                    && transcript.equals(e.file()) && e.presentation() != null && !e.isAnalysing() && e.blocks().size() >= 5);
            UiWait.idle();
            assertTrue(Files.size(transcript) > 200_000, "the session grew: " + Files.size(transcript) + " bytes");
            // each reload added to the document what the session added to the file: the document is the file, whole
            TranscriptEditor editor = (TranscriptEditor) window.getActivePage().getActiveEditor();
            IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
            assertSame(before, document, "the document the session's text was added to, not one made anew");
            String shown = document.get();
            String file = Files.readString(transcript);
            assertEquals(file.length(), shown.length(), "the document's length is the file's");
            assertTrue(file.equals(shown), "the document is the file as it grew");
            watchdog.assertWithinLimit();
        }
    }
}
