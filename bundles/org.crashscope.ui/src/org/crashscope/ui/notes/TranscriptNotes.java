package org.crashscope.ui.notes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.crashscope.report.notes.Note;
import org.crashscope.report.notes.Notes;
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
    /** What was wrong with the sidecar when it was read, or {@code null}. */
    private String problem;
    /** A notes file that holds what the notes do not show: a save there moves it aside first, never overwrites it. */
    private Path damaged;

    public TranscriptNotes(Path transcript) {
        this.transcript = transcript;
        this.file = Notes.sidecar(transcript);
        Path fallback = fallback();
        Path read = Files.exists(file) ? file : fallback != null && Files.isRegularFile(fallback) ? fallback : file;
        Notes.Loaded loaded = Notes.load(read);
        notes.addAll(loaded.notes());
        problem = loaded.problem();
        damaged = loaded.damaged() ? read : null;
        if (problem != null) {
            ILog.of(getClass()).warn("The notes of " + transcript + ": " + problem);
        }
    }

    /** What was wrong with the notes file, for the Notes view, or {@code null}. */
    public String problem() {
        return problem;
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
        replace(null, note);
    }

    void remove(Note note) {
        replace(note, null);
    }

    /** Puts {@code next} where {@code old} was: adds it when {@code old} is {@code null}, removes {@code old} when {@code next} is. */
    void replace(Note old, Note next) {
        int at = old == null ? -1 : notes.indexOf(old);
        if (at >= 0 && next != null) {
            notes.set(at, next);
        } else {
            if (at >= 0) {
                notes.remove(at);
            }
            if (next != null) {
                notes.add(next);
            }
        }
        changed();
    }

    /** Runs {@code listener} after every change of the notes (add, edit, delete, undo). */
    public void onChange(Consumer<TranscriptNotes> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<TranscriptNotes> listener) {
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
        if (target.equals(damaged) && Files.exists(target)) {
            Path aside = Notes.keepAside(target);
            problem = "the notes file could not be read whole: it was kept as " + aside.getFileName() + " and the notes are saved anew";
            ILog.of(getClass()).warn("The notes of " + transcript + ": " + problem);
            damaged = null;
        }
        Notes.write(target, notes, transcript);
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
