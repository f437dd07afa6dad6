package org.crashscope.ui.editor;

import java.io.IOException;
import java.util.List;

import org.crashscope.presentation.Presentation;
import org.crashscope.presentation.Problems;
import org.crashscope.presentation.TranscriptSession;
import org.crashscope.transcript.CommandBlock;
import org.crashscope.transcript.Transcript;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * What a transcript editor shows besides its text: the opened transcript, its analysis session
 * and the session's presentation. Every transcript is analysed by the {@link OpeningJob}, when it
 * opens and whenever it is read again (a live session's, after each command), so that the UI
 * thread never waits for an analysis, not even a small one's few tens of milliseconds. The editor
 * hears of each stage on the UI thread; the views, of the presentation through the editor.
 */
final class EditorAnalysis {

    private final TranscriptEditor editor;
    private Transcript transcript;
    private TranscriptSession session;
    private Presentation presentation;
    private Job job;
    /** The job whose text the editor takes a part at a time, and what that job sent meanwhile (shown once the text is whole). */
    private Job filling;
    private final List<Runnable> held = new java.util.ArrayList<>();

    EditorAnalysis(TranscriptEditor editor) {
        this.editor = editor;
    }

    /**
     * Opens {@code input}: indexed at once unless {@code window} shows a large file's first lines
     * or {@code beginning} says the document shows a file's beginning (the job indexes it, and reads
     * the whole text of the beginning's file), and analysed in the background. {@code again} says
     * the file is read again (a live session's command ended): the views keep the old analysis
     * until the new one is ready.
     */
    void open(TranscriptInput input, TranscriptWindowDocument window, boolean again, boolean beginning) throws IOException {
        stop();
        if (!again) {
            transcript = null;
            session = null;
            presentation = null;
        }
        // read again, the transcript of the read before stays (Find, the views' lines) until the new index replaces it
        if (window != null && !window.isIndexed() || beginning) {
            job = OpeningJob.schedule(callbacks(), input, window, beginning);
            return;
        }
        replaceTranscript(input.transcript());
        job = OpeningJob.schedule(callbacks(), input, null, false);
    }

    /**
     * Transcripts replaced by a newer read of the same file, which the analysis shown may still read
     * (its lines, Export's evidence): closed once a newer analysis replaces it.
     */
    private final List<Transcript> retired = new java.util.ArrayList<>();

    private void replaceTranscript(Transcript now) {
        if (transcript != null && transcript != now && !retired.contains(transcript)) {
            retired.add(transcript);
        }
        transcript = now;
    }

    private OpeningJob.Editor callbacks() {
        return new OpeningJob.Editor() {
            @Override
            public boolean shows(TranscriptInput shown) {
                return editor.shows(shown);
            }

            @Override
            public void indexed(Job from, Transcript opened, TranscriptWindowDocument in) {
                stage(from, () -> {
                    replaceTranscript(opened);
                    editor.indexed(opened, in);
                });
            }

            @Override
            public void filled(Job from, String text) {
                if (job != from) {
                    return;
                }
                filling = from;
                editor.fill(text, () -> job == from, whole -> {
                    if (filling != from) {
                        return; // (stopped: another job's text, or none, is taken now)
                    }
                    filling = null;
                    List<Runnable> stages = List.copyOf(held);
                    held.clear();
                    if (whole) {
                        stages.forEach(Runnable::run);
                    } else if (job == from) {
                        // the text could not be taken whole: the part shown is what is shown, the index and analysis are dropped
                        job = null;
                        from.cancel();
                        editor.openingStopped(Status.CANCEL_STATUS);
                    }
                });
            }

            @Override
            public void analysed(Job from, TranscriptSession analysed, Presentation result) {
                stage(from, () -> {
                    session = analysed;
                    presentation = result;
                    job = null;
                    closeRetired();
                    editor.presentationChanged();
                });
            }

            /** Shows a stage of {@code from}, the job waited for: now, or once the editor holds the text it takes. */
            private void stage(Job from, Runnable show) {
                if (job != from) {
                    return; // (a cancelled job's: the file was read again, or the editor shows another input)
                }
                if (filling == from) {
                    held.add(show);
                } else {
                    show.run();
                }
            }

            @Override
            public void stopped(Job stoppedJob, IStatus result) {
                if (job != stoppedJob) {
                    return;
                }
                Runnable stop = () -> {
                    job = null;
                    editor.openingStopped(result);
                };
                if (filling == stoppedJob && result.getSeverity() != IStatus.CANCEL) {
                    held.add(stop); // (the analysis failed while the text came: the text and its index are still shown)
                } else {
                    stop.run();
                }
            }
        };
    }

    /** Closes the transcripts of earlier reads: no analysis shown reads them any more. */
    private void closeRetired() {
        for (Transcript t : retired) {
            if (t != transcript) {
                t.close();
            }
        }
        retired.removeIf(t -> t != transcript);
    }

    /**
     * Cancels the opening or analysis job, if one runs, as the Progress view's red button does: the
     * editor hears that it stopped when it ends (a text it had sent is still taken whole, with its
     * index; stopped before, the editor keeps the beginning it shows and drops what comes).
     */
    void cancel() {
        if (job != null) {
            job.cancel();
        }
    }

    /** Cancels the job, if one runs, without telling the editor: another input replaces it, or the editor closes. */
    void stop() {
        if (job != null) {
            job.cancel();
            job = null;
        }
        filling = null;
        held.clear();
    }

    /** The editor closes: the job is cancelled, and the transcripts of a live session's earlier reads are closed (the one of the input stays the input's). */
    void close() {
        stop();
        closeRetired();
    }

    boolean isAnalysing() {
        return job != null;
    }

    Transcript transcript() {
        return transcript;
    }

    TranscriptSession session() {
        return session;
    }

    Presentation presentation() {
        return presentation;
    }

    List<Problems.Problem> problems() {
        return presentation == null ? List.of() : presentation.problems();
    }

    /** The command blocks, in order: the analysis's, else the index's. */
    List<CommandBlock> blocks() {
        return presentation != null ? presentation.parsed().commands() : transcript != null ? transcript.blocks() : List.of();
    }
}
