package org.crashscope.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * File > Open Dump...: asks for a kernel dump and starts a new crash session on it (its vmlinux
 * found or asked for). The dialog lists dumps first, then all files: a file is a dump by its content,
 * whatever its name; a transcript chosen here opens as a transcript.
 */
public final class OpenDumpHandler extends AbstractHandler {

    public static final String ID = "org.crashscope.ui.openDump";
    /** The dialog's filters, the first its default. */
    public static final String[] FILTER_NAMES = {FileFilters.DUMPS_NAME, FileFilters.ALL_NAME, FileFilters.TRANSCRIPTS_NAME};
    public static final String[] FILTER_EXTENSIONS = {FileFilters.DUMPS, FileFilters.ALL, FileFilters.TRANSCRIPTS};

    @Override
    public Object execute(ExecutionEvent event) {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        if (window != null) {
            FileFilters.ask(window, "Open Dump", FILTER_NAMES, FILTER_EXTENSIONS);
        }
        return null;
    }
}
