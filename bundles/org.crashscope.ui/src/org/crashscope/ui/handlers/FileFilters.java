package org.crashscope.ui.handlers;

import java.nio.file.Path;

import org.eclipse.jface.util.Util;
import org.eclipse.swt.widgets.FileDialog;
import org.crashscope.ui.editor.Transcripts;
import org.eclipse.ui.IWorkbenchWindow;

/**
 * The filters of the Open dialogs. A filter only narrows what the dialog lists: whatever file is
 * chosen is recognised by its content (the live session's dump reader knows a dump by its
 * magic), so a dump named {@code capture.bin} opens as a dump and a transcript named {@code vmcore2} as a transcript.
 */
final class FileFilters {

    /**
     * The names kernel dumps usually have: kdump's {@code vmcore}, makedumpfile's output, QEMU's and virsh's cores.
     * Cocoa's dialog filters by extension only (it passes over a name pattern such as {@code vmcore*}), so on macOS
     * the filter names the extensions alone and a {@code vmcore} is found under All files.
     */
    static final String DUMPS = Util.isMac() ? "*.vmcore;*.kdump;*.elf;*.core;*.dump;*.dmp"
            : "vmcore*;*.vmcore;*.kdump;*.elf;*.core;core;core.*;dump*;*.dump;*.dmp";
    static final String DUMPS_NAME = Util.isMac() ? "Kernel dumps (*.vmcore, *.kdump, *.elf, *.core, *.dump, *.dmp)"
            : "Kernel dumps (vmcore*, *.kdump, *.elf, *.core, dump*, ...)";
    static final String TRANSCRIPTS = "*.txt;*.log;*.crash;*.out";
    static final String TRANSCRIPTS_NAME = "Transcripts and logs (*.txt, *.log, *.crash, *.out)";
    /** Every file: {@code *.*} in a Windows dialog, as the IDE's own dialogs write it there, {@code *} elsewhere. */
    static final String ALL = Util.isWindows() ? "*.*" : "*";
    static final String ALL_NAME = "All files";

    private FileFilters() {
    }

    /** A system property a UI test sets to the file the dialog would return (native dialogs cannot be driven). */
    public static final String ANSWER = "crashscope.test.fileDialogAnswer";

    /** Asks for files with the filters in this order (the first is the dialog's default) and opens each, recognised by content. */
    static void ask(IWorkbenchWindow window, String title, String[] names, String[] extensions) {
        String answer = System.getProperty(ANSWER);
        if (answer != null) { // a UI test drives the menu command; the native dialog cannot be
            Transcripts.open(window, Path.of(answer));
            return;
        }
        FileDialog dialog = new FileDialog(window.getShell(), org.eclipse.swt.SWT.OPEN | org.eclipse.swt.SWT.MULTI);
        dialog.setText(title);
        dialog.setFilterNames(names);
        dialog.setFilterExtensions(extensions);
        RecentFiles.list().stream().findFirst().map(Path::getParent).ifPresent(dir -> dialog.setFilterPath(dir.toString()));
        if (dialog.open() == null) {
            return;
        }
        for (String name : dialog.getFileNames()) {
            Transcripts.open(window, Path.of(dialog.getFilterPath(), name));
        }
    }
}
