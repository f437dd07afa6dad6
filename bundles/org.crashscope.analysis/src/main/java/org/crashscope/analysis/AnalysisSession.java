package org.crashscope.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.transcript.parse.TranscriptParser;
import org.crashscope.analysis.rules.Rules;

/**
 * One transcript under analysis: it owns the opened {@link Transcript}, its parse and its
 * analysis, made once with one {@link Settings}, and every front end gets its answer here: the
 * CLI's {@code analyze} and {@code report}, the workbench's editor and views, the export. The
 * same file with the same settings gives the same diagnosis everywhere.
 *
 * <p>A transcript that grows (a live {@code crash} session writing to it) is read again with
 * {@link #grown()}: a new session over the longer text, the old one left as it was, so that a
 * view never sees a parse and an analysis of two different lengths.
 */
public final class AnalysisSession implements AutoCloseable {

    /**
     * How a session parses and which rules it reads.
     *
     * @param depth       how much of a large transcript is parsed
     * @param ruleFolders the folders of user rules, besides the shipped rules
     */
    public record Settings(Depth depth, List<Path> ruleFolders) {

        /** How much of a transcript is parsed; the same up to {@link TranscriptParser#FULL_PARSE_LIMIT} bytes, where everything is. */
        public enum Depth {
            /** everything, whatever the size (the JSON contract, the reports) */
            FULL,
            /** above the limit, the command blocks that fit a budget and the log markers (the workbench's views) */
            VIEW,
            /** above the limit, the block index and the log markers only (the CLI's text summary) */
            SUMMARY
        }

        public Settings {
            ruleFolders = List.copyOf(ruleFolders);
        }

        /** Everything parsed, the rule folders of {@code $CRASHSCOPE_RULES} and {@code ~/.crashscope/rules}. */
        public static Settings defaults() {
            return new Settings(Depth.FULL, Rules.userFolders());
        }

        public Settings withDepth(Depth d) {
            return new Settings(d, ruleFolders);
        }

        /** These settings with more rule folders (a later folder's rule replaces an earlier one of the same id). */
        public Settings withRules(List<Path> more) {
            List<Path> all = new ArrayList<>(ruleFolders);
            all.addAll(more);
            return new Settings(depth, all);
        }

        TranscriptParser.Depth parserDepth(long size) {
            return switch (depth) {
                case FULL -> TranscriptParser.Depth.FULL;
                case VIEW -> TranscriptParser.viewDepthFor(size);
                case SUMMARY -> TranscriptParser.depthFor(size);
            };
        }
    }

    private final Transcript transcript;
    private final Settings settings;
    private final Path file;
    private ParsedTranscript parsed;
    private TranscriptAnalysis analysis;

    private AnalysisSession(Transcript transcript, Settings settings, Path file) {
        this.transcript = transcript;
        this.settings = settings;
        this.file = file;
    }

    /** Opens a file (read only; see {@link Transcript#open}); nothing is parsed yet. */
    public static AnalysisSession open(Path file, Settings settings, BooleanSupplier cancelled) throws IOException {
        return new AnalysisSession(Transcript.open(file, cancelled), settings, file);
    }

    public static AnalysisSession open(Path file, Settings settings) throws IOException {
        return open(file, settings, null);
    }

    /** A session over a transcript already open (the workbench indexes large files in its own job). */
    public static AnalysisSession of(Transcript transcript, Settings settings) {
        return new AnalysisSession(transcript, settings, null);
    }

    public Transcript transcript() {
        return transcript;
    }

    public Settings settings() {
        return settings;
    }

    /** The parse, made on first use with the settings' depth. */
    public synchronized ParsedTranscript parsed() {
        if (parsed == null) {
            parsed = TranscriptParser.parse(transcript, settings.parserDepth(transcript.sizeInBytes()));
        }
        return parsed;
    }

    /** Whether the parse is only the block index and the log markers (a huge file's summary): there is no analysis of it. */
    public boolean summaryOnly() {
        return settings.parserDepth(transcript.sizeInBytes()) == TranscriptParser.Depth.LOG_MARKERS;
    }

    /** The analysis with the shipped rules and the settings' folders, made on first use. */
    public synchronized TranscriptAnalysis analysis() {
        if (analysis == null) {
            analysis = TranscriptAnalysis.of(parsed(), Rules.load(settings.ruleFolders()));
        }
        return analysis;
    }

    /** The analysis if it was made, else {@code null}: for a view that must not wait. */
    public synchronized TranscriptAnalysis analysisIfDone() {
        return analysis;
    }

    /**
     * A new session over the file as it is now, when it has grown since this one opened it (a live
     * session appends to it), or {@code null} when it has not grown or was not opened from a file.
     */
    public AnalysisSession grown() throws IOException {
        if (file == null || java.nio.file.Files.size(file) <= transcript.sizeInBytes()) {
            return null;
        }
        return open(file, settings);
    }

    @Override
    public void close() {
        transcript.close();
    }
}
