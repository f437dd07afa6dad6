package org.crashscope.ui.editor;

import java.io.IOException;
import java.util.List;

import org.crashscope.presentation.Presentation;
import org.crashscope.presentation.Problems;
import org.crashscope.presentation.TranscriptSession;
import org.crashscope.transcript.CommandBlock;
import org.crashscope.transcript.Transcript;
import org.crashscope.ui.preferences.Preferences;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;

/**
 * What a transcript editor shows besides its text: the opened transcript, its analysis session
 * and the session's presentation. A small transcript is analysed while its editor opens; a large
 * one, and every transcript read again (a live session's, after each command), by the
 * {@link OpeningJob}, so that the UI thread never waits for an analysis. The editor hears of each
 * stage on the UI thread; the views, of the presentation through the editor.
 */
final class EditorAnalysis {

    /** Up to this size a transcript is analysed while it opens (a few tens of milliseconds); larger ones by a background job. */
    static final long SYNC_ANALYSIS_LIMIT = 256L << 10;

    private final TranscriptEditor editor;
    private Transcript transcript;
    private TranscriptSession session;
    private Presentation presentation;
    private Job job;

    EditorAnalysis(TranscriptEditor editor) {
        this.editor = editor;
    }

    /**
     * Opens {@code input}: indexed and analysed at once when it is small and its index is made (or
     * quick to make); else indexed (unless {@code window} is, a large file's first lines) and
     * analysed in the background. {@code reading} says the file is read again (a live session's
     * command ended): the views keep the old analysis until the new one is ready.
     */
    void open(TranscriptInput input, TranscriptWindowDocument window, boolean again) throws IOException {
        stop();
        transcript = null;
        if (!again) {
            session = null;
            presentation = null;
        }
        if (window != null && !window.isIndexed()) {
            job = OpeningJob.schedule(callbacks(), input, window);
            return;
        }
        transcript = input.transcript();
        if (transcript.sizeInBytes() <= SYNC_ANALYSIS_LIMIT && !again) {
            session = TranscriptSession.of(transcript, Preferences.settings());
            presentation = session.presentation();
            editor.presentationChanged();
        } else {
            job = OpeningJob.schedule(callbacks(), input, null);
        }
    }

    private OpeningJob.Editor callbacks() {
        return new OpeningJob.Editor() {
            @Override
            public boolean shows(TranscriptInput shown) {
                return editor.shows(shown);
            }

            @Override
            public void indexed(Transcript opened, TranscriptWindowDocument in) {
                transcript = opened;
                editor.indexed(opened, in);
            }

            @Override
            public void analysed(TranscriptSession analysed, Presentation result) {
                session = analysed;
                presentation = result;
                job = null;
                editor.presentationChanged();
            }

            @Override
            public void stopped(Job stoppedJob, IStatus result) {
                if (job == stoppedJob) {
                    job = null;
                    editor.openingStopped(result);
                }
            }
        };
    }

    /** Cancels the opening or analysis job, if one runs: the editor hears that it stopped (the Progress view's red button). */
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
