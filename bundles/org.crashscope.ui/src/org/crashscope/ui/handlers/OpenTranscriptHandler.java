package org.crashscope.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

/** File > Open Transcript...: asks for one or more files and opens each (a dump among them starts a crash session). */
public final class OpenTranscriptHandler extends AbstractHandler {

    /** The dialog's filters, the first its default. */
    public static final String[] FILTER_NAMES = {FileFilters.TRANSCRIPTS_NAME, FileFilters.DUMPS_NAME, FileFilters.ALL_NAME};
    public static final String[] FILTER_EXTENSIONS = {FileFilters.TRANSCRIPTS, FileFilters.DUMPS, FileFilters.ALL};

    @Override
    public Object execute(ExecutionEvent event) {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        if (window != null) {
            FileFilters.ask(window, "Open Transcript", FILTER_NAMES, FILTER_EXTENSIONS);
        }
        return null;
    }
}
