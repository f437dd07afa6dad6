package org.crashscope.ui.editor;

import org.eclipse.core.resources.IMarker;
import org.eclipse.ui.ide.IGotoMarker;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.eclipse.ui.views.properties.IPropertySheetPage;

/** What a transcript editor is to the workbench's other parts: the Problems view's target, the Properties' page, the Outline's page. */
final class EditorAdapters {

    private EditorAdapters() {
    }

    /** {@code editor} as an {@code adapter}, or {@code null} when it is none of ours. */
    static <T> T of(TranscriptEditor editor, Class<T> adapter, TranscriptOutlinePage outline) {
        if (adapter == IGotoMarker.class) { // a double click in the Problems view: the file's line, also in a large file's window
            return adapter.cast((IGotoMarker) marker -> editor.revealLines(marker.getAttribute(IMarker.LINE_NUMBER, 1),
                    marker.getAttribute(IMarker.LINE_NUMBER, 1)));
        }
        if (adapter == IPropertySheetPage.class) { // the caret's hex number and its meanings, instead of nothing for a text selection
            return adapter.cast(new CaretPropertiesPage(editor));
        }
        if (adapter == IContentOutlinePage.class) {
            return adapter.cast(outline);
        }
        return null;
    }
}
