package org.crashscope.presentation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.crashscope.analysis.AnalysisSession;
import org.crashscope.analysis.AnalysisSession.Settings;
import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.ParsedTranscript;

/**
 * One transcript under analysis as every front end sees it: the opened file, its analysis made
 * once with one {@link Settings}, and the presentation of that analysis made once; plus the
 * analyst's context on it (the highlighted value, the traces filter) and the events that change
 * them. The CLI asks it for the presentation; the workbench's editor and views listen to it (after
 * Trace Compass, which attaches analyses and signals to the trace, never to an editor).
 *
 * <p>A transcript that grows (a live crash session appending to it) becomes a new session with
 * {@link #grown()}; the workbench swaps it in and tells the listeners with {@link Event.Analysed}.
 */
public final class TranscriptSession implements AutoCloseable {

    /** What changed in a session: each listener gets every event, on the thread that caused it. */
    public sealed interface Event {

        /** The analysis of the session (or of the longer transcript that replaced it) is ready. */
        record Analysed(TranscriptSession session, Presentation presentation) implements Event {
        }

        /** A value is highlighted (everywhere it occurs), or none ({@code null}). */
        record Highlighted(TranscriptSession session, Long value) implements Event {
        }

        /** The traces are filtered by these words (empty: all). */
        record Filtered(TranscriptSession session, String filter) implements Event {
        }

        /** The session ended: its transcript is closed. */
        record Closed(TranscriptSession session) implements Event {
        }
    }

    private final AnalysisSession analysis;
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private Presentation presentation;
    private volatile Long highlighted;
    private volatile String filter = "";

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
    public Presentation presentation() {
        synchronized (this) {
            if (presentation == null) {
                presentation = Presentation.of(analysis.analysis());
            } else {
                return presentation;
            }
        }
        fire(new Event.Analysed(this, presentation));
        return presentation;
    }

    /** The presentation if it was made, else {@code null}: for a view that must not wait. */
    public synchronized Presentation presentationIfDone() {
        return presentation;
    }

    /**
     * A new session over the file as it is now when it has grown since this one opened it (a live
     * session appends to it), with this one's listeners and context; {@code null} when it has not.
     */
    public TranscriptSession grown() throws IOException {
        AnalysisSession longer = analysis.grown();
        if (longer == null) {
            return null;
        }
        TranscriptSession next = new TranscriptSession(longer);
        next.listeners.addAll(listeners);
        next.highlighted = highlighted;
        next.filter = filter;
        return next;
    }

    /** The value highlighted in this transcript, or {@code null}. */
    public Long highlighted() {
        return highlighted;
    }

    /** Highlights {@code value} ({@code null}: none); listeners hear of it only when it changes. */
    public void highlight(Long value) {
        if (!java.util.Objects.equals(value, highlighted)) {
            highlighted = value;
            fire(new Event.Highlighted(this, value));
        }
    }

    public String filter() {
        return filter;
    }

    /** Filters the traces by {@code words}; listeners hear of it only when it changes. */
    public void filter(String words) {
        String f = words == null ? "" : words.strip();
        if (!f.equals(filter)) {
            filter = f;
            fire(new Event.Filtered(this, f));
        }
    }

    public void addListener(Consumer<Event> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Event> listener) {
        listeners.remove(listener);
    }

    private void fire(Event e) {
        for (Consumer<Event> l : listeners) {
            l.accept(e);
        }
    }

    /** Closes the transcript and tells the listeners, who then let go of this session. */
    @Override
    public void close() {
        analysis.close();
        fire(new Event.Closed(this));
        listeners.clear();
    }
}
