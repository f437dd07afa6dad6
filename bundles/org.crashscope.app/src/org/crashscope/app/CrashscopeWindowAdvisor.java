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
