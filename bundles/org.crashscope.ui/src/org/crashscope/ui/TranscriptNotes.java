package org.crashscope.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.crashscope.report.Note;
import org.crashscope.report.Notes;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;

/**
 * The analyst's notes on one transcript, kept in the sidecar next to it, or, when that folder is
 * read-only, in the workbench's state location. Every change is saved at once (atomically).
 */
public final class TranscriptNotes {

    private final Path transcript;
    private final List<Note> notes = new ArrayList<>();
    private final List<Consumer<TranscriptNotes>> listeners = new CopyOnWriteArrayList<>();
    private Path file;

    TranscriptNotes(Path transcript) {
        this.transcript = transcript;
        this.file = Notes.sidecar(transcript);
        Path fallback = fallback();
        try {
            notes.addAll(Notes.read(Files.isRegularFile(file) ? file : fallback != null && Files.isRegularFile(fallback) ? fallback : file));
        } catch (IOException e) {
            ILog.of(getClass()).warn("Cannot read the notes of " + transcript + ": " + e.getMessage());
        }
    }

    public List<Note> all() {
        return List.copyOf(notes);
    }

    /** Where the notes are saved. */
    public Path file() {
        return file;
    }

    public Path transcript() {
        return transcript;
    }

    void add(Note note) {
        notes.add(note);
        changed();
    }

    void remove(Note note) {
        notes.remove(note);
        changed();
    }

    void onChange(Consumer<TranscriptNotes> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<TranscriptNotes> listener) {
        listeners.remove(listener);
    }

    private void changed() {
        try {
            save(file);
        } catch (IOException e) {
            Path fallback = fallback();
            try {
                if (fallback == null) {
                    throw e;
                }
                Files.createDirectories(fallback.getParent());
                save(fallback);
                file = fallback;
            } catch (IOException again) {
                ILog.of(getClass()).error("Cannot save the notes of " + transcript, again);
            }
        }
        listeners.forEach(l -> l.accept(this));
    }

    private void save(Path target) throws IOException {
        Notes.write(target, notes);
    }

    /** The workspace copy for transcripts in read-only folders. */
    private Path fallback() {
        try {
            Path state = Path.of(Platform.getStateLocation(org.osgi.framework.FrameworkUtil.getBundle(getClass())).toOSString());
            return state.resolve("notes").resolve(Integer.toHexString(transcript.toString().hashCode()) + "-" + transcript.getFileName() + ".crashscope.json");
        } catch (RuntimeException e) {
            return null;
        }
    }
}
