package org.crashscope.ui.tests;

import org.crashscope.ui.editor.TranscriptEditor;
import org.eclipse.ui.PlatformUI;

/** Workbench operations the tests need. */
final class PlatformUIHelper {
    private PlatformUIHelper() {
    }

    /** Undoes the last note edit of an editor. */
    static void undo(TranscriptEditor editor) throws Exception {
        PlatformUI.getWorkbench().getOperationSupport().getOperationHistory().undo(editor.undoContext(), null, null);
    }
}
