package org.crashscope.app;

import org.crashscope.ui.editor.FileDropAdapter;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/** The main window: titled "Crashscope", 1280x800, files can be dropped onto the editor area. */
final class CrashscopeWindowAdvisor extends WorkbenchWindowAdvisor {

    static final String TITLE = "Crashscope";

    CrashscopeWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        super(configurer);
    }

    @Override
    public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer configurer) {
        // menus are contributed declaratively by org.crashscope.ui's plugin.xml
        return new ActionBarAdvisor(configurer);
    }

    @Override
    public void preWindowOpen() {
        IWorkbenchWindowConfigurer configurer = getWindowConfigurer();
        configurer.setInitialSize(new Point(1280, 800));
        configurer.setShowCoolBar(false);
        configurer.setShowStatusLine(true);
        configurer.setShowProgressIndicator(true);
        configurer.setTitle(TITLE);
        configurer.addEditorAreaTransfer(FileTransfer.getInstance());
        configurer.configureEditorAreaDropListener(new FileDropAdapter(configurer.getWindow()));
    }

    /** The window's title names the transcript in front, as Eclipse names the file it edits: "FILE - Crashscope". */
    @Override
    public void postWindowOpen() {
        IWorkbenchWindow window = getWindowConfigurer().getWindow();
        maximizeOnALargeScreen(window);
        window.getPartService().addPartListener(new IPartListener2() {
            @Override
            public void partActivated(IWorkbenchPartReference ref) {
                retitle(window);
            }

            @Override
            public void partClosed(IWorkbenchPartReference ref) {
                retitle(window);
            }

            @Override
            public void partInputChanged(IWorkbenchPartReference ref) {
                retitle(window);
            }
        });
        retitle(window);
    }

    /** Screens from this size up get the first window maximized; below it, 1280x800 fills most of the screen anyway. */
    static final int LARGE_WIDTH = 1600;
    static final int LARGE_HEIGHT = 1000;

    /**
     * The first window of a run, at its initial size (no size restored from an earlier run), fills a
     * large screen: five views and an editor at 1280x800 on a 2560x1440 screen is a window in a corner.
     */
    private static void maximizeOnALargeScreen(IWorkbenchWindow window) {
        var shell = window.getShell();
        if (shell == null || window.getWorkbench().getWorkbenchWindowCount() > 1 || shell.getMaximized()) {
            return;
        }
        var size = shell.getSize();
        var area = (shell.getMonitor() != null ? shell.getMonitor() : shell.getDisplay().getPrimaryMonitor()).getClientArea();
        if (size.x == 1280 && size.y == 800 && area.width >= LARGE_WIDTH && area.height >= LARGE_HEIGHT) {
            shell.setMaximized(true);
        }
    }

    static void retitle(IWorkbenchWindow window) {
        if (window.getShell() == null || window.getShell().isDisposed()) {
            return;
        }
        IWorkbenchPage page = window.getActivePage();
        IEditorPart editor = page == null ? null : page.getActiveEditor();
        String title = editor == null ? TITLE : editor.getEditorInput().getName() + " - " + TITLE;
        if (!title.equals(window.getShell().getText())) {
            window.getShell().setText(title);
        }
    }
}
