package org.crashscope.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;

/** Starts the Crashscope workbench, opening the transcripts named on the command line. */
public final class Application implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        Display display = PlatformUI.createDisplay();
        try {
            int rc = PlatformUI.createAndRunWorkbench(display, new CrashscopeWorkbenchAdvisor(filesToOpen(args)));
            return rc == PlatformUI.RETURN_RESTART ? IApplication.EXIT_RESTART : IApplication.EXIT_OK;
        } finally {
            display.dispose();
        }
    }

    /**
     * The files named on the command line: arguments that are neither options nor the value of
     * an option (the launcher and test harnesses pass {@code -option value} pairs), plus
     * everything after {@code --}.
     */
    static List<Path> filesToOpen(String[] args) {
        List<Path> files = new ArrayList<>();
        boolean rest = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (rest) {
                files.add(Path.of(arg));
            } else if (arg.equals("--")) {
                rest = true;
            } else if (!arg.startsWith("-") && (i == 0 || !args[i - 1].startsWith("-"))) {
                files.add(Path.of(arg));
            }
        }
        return files;
    }

    @Override
    public void stop() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        Display display = workbench.getDisplay();
        display.syncExec(() -> {
            if (!display.isDisposed()) {
                workbench.close();
            }
        });
    }
}
