package org.crashscope.ui.editor;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.crashscope.ui.handlers.RecentFiles;

/** Opens transcripts in the workbench: the one path taken by File > Open, Open Recent, drop and the command line. */
public final class Transcripts {

    private Transcripts() {
    }

    /**
     * Opens {@code file} in a transcript editor of {@code window}, remembering it as a recent file.
     * The editor shows a large file's beginning at once and indexes and analyses it in a job (see
     * {@link TranscriptEditor}). Problems are shown to the user, not thrown.
     *
     * @return the editor, or {@code null} when the file could not be opened
     */
    public static TranscriptEditor open(IWorkbenchWindow window, Path file) {
        IWorkbenchPage page = window.getActivePage();
        if (page == null) {
            return null;
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            String why = Files.isDirectory(file) ? "it is a folder" : Files.exists(file) ? "it cannot be read" : "it does not exist";
            MessageDialog.openError(window.getShell(), "Open Transcript", "Cannot open " + file + ": " + why + ".");
            RecentFiles.remove(file);
            return null;
        }
        var dump = org.crashscope.ui.live.LiveSessions.dumpOf(file);
        if (dump != null) {
            // a dump, not a transcript: crash runs on it, its session's transcript opens as it is written
            org.crashscope.ui.live.LiveSessions.open(window, dump);
            return null;
        }
        TranscriptEditor editor = openEditor(window, new TranscriptInput(file));
        String dumpName = earlierSessionOf(file);
        if (editor != null && dumpName != null && org.crashscope.ui.live.LiveSessions.of(file) == null) {
            editor.setSessionNote("Earlier crash session on " + dumpName + ", crash not running (File > Open Dump... starts a new one) \u00b7 ");
        }
        return editor;
    }

    private static final java.util.regex.Pattern SESSION = java.util.regex.Pattern.compile("(.+)\\.crashscope-session(\\.\\d+)?\\.txt");

    /** The dump's name when {@code file} is the transcript a crash session wrote beside it ({@code vmcore.crashscope-session.2.txt}), else {@code null}. */
    public static String earlierSessionOf(Path file) {
        var m = SESSION.matcher(file.getFileName().toString());
        return m.matches() ? m.group(1) : null;
    }

    private static TranscriptEditor openEditor(IWorkbenchWindow window, TranscriptInput input) {
        try {
            IEditorPart editor = window.getActivePage().openEditor(input, TranscriptEditor.ID);
            RecentFiles.add(input.file());
            return editor instanceof TranscriptEditor transcriptEditor ? transcriptEditor : null;
        } catch (PartInitException e) {
            MessageDialog.openError(window.getShell(), "Open Transcript", "Cannot open " + input.file() + ": " + e.getMessage());
            return null;
        }
    }
}
