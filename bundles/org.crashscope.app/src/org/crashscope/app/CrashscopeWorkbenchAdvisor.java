package org.crashscope.app;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import org.crashscope.ui.views.CrashAnalysisPerspective;
import org.crashscope.ui.editor.Transcripts;
import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.ILog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.osgi.framework.FrameworkUtil;

/** Opens the Crash Analysis perspective and, once the window is up, the transcripts to show. */
final class CrashscopeWorkbenchAdvisor extends WorkbenchAdvisor {

    static final String SAMPLE = "samples/seed-kcs-ghes-hugepage-gpf.txt";
    /** Set once the welcome was shown: it is shown on the first run only. */
    static final String WELCOMED = "welcomed";
    /** The transcripts open when Crashscope last closed, one path a line: opened again on the next start without files. */
    static final String OPEN_AT_EXIT = "openAtExit";

    private final List<Path> files;

    CrashscopeWorkbenchAdvisor(List<Path> files) {
        this.files = files;
    }

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        configurer.setSaveAndRestore(false);
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return CrashAnalysisPerspective.ID;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new CrashscopeWindowAdvisor(configurer);
    }

    /**
     * The workspace holds the Problems view's links to open transcripts: leave it consistent. The
     * live sessions end with the workbench (crash, its terminal and what it started: TERM, then KILL),
     * so that File > Exit leaves no crash running.
     */
    @Override
    public boolean preShutdown() {
        rememberOpenTranscripts();
        org.crashscope.ui.live.LiveSessions.endAll();
        try {
            org.eclipse.core.resources.ResourcesPlugin.getWorkspace().save(true, null);
        } catch (org.eclipse.core.runtime.CoreException e) {
            ILog.of(CrashscopeWorkbenchAdvisor.class).warn("Cannot save the workspace: " + e.getMessage());
        }
        return super.preShutdown();
    }

    @Override
    public void postStartup() {
        IWorkbenchWindow window = getWorkbenchConfigurer().getWorkbench().getActiveWorkbenchWindow();
        if (window == null) {
            return;
        }
        followUpdateSite();
        List<Path> restored = files.isEmpty() ? openAtExit() : List.of();
        List<Path> toOpen = !files.isEmpty() ? files : !restored.isEmpty() ? restored : sample();
        toOpen.forEach(file -> Transcripts.open(window, file));
        if (files.isEmpty()) {
            welcomeOnFirstRun(window);
        }
    }

    /**
     * The transcripts open now, in tab order (a live session's by its transcript: it reopens as the
     * record of an earlier session, its dump not reopened), for the next start.
     */
    private void rememberOpenTranscripts() {
        List<String> open = new java.util.ArrayList<>();
        for (var window : getWorkbenchConfigurer().getWorkbench().getWorkbenchWindows()) {
            for (var page : window.getPages()) {
                for (var ref : page.getEditorReferences()) {
                    if (ref.getEditor(false) instanceof org.crashscope.ui.editor.TranscriptEditor editor && editor.file() != null) {
                        open.add(editor.file().toAbsolutePath().toString());
                    }
                }
            }
        }
        var store = org.crashscope.ui.preferences.Preferences.store();
        store.setValue(OPEN_AT_EXIT, String.join("\n", open));
        if (store instanceof org.eclipse.jface.preference.IPersistentPreferenceStore persistent) {
            try {
                persistent.save();
            } catch (IOException e) {
                ILog.of(CrashscopeWorkbenchAdvisor.class).warn("Cannot remember the open transcripts: " + e.getMessage());
            }
        }
    }

    /** The transcripts open at the last exit that are still there (the bundled sample is not remembered: it opens anyway). */
    private static List<Path> openAtExit() {
        String saved = org.crashscope.ui.preferences.Preferences.store().getString(OPEN_AT_EXIT);
        List<Path> sample = sample();
        return saved.lines().filter(l -> !l.isBlank()).map(Path::of).filter(java.nio.file.Files::isRegularFile)
                .filter(p -> sample.stream().noneMatch(s -> s.toAbsolutePath().equals(p.toAbsolutePath()))).toList();
    }

    /** The update site of the preferences given to p2; without p2 (a workbench started by tests of another product) nothing. */
    private static void followUpdateSite() {
        try {
            UpdateSite.follow();
        } catch (RuntimeException | LinkageError e) {
            ILog.of(CrashscopeWorkbenchAdvisor.class).warn("Updates are not available: " + e);
        }
    }

    /** The first time Crashscope starts, the guide's welcome explains the sample beside it. */
    private static void welcomeOnFirstRun(IWorkbenchWindow window) {
        var store = org.crashscope.ui.preferences.Preferences.store();
        if (store.getBoolean(WELCOMED)) {
            return;
        }
        try {
            var editor = window.getActivePage().getActiveEditor();
            org.crashscope.ui.help.GuideView.open(window.getActivePage(), "welcome");
            if (editor != null) {
                window.getActivePage().activate(editor);
            }
            store.setValue(WELCOMED, true);
        } catch (org.eclipse.ui.PartInitException e) {
            ILog.of(CrashscopeWorkbenchAdvisor.class).warn("Cannot show the welcome: " + e.getMessage());
        }
    }

    /** The bundled reference case, shown when Crashscope starts with no file. */
    private static List<Path> sample() {
        URL entry = FrameworkUtil.getBundle(CrashscopeWorkbenchAdvisor.class).getEntry(SAMPLE);
        try {
            return entry == null ? List.of() : List.of(Path.of(org.eclipse.core.runtime.URIUtil.toURI(FileLocator.toFileURL(entry))));
        } catch (IOException | java.net.URISyntaxException e) {
            ILog.of(CrashscopeWorkbenchAdvisor.class).warn("Cannot extract the sample transcript: " + e.getMessage());
            return List.of();
        }
    }
}
