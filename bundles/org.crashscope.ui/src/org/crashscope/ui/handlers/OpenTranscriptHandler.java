package org.crashscope.ui.handlers;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;
import org.crashscope.ui.editor.Transcripts;

/** File > Open Transcript...: asks for one or more files and opens each in an editor. */
public final class OpenTranscriptHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        if (window == null) {
            return null;
        }
        FileDialog dialog = new FileDialog(window.getShell(), SWT.OPEN | SWT.MULTI);
        dialog.setText("Open Transcript");
        dialog.setFilterNames(new String[] {"Transcripts and logs (*.txt, *.log, *.crash, *.out)", "All files"});
        dialog.setFilterExtensions(new String[] {"*.txt;*.log;*.crash;*.out", "*"});
        RecentFiles.list().stream().findFirst().map(Path::getParent).ifPresent(dir -> dialog.setFilterPath(dir.toString()));
        if (dialog.open() == null) {
            return null;
        }
        for (String name : dialog.getFileNames()) {
            Transcripts.open(window, Path.of(dialog.getFilterPath(), name));
        }
        return null;
    }
}
