package org.crashscope.ui.editor;

import java.util.function.Consumer;

import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IPropertyListener;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchPartReference;

/**
 * Tells a view which transcript editor is active (and so which transcript to show), now,
 * whenever another one becomes active or the last one closes, and when the active one's
 * background analysis completes.
 */
public final class ActiveTranscript implements IPartListener2 {

    private final IWorkbenchPage page;
    private final Consumer<TranscriptEditor> listener;
    private TranscriptEditor current;
    /** A transcript's analysis arrives after its editor (the opening job makes it): show it then. */
    private final IPropertyListener analysisListener = this::propertyChanged;

    public ActiveTranscript(IWorkbenchPage page, Consumer<TranscriptEditor> listener) {
        this.page = page;
        this.listener = listener;
        page.addPartListener(this);
        if (page.getActiveEditor() instanceof TranscriptEditor editor) {
            set(editor);
        }
    }

    public TranscriptEditor current() {
        return current;
    }

    public void dispose() {
        if (current != null) {
            current.removePropertyListener(analysisListener);
        }
        page.removePartListener(this);
    }

    @Override
    public void partActivated(IWorkbenchPartReference ref) {
        if (ref.getPart(false) instanceof TranscriptEditor editor) {
            set(editor);
        }
    }

    @Override
    public void partOpened(IWorkbenchPartReference ref) {
        partActivated(ref);
    }

    @Override
    public void partClosed(IWorkbenchPartReference ref) {
        IWorkbenchPart part = ref.getPart(false);
        if (part != null && part == current) {
            set(page.getActiveEditor() instanceof TranscriptEditor other && other != part ? other : null);
        }
    }

    @Override
    public void partInputChanged(IWorkbenchPartReference ref) {
        if (ref.getPart(false) == current) {
            listener.accept(current);
        }
    }

    private void propertyChanged(Object source, int property) {
        if (property == TranscriptEditor.PROP_ANALYSIS && source == current) {
            listener.accept(current);
        }
    }

    private void set(TranscriptEditor editor) {
        if (editor != current) {
            if (current != null) {
                current.removePropertyListener(analysisListener);
            }
            current = editor;
            if (editor != null) {
                editor.addPropertyListener(analysisListener);
            }
            listener.accept(editor);
        }
    }
}
