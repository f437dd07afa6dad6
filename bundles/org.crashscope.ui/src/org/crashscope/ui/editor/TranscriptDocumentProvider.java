package org.crashscope.ui.editor;

import java.io.IOException;

import org.crashscope.transcript.LineCut;
import org.crashscope.transcript.Transcript;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.operation.IRunnableContext;
import org.eclipse.jface.text.Document;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.source.AnnotationModel;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.ui.texteditor.AbstractDocumentProvider;
import org.crashscope.ui.Ui;

/**
 * Reads transcripts into documents and never writes them back: a transcript is evidence, so
 * every document it provides is read-only and unmodifiable.
 */
public final class TranscriptDocumentProvider extends AbstractDocumentProvider {

    /** Files up to this size are shown whole (the beginning first when over {@link #AT_ONCE}); larger ones a window at a time. */
    static final long IN_MEMORY_LIMIT = 4L << 20;
    /**
     * Files up to this size are read and decoded while the editor opens (a few milliseconds); of a
     * larger one the editor shows this much of its beginning at once, and the opening job reads and
     * decodes the whole file ({@link #fill}): a few MB took a tenth of a second of the UI thread.
     */
    static final int AT_ONCE = 256 << 10;

    /** The document of a file's beginning, until the opening job gives it the whole text ({@link #fill}). */
    static final class Beginning extends Document {
        private boolean whole;

        Beginning(String text) {
            super(text);
        }
    }

    @Override
    protected IDocument createDocument(Object element) throws CoreException {
        if (!(element instanceof TranscriptInput input)) {
            return null;
        }
        try {
            long size = java.nio.file.Files.size(input.file());
            if (size > IN_MEMORY_LIMIT) {
                return input.isOpened() ? new TranscriptWindowDocument(input.transcript()) : TranscriptWindowDocument.beginningOf(input.file());
            }
            if (size > AT_ONCE) {
                return new Beginning(TranscriptWindowDocument.beginning(input.file(), AT_ONCE));
            }
            return new Document(text(input.transcript()));
        } catch (IOException e) {
            throw new CoreException(Status.error("Cannot read " + input.file() + ": " + e.getMessage(), e));
        }
    }

    /**
     * The whole text of {@code transcript} as shown: decoded in its encoding, lines too long cut ({@link LineCut}).
     * A file shown whole was at most {@link #IN_MEMORY_LIMIT} when its editor opened; one that has grown to twice that
     * since is not read (never cut short: it is to be opened again, and shown a window at a time).
     */
    static String text(Transcript transcript) throws IOException {
        long size = transcript.sizeInBytes();
        if (size > 2 * IN_MEMORY_LIMIT) {
            throw new IOException(String.format("it has grown to %,d bytes since it was opened: open it again to see it a window at a time", size));
        }
        byte[] bytes = new byte[(int) size];
        int read = transcript.read(0, bytes, 0, bytes.length);
        return LineCut.decoded(bytes, read, transcript.charset());
    }

    /** Whether the document of {@code input} shows only the beginning of its file yet: the opening job is to {@link #fill} it. */
    boolean showsBeginning(Object input) {
        return getDocument(input) instanceof Beginning beginning && !beginning.whole;
    }

    /**
     * Gives the document of {@code input}, shown whole, the next part of the file's {@code whole} text, read by the
     * opening job: from the first character that differs (the rest of a file's beginning, the commands a live session
     * added), {@value #AT_ONCE} characters at most (a document change of megabytes held the UI thread a tenth of a
     * second, most of it counting the lines of the new text for the widget). {@code matched} characters of the document
     * are known to be {@code whole}'s already (what the part before gave it). Returns how many are now: all of
     * {@code whole} once the document holds it (or when it is a window of a large file, which is never given text so).
     */
    int fill(TranscriptInput input, String whole, int matched) {
        ElementInfo info = getElementInfo(input);
        if (info == null || !(info.fDocument instanceof Document) || info.fDocument instanceof TranscriptWindowDocument) {
            return whole.length();
        }
        int now = replaceInPlace(input, info, whole, matched);
        if (now == whole.length() && info.fDocument instanceof Beginning beginning) {
            beginning.whole = true;
        }
        return now;
    }

    /**
     * Whether the file of {@code input} can be read again into the document it has ({@link #fill}, a live session's
     * transcript that grew): its document is shown whole and the file still fits one. Else the document is to be made anew.
     */
    boolean readsInPlace(TranscriptInput input) throws IOException {
        ElementInfo info = getElementInfo(input);
        return info != null && info.fDocument instanceof Document && !(info.fDocument instanceof TranscriptWindowDocument)
                && java.nio.file.Files.size(input.file()) <= IN_MEMORY_LIMIT;
    }

    /**
     * Replaces the text of {@code info}'s document from the first character that differs from {@code now} on (its
     * first {@code matched} are {@code now}'s), with at most {@value #AT_ONCE} characters of {@code now} (to the end of the
     * line they end in), so that the text widget lays out what changed only; returns how many characters of {@code now}
     * the document then holds, all of its text.
     */
    private int replaceInPlace(TranscriptInput input, ElementInfo info, String now, int matched) {
        int length = info.fDocument.getLength();
        int same = Math.min(matched, Math.min(length, now.length()));
        String was;
        try {
            was = info.fDocument.get(same, length - same); // (only what is not known to match: a part at a time, no copy of it all)
        } catch (org.eclipse.jface.text.BadLocationException e) {
            throw new IllegalStateException("an offset of the document's own is outside it", e);
        }
        int most = Math.min(was.length(), now.length() - same);
        int i = 0;
        while (i < most && was.charAt(i) == now.charAt(same + i)) {
            i++;
        }
        same += i;
        if (same == length && same == now.length()) {
            return same;
        }
        int end = now.length() - same <= AT_ONCE ? now.length() : now.indexOf('\n', same + AT_ONCE) + 1;
        end = end <= same ? now.length() : end;
        fireElementContentAboutToBeReplaced(input);
        try {
            info.fDocument.replace(same, length - same, now.substring(same, end));
        } catch (org.eclipse.jface.text.BadLocationException e) {
            throw new IllegalStateException("an offset of the document's own is outside it", e);
        }
        if (info.fCanBeSaved) {
            // the change is the file's, not an edit: as the provider's own reset does, the element is not dirty
            info.fCanBeSaved = false;
            addUnchangedElementListeners(input, info);
        }
        fireElementContentReplaced(input);
        fireElementDirtyStateChanged(input, false);
        return end;
    }

    @Override
    protected IAnnotationModel createAnnotationModel(Object element) {
        return new AnnotationModel();
    }

    @Override
    protected void doSaveDocument(IProgressMonitor monitor, Object element, IDocument document, boolean overwrite) throws CoreException {
        throw new CoreException(new Status(IStatus.ERROR, Ui.PLUGIN_ID, "Transcripts are read-only evidence and are never written"));
    }

    @Override
    protected IRunnableContext getOperationRunner(IProgressMonitor monitor) {
        return null;
    }

    @Override
    public boolean canSaveDocument(Object element) {
        return false; // moving a large file's window replaces the text, which is no edit
    }

    @Override
    public boolean isReadOnly(Object element) {
        return true;
    }

    @Override
    public boolean isModifiable(Object element) {
        return false;
    }
}
