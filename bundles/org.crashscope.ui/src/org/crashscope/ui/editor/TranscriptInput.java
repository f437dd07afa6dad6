package org.crashscope.ui.editor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import org.crashscope.transcript.Transcript;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IPathEditorInput;
import org.eclipse.ui.IPersistableElement;
import org.eclipse.ui.PlatformUI;

/** A transcript file outside any workspace, opened by path. Two inputs for one file are equal. */
public final class TranscriptInput implements IPathEditorInput {

    private final Path file;
    private Transcript transcript;

    public TranscriptInput(Path file) {
        this(file, null);
    }

    /** An input whose file a background job has already opened (and indexed) as {@code transcript}. */
    public TranscriptInput(Path file, Transcript transcript) {
        this.file = file.toAbsolutePath().normalize();
        this.transcript = transcript;
    }

    public Path file() {
        return file;
    }

    /** Whether the transcript is opened (indexed) already. */
    public synchronized boolean isOpened() {
        return transcript != null;
    }

    /** Counts the reads of the file: each {@link #forget} begins another. */
    private int read;

    /** The read of the file that a transcript opened now belongs to (see {@link #opened}). */
    synchronized int read() {
        return read;
    }

    /**
     * Hands over a transcript a background job opened for read {@code of} and returns the one in
     * use: it, or the one opened for that read meanwhile ({@code opened} is then closed); {@code null},
     * with {@code opened} closed, when the file has been read again since (a live session's command
     * ended while the job indexed the read before: its snapshot is older than the file).
     */
    synchronized Transcript opened(Transcript opened, int of) {
        if (of != read) {
            opened.close();
            return null;
        }
        if (transcript == null) {
            transcript = opened;
        } else if (transcript != opened) {
            opened.close();
        }
        return transcript;
    }

    /** Forgets the opened transcript (the file grew: the next {@link #transcript()} opens it again, a new read); returns it, to be closed when no longer shown. */
    synchronized Transcript forget() {
        Transcript old = transcript;
        transcript = null;
        read++;
        return old;
    }

    /** The opened transcript: the one a job prepared, or the file opened now. */
    public synchronized Transcript transcript() throws IOException {
        if (transcript == null) {
            transcript = Transcript.open(file);
        }
        return transcript;
    }

    @Override
    public IPath getPath() {
        return IPath.fromOSString(file.toString());
    }

    @Override
    public boolean exists() {
        return java.nio.file.Files.isRegularFile(file);
    }

    @Override
    public ImageDescriptor getImageDescriptor() {
        return PlatformUI.getWorkbench().getEditorRegistry().getImageDescriptor(file.getFileName().toString());
    }

    @Override
    public String getName() {
        return file.getFileName().toString();
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public String getToolTipText() {
        return file.toString();
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return adapter.isInstance(file) ? adapter.cast(file) : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TranscriptInput other && other.file.equals(file);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file);
    }
}
