package org.crashscope.ui.editor;

import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorMatchingStrategy;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IPathEditorInput;
import org.eclipse.ui.PartInitException;

/**
 * One editor per transcript file, however it is opened: File > Open gives a path, the Problems
 * view the workspace link standing for it. Both name the same file.
 */
public final class TranscriptMatching implements IEditorMatchingStrategy {

    @Override
    public boolean matches(IEditorReference editorRef, IEditorInput input) {
        try {
            return input instanceof IPathEditorInput wanted && editorRef.getEditorInput() instanceof IPathEditorInput open
                    && wanted.getPath() != null && wanted.getPath().equals(open.getPath());
        } catch (PartInitException e) {
            return false;
        }
    }
}
