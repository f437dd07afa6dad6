package org.crashscope.ui.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.crashscope.live.CrashProcess;
import org.crashscope.live.Dump;
import org.crashscope.live.Gatherer;
import org.crashscope.live.LiveSession;
import org.crashscope.live.Vmlinux;
import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.editor.Transcripts;
import org.crashscope.ui.preferences.Preferences;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;

/**
 * The live sessions of the workbench: crash running on a dump, one per session transcript. Opening
 * a dump finds its vmlinux (or asks, remembered per release), starts crash in a job, runs the first
 * set and the gatherer, and shows the session's transcript in an editor that is read again as
 * each command ends; the Crash Console types into it. Every command runs in a job, one at a time
 * per session, never on the UI thread.
 */
public final class LiveSessions {

    private static final Map<Path, LiveSession> SESSIONS = new ConcurrentHashMap<>();
    private static final List<Consumer<LiveSession>> LISTENERS = new CopyOnWriteArrayList<>();

    private LiveSessions() {
    }

    /** The live session whose transcript is {@code transcript}, or {@code null}. */
    public static LiveSession of(Path transcript) {
        return transcript == null ? null : SESSIONS.get(transcript.toAbsolutePath().normalize());
    }

    /** Whether {@code transcript} is the transcript of a live session. */
    public static boolean isLive(Path transcript) {
        return of(transcript) != null;
    }

    /** Runs {@code command} in the live session of {@code transcript}, if there is one. */
    public static Job run(IWorkbenchWindow window, Path transcript, String command) {
        LiveSession session = of(transcript);
        return session == null ? null : run(window, session, command);
    }

    /** The lines of {@code transcript} that Crashscope's gatherer ran (the Outline marks them), from the session's record. */
    public static java.util.Set<Integer> ranLines(Path transcript) {
        return LiveSession.ranLines(transcript);
    }

    /** Runs when a session starts, ends, or a command of it ends (the console follows). */
    public static void onChange(Consumer<LiveSession> listener) {
        LISTENERS.add(listener);
    }

    public static void removeListener(Consumer<LiveSession> listener) {
        LISTENERS.remove(listener);
    }

    static void changed(LiveSession session) {
        LISTENERS.forEach(l -> l.accept(session));
    }

    /** Whether {@code file} is a dump rather than a transcript. */
    public static Dump dumpOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Dump.of(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Opens a dump: crash on it, the first set and the gatherer in a job, the session's transcript in an editor. */
    public static void open(IWorkbenchWindow window, Dump dump) {
        // a dump is remembered as itself: Open Recent opens it again in a new session (its transcripts are listed too)
        org.crashscope.ui.handlers.RecentFiles.add(dump.file());
        Path vmlinux = vmlinuxFor(window, dump);
        if (vmlinux == null) {
            return;
        }
        Job job = new Job("Crash session on " + dump.file().getFileName()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask("Starting crash on " + dump.file().getFileName(), IProgressMonitor.UNKNOWN);
                LiveSession session;
                try {
                    session = LiveSession.start(dump, vmlinux, crash(), Duration.ofMinutes(10));
                } catch (CrashProcess.CrashFailure e) {
                    tell(window, "Crash Session", e.getMessage() + (e.printed().isBlank() ? "" : "\n\ncrash printed:\n" + tail(e.printed())));
                    return Status.OK_STATUS;
                } catch (IOException e) {
                    return Status.error("Cannot start crash on " + dump.file() + ": " + e.getMessage(), e);
                }
                SESSIONS.put(session.transcript().toAbsolutePath().normalize(), session);
                session.onOutput(out -> changed(session));
                changed(session);
                showTranscript(window, session);
                if (session.crashTooOld() != null) {
                    // said before any command runs, instead of the first set and the gatherer failing one after another
                    tell(window, "Crash Session", session.crashTooOld() + "\n\nNo command was run. The banner is in " + session.transcript());
                    changed(session);
                    return Status.OK_STATUS;
                }
                try {
                    new Gatherer(session, Preferences.settings(), command -> {
                        monitor.subTask("crash> " + command);
                        reload(window, session);
                    }).gather();
                } catch (IOException e) {
                    tell(window, "Crash Session", "crash stopped while gathering the evidence: " + e.getMessage()
                            + "\n\nThe transcript so far is kept: " + session.transcript());
                }
                reload(window, session);
                session.warnings().forEach(w -> tell(window, "Crash Session", w));
                changed(session);
                return Status.OK_STATUS;
            }
        };
        job.setRule(rule(dump.file()));
        job.setUser(true);
        job.schedule();
    }

    /** Runs {@code command} in the session's job queue; the transcript's editor and the console follow. */
    public static Job run(IWorkbenchWindow window, LiveSession session, String command) {
        return schedule(window, session, "crash> " + command, false, monitor -> session.run(command));
    }

    /** The gatherer again: the first set is remembered, the chain's next commands are run. */
    public static Job gather(IWorkbenchWindow window, LiveSession session) {
        return schedule(window, session, "Gathering evidence from " + session.dump().file().getFileName(), true,
                monitor -> new Gatherer(session, Preferences.settings(), command -> monitor.subTask("crash> " + command)).gather());
    }

    /** What a session's job does with crash. */
    private interface Work {
        void run(IProgressMonitor monitor) throws IOException;
    }

    /** A job of the session (one at a time per dump): crash's failures told, the editor and the console following. */
    private static Job schedule(IWorkbenchWindow window, LiveSession session, String name, boolean user, Work work) {
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    work.run(monitor);
                } catch (CrashProcess.CrashFailure e) {
                    tell(window, "Crash Session", e.getMessage() + "\n\nThe transcript so far is kept: " + session.transcript()
                            + "\nRestart opens the dump again in a new session.");
                } catch (IOException e) {
                    return Status.error(name + ": " + e.getMessage(), e);
                }
                reload(window, session);
                changed(session);
                return Status.OK_STATUS;
            }
        };
        job.setRule(rule(session.dump().file()));
        job.setUser(user);
        job.setSystem(!user);
        job.schedule();
        return job;
    }

    /** Ends a session (crash is asked to quit); its transcript stays. */
    public static void end(LiveSession session) {
        SESSIONS.values().remove(session);
        session.close();
        changed(session);
    }

    /** Ends every live session (the workbench closes): crash and everything it started end with it; the transcripts stay. */
    public static void endAll() {
        for (LiveSession session : List.copyOf(SESSIONS.values())) {
            end(session);
        }
    }

    private static Path crash() {
        String configured = Preferences.store().getString(Preferences.CRASH_PATH);
        return configured == null || configured.isBlank() ? CrashProcess.find() : Path.of(configured);
    }

    /** The vmlinux of the dump: found, remembered for its release, or asked for (and remembered). */
    private static Path vmlinuxFor(IWorkbenchWindow window, Dump dump) {
        String key = Preferences.VMLINUX_PREFIX + (dump.release() == null ? "unknown" : dump.release());
        String remembered = Preferences.store().getString(key);
        if (remembered != null && !remembered.isBlank() && Files.isReadable(Path.of(remembered))) {
            return Path.of(remembered);
        }
        Vmlinux.Found found = Vmlinux.of(dump);
        if (found.vmlinux() != null) {
            return found.vmlinux();
        }
        if (Boolean.getBoolean("crashscope.noDialogs")) {
            return null;
        }
        FileDialog ask = new FileDialog(window.getShell(), SWT.OPEN);
        ask.setText("The vmlinux (with debug information) of " + (dump.release() == null ? "this dump" : dump.release()));
        ask.setFilterPath(dump.file().toAbsolutePath().getParent().toString());
        String chosen = ask.open();
        if (chosen == null) {
            return null;
        }
        Preferences.store().setValue(key, chosen);
        return Path.of(chosen);
    }

    private static void showTranscript(IWorkbenchWindow window, LiveSession session) {
        Display.getDefault().syncExec(() -> {
            Transcripts.open(window, session.transcript());
            org.crashscope.ui.handlers.RecentFiles.add(session.dump().file()); // the dump above its session in Open Recent
            try {
                window.getActivePage().showView(CrashConsoleView.ID);
            } catch (PartInitException e) {
                org.eclipse.core.runtime.ILog.of(LiveSessions.class).warn("Cannot show the crash console: " + e.getMessage());
            }
        });
    }

    /** The session's transcript grew: its editor reads it again (where the analyst reads stays). */
    static void reload(IWorkbenchWindow window, LiveSession session) {
        Display display = Display.getDefault();
        if (display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> {
            if (window.getActivePage() == null) {
                return;
            }
            for (var ref : window.getActivePage().getEditorReferences()) {
                if (ref.getEditor(false) instanceof TranscriptEditor editor && editor.file() != null
                        && session.transcript().toAbsolutePath().normalize().equals(editor.file().toAbsolutePath().normalize())) {
                    editor.reload();
                }
            }
        });
    }

    private static void tell(IWorkbenchWindow window, String title, String message) {
        Display display = Display.getDefault();
        if (Boolean.getBoolean("crashscope.noDialogs")) {
            org.eclipse.core.runtime.ILog.of(LiveSessions.class).info(title + ": " + message);
            lastMessage = message;
            return;
        }
        display.asyncExec(() -> MessageDialog.openWarning(window.getShell(), title, message));
    }

    /** The last message a session would have shown in a dialog (tests run without dialogs). */
    private static volatile String lastMessage;

    public static String lastMessage() {
        return lastMessage;
    }

    private static String tail(String printed) {
        String[] lines = printed.strip().split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 15), lines.length));
    }

    /** One command at a time per dump: jobs of the same dump conflict. */
    private record DumpRule(Path dump) implements ISchedulingRule {
        @Override
        public boolean contains(ISchedulingRule other) {
            return equals(other);
        }

        @Override
        public boolean isConflicting(ISchedulingRule other) {
            return equals(other);
        }
    }

    private static ISchedulingRule rule(Path dump) {
        return new DumpRule(dump.toAbsolutePath().normalize());
    }
}
