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

    /** Files up to this size are decoded (UTF-8) into a document whole; larger ones are shown a window at a time. */
    static final long IN_MEMORY_LIMIT = 4L << 20;

    @Override
    protected IDocument createDocument(Object element) throws CoreException {
        if (!(element instanceof TranscriptInput input)) {
            return null;
        }
        try {
            if (java.nio.file.Files.size(input.file()) > IN_MEMORY_LIMIT) {
                return input.isOpened() ? new TranscriptWindowDocument(input.transcript()) : TranscriptWindowDocument.beginningOf(input.file());
            }
            Transcript transcript = input.transcript();
            byte[] bytes = new byte[(int) transcript.sizeInBytes()];
            int read = transcript.read(0, bytes, 0, bytes.length);
            return new Document(LineCut.decoded(bytes, read, transcript.charset()));
        } catch (IOException e) {
            throw new CoreException(Status.error("Cannot read " + input.file() + ": " + e.getMessage(), e));
        }
    }

    /**
     * Reads the file of {@code input} again into the document it has, by replacing only the text from the first
     * character that differs on (a live session's transcript grows at its end): the text widget then lays out only what
     * changed, not all of a transcript of hundreds of KB after every command. False, and nothing changed, when the
     * document is a window of a large file or the file has grown to one: then the document is to be made anew.
     */
    boolean readAgainInPlace(TranscriptInput input) throws CoreException {
        ElementInfo info = getElementInfo(input);
        if (info == null || !(info.fDocument instanceof Document) || info.fDocument instanceof TranscriptWindowDocument) {
            return false;
        }
        IDocument read = createDocument(input);
        if (read == null || read instanceof TranscriptWindowDocument) {
            return false;
        }
        String was = info.fDocument.get();
        String now = read.get();
        // (compared in place: two copies of the characters for every command of a session of megabytes were garbage)
        int same = 0;
        int most = Math.min(was.length(), now.length());
        while (same < most && was.charAt(same) == now.charAt(same)) {
            same++;
        }
        if (same == was.length() && same == now.length()) {
            return true;
        }
        fireElementContentAboutToBeReplaced(input);
        try {
            info.fDocument.replace(same, was.length() - same, now.substring(same));
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
        return true;
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
