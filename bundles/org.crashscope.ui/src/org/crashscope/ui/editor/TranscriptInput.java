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

    /**
     * Hands over a transcript opened elsewhere (by a background job) and returns the one in use:
     * it, or the one opened meanwhile (a live session's file read again while the job indexed the
     * read before), when {@code opened} is closed.
     */
    synchronized Transcript opened(Transcript opened) {
        if (transcript == null) {
            transcript = opened;
        } else if (transcript != opened) {
            opened.close();
        }
        return transcript;
    }

    /** Forgets the opened transcript (the file grew: the next {@link #transcript()} opens it again); returns it, to be closed when no longer shown. */
    synchronized Transcript forget() {
        Transcript old = transcript;
        transcript = null;
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
