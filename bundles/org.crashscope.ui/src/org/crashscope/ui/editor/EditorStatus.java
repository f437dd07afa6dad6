package org.crashscope.ui.editor;

import java.util.function.Consumer;

/**
 * What the status line says of a transcript while its editor is active: the analysis in one line,
 * the window of a large file, or why the opening stopped; preceded, for the transcript of an
 * earlier crash session, by a note that says so.
 */
final class EditorStatus {

    private final Consumer<String> line;
    private String status = "";
    private String sessionNote = "";

    /** {@code line} shows a message (the editor site's status line). */
    EditorStatus(Consumer<String> line) {
        this.line = line;
    }

    String text() {
        return status;
    }

    void sessionNote(String note) {
        sessionNote = note == null ? "" : note;
        show(status);
    }

    /** The window of a large file moved. */
    void window(TranscriptWindowDocument window) {
        show(String.format(java.util.Locale.ROOT, "Large file: lines %,d-%,d of %,d shown; scroll on, or pick a block in the Outline, to move",
                window.firstLine(), window.lastLine(), window.fileLineCount()));
    }

    /** The opening stopped before the analysis: what is shown. */
    void stopped(org.eclipse.core.runtime.IStatus result, boolean indexed) {
        show((result.getSeverity() == org.eclipse.core.runtime.IStatus.CANCEL ? "Opening cancelled: " : "Opening failed (" + result.getMessage() + "): ")
                + (indexed ? "the file is shown, its analysis is not" : "only the beginning of the file is shown"));
    }

    void show(String message) {
        String plain = !sessionNote.isEmpty() && message.startsWith(sessionNote) ? message.substring(sessionNote.length()) : message;
        status = sessionNote.isEmpty() ? plain : plain.isEmpty() ? sessionNote : sessionNote + plain;
        line.accept(status);
    }
}
