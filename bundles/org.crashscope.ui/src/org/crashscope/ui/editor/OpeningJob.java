package org.crashscope.ui.editor;

import java.io.IOException;
import java.util.concurrent.CancellationException;

import org.crashscope.presentation.Presentation;
import org.crashscope.presentation.TranscriptSession;
import org.crashscope.transcript.Transcript;
import org.crashscope.ui.preferences.Preferences;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.swt.widgets.Display;

/**
 * Opens a transcript in a cancellable job shown in the Progress view: indexes it (unless
 * done), reads its whole text when the editor shows its beginning, then parses and analyses it in
 * an {@link TranscriptSession}. The editor learns the text and the index as soon as they are
 * made (its window can then move through the whole file, the Outline lists the blocks) and the
 * session when the analysis is done; a job that stops tells the editor why.
 */
final class OpeningJob {

    /**
     * What the editor does with each stage, on the UI thread; each is dropped when the editor shows
     * another input by then. Each names its job: a live session's file read again cancels the job
     * of the read before, whose stages may already be queued.
     */
    interface Editor {
        boolean shows(TranscriptInput input);

        void indexed(Job job, Transcript transcript, TranscriptWindowDocument window);

        /** The whole text of the file, for an editor that shows part of it (its beginning, or what a live session had printed before). */
        void filled(Job job, String text);

        void analysed(Job job, TranscriptSession session, Presentation presentation);

        void stopped(Job job, IStatus result);
    }

    private OpeningJob() {
    }

    /** What went wrong reading a file, in words (a NoSuchFileException's message is the path alone). */
    static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "it is gone" : e instanceof java.nio.file.AccessDeniedException ? "it may not be read"
                : e.getMessage();
    }

    /**
     * Opens {@code input} in a job: {@code window} is the document of a large file's beginning, to
     * be given its index; {@code fill} says the editor is to be given the file's whole text (it shows
     * the file's beginning, or a live session's file before its last command).
     */
    static Job schedule(Editor editor, TranscriptInput input, TranscriptWindowDocument window, boolean fill) {
        Display display = Display.getCurrent();
        String name = input.getName();
        int read = input.read();
        Job job = Job.create("Opening " + name, monitor -> {
            Job self = Job.getJobManager().currentJob();
            SubMonitor progress = SubMonitor.convert(monitor, "Opening " + name, 3);
            Transcript opened;
            boolean indexedHere = !input.isOpened();
            try {
                if (indexedHere) {
                    progress.subTask("indexing lines and command blocks");
                    opened = input.opened(Transcript.open(input.file(), progress::isCanceled), read);
                } else {
                    opened = input.transcript();
                }
                if (opened == null || progress.isCanceled()) {
                    return Status.CANCEL_STATUS; // (the file was read again meanwhile, by the job that replaced this one)
                }
                if (fill) {
                    progress.subTask("reading the text");
                }
                String whole = fill ? TranscriptDocumentProvider.text(opened) : null;
                // in this order: the text, then the index, then the analysis (the editor holds what it gets while it takes
                // the text a part at a time, and drops it if the taking stops)
                // (an input indexed before the editor opened it, and not read again, has its Outline and window already)
                if (fill || indexedHere) {
                    display.asyncExec(() -> {
                        if (editor.shows(input)) {
                            if (fill) {
                                editor.filled(self, whole);
                            }
                            editor.indexed(self, opened, window);
                        }
                    });
                }
            } catch (CancellationException e) {
                return Status.CANCEL_STATUS;
            } catch (IOException e) {
                // (a file gone, unreadable or grown since: said in the editor's status line, no error of Crashscope's to log)
                return Status.warning("Cannot open " + input.file() + ": " + reason(e));
            }
            progress.worked(1);
            progress.subTask("parsing command blocks and log markers");
            TranscriptSession session = TranscriptSession.of(opened, Preferences.settings());
            session.parsed();
            progress.worked(1);
            if (progress.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            progress.subTask("walks, stack slots, evidence chain, known issues");
            Presentation result = session.presentation();
            result.problems(); // (made here, off the UI thread, for the Problems, Outline and Guide views and the caret's value)
            result.outline();
            result.labelledWords();
            result.traces(); // (and for the Backtrace view)
            result.wordsByBacktrace();
            if (progress.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            result.xref();
            progress.worked(1);
            if (progress.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            display.asyncExec(() -> {
                if (editor.shows(input)) {
                    editor.analysed(self, session, result);
                }
            });
            return Status.OK_STATUS;
        });
        job.setPriority(Job.LONG);
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                if (event.getResult().getSeverity() != IStatus.OK && !display.isDisposed()) {
                    display.asyncExec(() -> editor.stopped(job, event.getResult()));
                }
            }
        });
        job.schedule();
        return job;
    }
}
