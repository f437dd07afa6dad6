package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.crashscope.report.notes.Note;
import org.crashscope.report.notes.Notes;
import org.crashscope.report.ReportFormat;
import org.crashscope.ui.handlers.ExportReportHandler;
import org.crashscope.ui.notes.NoteOperation;
import org.crashscope.ui.notes.NotesView;
import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.editor.Transcripts;
import org.eclipse.core.commands.operations.IOperationHistory;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A note added in the GUI lands in the sidecar, survives reopening, undoes, and appears in the exported report. */
class NotesAndExportTest {

    @Test
    void noteIsSavedReloadedUndoneAndExported(@TempDir Path dir) throws Exception {
        IWorkbenchWindow window = Seed.window();
        IWorkbenchPage page = window.getActivePage();
        page.closeAllEditors(false);
        Path transcript = Files.copy(Seed.path(), dir.resolve("case.txt"));
        String before = Files.readString(transcript);
        TranscriptEditor editor = UiWait.analysed(Transcripts.open(window, transcript));

        // what AddNoteHandler does after its dialog: an undoable operation on the editor's note context
        editor.revealLines(225, 225);
        Note note = new Note("n1", 225, 225, "slot:0x45", "the slot of the poisoned page", "analyst", "2026-11-25T00:00:00Z");
        addThroughHistory(editor, note);
        NotesView view = (NotesView) page.showView(NotesView.ID);
        UiWait.until("the note in the Notes view", () -> view.table().getTable().getItemCount() == 1);
        assertEquals("the slot of the poisoned page", view.table().getTable().getItem(0).getText(1));
        assertEquals(List.of(note), Notes.read(Notes.sidecar(transcript)), "saved next to the transcript");
        assertEquals(before, Files.readString(transcript), "the transcript is never written");

        // Undo in the Notes view removes it, Redo brings it back
        view.undo();
        saved(transcript, List.of(), "the Notes view's Undo");
        view.redo();
        saved(transcript, List.of(note), "the Notes view's Redo");

        // Edit > Undo in the editor undoes the note too (the text is never edited), Edit > Redo redoes it
        page.activate(editor);
        var handlers = org.eclipse.ui.PlatformUI.getWorkbench().getService(org.eclipse.ui.handlers.IHandlerService.class);
        UiWait.enabled(org.eclipse.ui.IWorkbenchCommandConstants.EDIT_UNDO);
        handlers.executeCommand(org.eclipse.ui.IWorkbenchCommandConstants.EDIT_UNDO, null);
        saved(transcript, List.of(), "Edit > Undo in the editor");
        UiWait.enabled(org.eclipse.ui.IWorkbenchCommandConstants.EDIT_REDO);
        handlers.executeCommand(org.eclipse.ui.IWorkbenchCommandConstants.EDIT_REDO, null);
        saved(transcript, List.of(note), "Edit > Redo in the editor");

        // closing and reopening reloads it
        page.closeEditor(editor, false);
        TranscriptEditor reopened = UiWait.analysed(Transcripts.open(window, transcript));
        assertEquals(List.of(note), reopened.notes().all());

        // the export job writes it into the report
        Path report = dir.resolve("case.html");
        System.setProperty("crashscope.quietExport", "true");
        var job = ExportReportHandler.export(window.getShell(), reopened, report, ReportFormat.HTML);
        UiWait.until("the HTML export job", () -> job.getResult() != null);
        assertTrue(job.getResult().isOK(), job.getResult().toString());
        String html = Files.readString(report);
        assertTrue(html.contains("the slot of the poisoned page"));
        assertTrue(html.contains("ghes-hugepage-migration-gup-gpf"));
        Screenshots.take(window.getShell(), "workbench-seed-notes");

        // the export dialog previews the report with the note before anything is written
        var dialog = ExportReportHandler.previewDialog(window.getShell(), reopened);
        dialog.setBlockOnOpen(false);
        dialog.open();
        UiWait.until("the export dialog's preview", () -> ExportReportHandler.previewText(dialog).contains("Summary and diagnosis"));
        assertTrue(ExportReportHandler.previewText(dialog).contains("the slot of the poisoned page"));
        assertTrue(ExportReportHandler.previewText(dialog).contains("Summary and diagnosis"));
        Screenshots.take(dialog.getShell(), "export-report-dialog");
        dialog.close();
    }

    @Test
    void aNoteQuotingACperRecordAndOneOf5000CharactersSurviveEditsOfOthersRestartAndReport(@TempDir Path dir) throws Exception {
        IWorkbenchWindow window = Seed.window();
        IWorkbenchPage page = window.getActivePage();
        page.closeAllEditors(false);
        Path transcript = Files.copy(Seed.path(), dir.resolve("case.txt"));
        TranscriptEditor editor = UiWait.analysed(Transcripts.open(window, transcript));
        Note quoting = new Note("q", 102, 113, null, "it says {1}[Hardware Error]: physical_address: 0x00000010af886040 } and {", "analyst", "2026-12-01");
        Note longOne = new Note("l", 123, 139, null, "the oops, read line by line: " + "0123456789".repeat(500), "analyst", "2026-12-01");
        Note other = new Note("o", 225, 225, null, "to be edited", "analyst", "2026-12-01");
        Note gone = new Note("g", 1, 1, null, "to be deleted", "analyst", "2026-12-01");
        for (Note n : List.of(quoting, longOne, other, gone)) {
            addThroughHistory(editor, n);
        }
        NotesView view = (NotesView) page.showView(NotesView.ID);
        UiWait.until("the four notes in the Notes view", () -> view.table().getTable().getItemCount() == 4);
        view.edit(other, "edited: the slot of the poisoned page");
        PlatformUI.getWorkbench().getOperationSupport().getOperationHistory().execute(NoteOperation.delete(editor, gone), null, null);
        UiWait.until("the deleted note gone from the sidecar", () -> read(transcript).size() == 3);
        List<Note> saved = Notes.read(Notes.sidecar(transcript));
        assertEquals(List.of(quoting, longOne), saved.subList(0, 2));
        assertEquals("edited: the slot of the poisoned page", saved.get(2).text());
        assertEquals(3, saved.size());

        // restart: close and reopen
        page.closeEditor(editor, false);
        TranscriptEditor reopened = UiWait.analysed(Transcripts.open(window, transcript));
        assertEquals(saved, reopened.notes().all());
        Path report = dir.resolve("case.md");
        System.setProperty("crashscope.quietExport", "true");
        var job = ExportReportHandler.export(window.getShell(), reopened, report, ReportFormat.MARKDOWN);
        UiWait.until("the Markdown export job", () -> job.getResult() != null);
        String md = Files.readString(report);
        assertTrue(md.contains("0123456789".repeat(500)), "the long note whole in the report");
        assertTrue(md.contains("\\{1\\}") || md.contains("{1}"), "the quoting note in the report");
    }

    @Test
    void aDamagedSidecarIsKeptAsideNotOverwrittenWhenANoteIsAdded(@TempDir Path dir) throws Exception {
        IWorkbenchWindow window = Seed.window();
        IWorkbenchPage page = window.getActivePage();
        page.closeAllEditors(false);
        Path transcript = Files.copy(Seed.path(), dir.resolve("case.txt"));
        String damaged = "{\"format\": \"crashscope-notes/1\", \"notes\": [{\"id\": \"a\", \"text\": \"kept\"}, {\"text\": \"\\uZZZZ";
        Files.writeString(Notes.sidecar(transcript), damaged);
        TranscriptEditor editor = UiWait.analysed(Transcripts.open(window, transcript));
        NotesView view = (NotesView) page.showView(NotesView.ID);
        UiWait.until("the Notes view saying the sidecar is damaged (it says '" + view.status() + "')", () -> view.status().contains("not a notes file"));
        addThroughHistory(editor, new Note("n", 5, 5, null, "new", "analyst", "2026-12-01"));
        try (var files = Files.list(dir)) {
            Path aside = files.filter(f -> f.getFileName().toString().contains(".bad-")).findFirst().orElseThrow();
            assertEquals(damaged, Files.readString(aside), "the damaged file is kept as it was");
        }
        assertEquals(List.of("new"), Notes.read(Notes.sidecar(transcript)).stream().map(Note::text).toList());
    }

    /** Waits until the sidecar of {@code transcript} holds {@code notes} (after {@code what}). */
    private static void saved(Path transcript, List<Note> notes, String what) {
        UiWait.until("the notes saved after " + what + ": " + notes, () -> read(transcript).equals(notes));
    }

    private static List<Note> read(Path transcript) {
        try {
            return Notes.read(Notes.sidecar(transcript));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void addThroughHistory(TranscriptEditor editor, Note note) throws Exception {
        IOperationHistory history = PlatformUI.getWorkbench().getOperationSupport().getOperationHistory();
        history.execute(NoteOperation.add(editor, note), null, null);
    }
}
