package org.crashscope.presentation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.crashscope.analysis.AnalysisSession;
import org.crashscope.analysis.AnalysisSession.Settings;
import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.ParsedTranscript;

/**
 * One transcript under analysis as every front end sees it: the opened file, its analysis made
 * once with one {@link Settings}, and the presentation of that analysis made once. The CLI asks it
 * for the presentation; the workbench's editor holds one per transcript and its views render the
 * presentation (after Trace Compass, which attaches analyses to the trace, never to an editor). A
 * live session's transcript that grew is opened as a new session.
 */
public final class TranscriptSession implements AutoCloseable {

    private final AnalysisSession analysis;
    private Presentation presentation;

    private TranscriptSession(AnalysisSession analysis) {
        this.analysis = analysis;
    }

    /** Opens a file read only (see {@link Transcript#open}); nothing is parsed yet. */
    public static TranscriptSession open(Path file, Settings settings, BooleanSupplier cancelled) throws IOException {
        return new TranscriptSession(AnalysisSession.open(file, settings, cancelled));
    }

    public static TranscriptSession open(Path file, Settings settings) throws IOException {
        return open(file, settings, null);
    }

    /** A session over a transcript already open (the workbench indexes a large file in its own job). */
    public static TranscriptSession of(Transcript transcript, Settings settings) {
        return new TranscriptSession(AnalysisSession.of(transcript, settings));
    }

    public Transcript transcript() {
        return analysis.transcript();
    }

    /** The parse, made on first use. */
    public ParsedTranscript parsed() {
        return analysis.parsed();
    }

    /** Whether only the block index and the log markers are parsed (a huge file's summary): there is no analysis to present. */
    public boolean summaryOnly() {
        return analysis.summaryOnly();
    }

    /**
     * The analysis the presentation shows, made on first use: for core consumers that keep facts of
     * their own (the case library signs a case from it); the views and writers read {@link #presentation()}.
     */
    public org.crashscope.analysis.TranscriptAnalysis analysis() {
        return analysis.analysis();
    }

    /** The presentation of the analysis, made on first use (on the caller's thread: a job's, or the CLI's) and then kept. */
    public synchronized Presentation presentation() {
        if (presentation == null) {
            presentation = Presentation.of(analysis.analysis());
        }
        return presentation;
    }

    /** The presentation if it was made, else {@code null}: for a view that must not wait. */
    public synchronized Presentation presentationIfDone() {
        return presentation;
    }

    @Override
    public void close() {
        analysis.close();
    }
}
