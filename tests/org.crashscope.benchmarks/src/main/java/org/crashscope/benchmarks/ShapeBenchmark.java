package org.crashscope.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.crashscope.analysis.AnalysisSession;
import org.crashscope.analysis.TranscriptAnalysis;
import org.crashscope.report.ContractJson;
import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.transcript.parse.TranscriptParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The core's cost per line shape, on {@link #megabytes} MB of each: the scan (line index, command
 * blocks, shape segments, log markers), the full parse into records, and the analysis (paging,
 * stack slots, chain, rules), the CLI's full JSON (a session at full depth written to a counting
 * writer) and its summary (the block index and log markers). Divide the file's size by the time for
 * the throughput; the cost per byte should not depend on the shape.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ShapeBenchmark {

    @Param({"log", "kmem", "kmemp", "slab", "rd", "bta", "foreach", "btff", "btffs", "vtop", "dis", "disr", "prompts", "mixed"})
    public String shape;

    @Param({"16"})
    public int megabytes;

    private Path file;
    private Transcript transcript;
    private ParsedTranscript parsed;

    @Setup(Level.Trial)
    public void write() throws IOException {
        file = Files.createTempFile("crashscope-bench-" + shape, ".txt");
        Shapes.write(shape, (long) megabytes << 20, file);
        transcript = Transcript.open(file);
        parsed = TranscriptParser.parse(transcript);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        transcript.close();
        Files.deleteIfExists(file);
    }

    @Benchmark
    public int scan() throws IOException {
        try (Transcript t = Transcript.open(file)) {
            return t.blocks().size() + t.segments().size();
        }
    }

    @Benchmark
    public ParsedTranscript parse() {
        return TranscriptParser.parse(transcript);
    }

    @Benchmark
    public TranscriptAnalysis analyse() {
        return TranscriptAnalysis.of(parsed);
    }

    /** What {@code analyze --format json --depth full} pays after the scan: every block typed, analysed and written as JSON. */
    @Benchmark
    public long json() throws IOException {
        try (AnalysisSession s = AnalysisSession.open(file, AnalysisSession.Settings.defaults().withDepth(AnalysisSession.Settings.Depth.FULL))) {
            Counting out = new Counting();
            ContractJson.write(org.crashscope.presentation.Presentation.of(s.analysis()), List.of(), out);
            return out.chars;
        }
    }

    /** What {@code analyze --format text} reads of a file over 64 MiB: the block index and the log markers. */
    @Benchmark
    public ParsedTranscript summary() throws IOException {
        try (AnalysisSession s = AnalysisSession.open(file, AnalysisSession.Settings.defaults().withDepth(AnalysisSession.Settings.Depth.SUMMARY))) {
            return s.parsed();
        }
    }

    /** A writer that counts what it is given and keeps nothing. */
    private static final class Counting extends Writer {
        long chars;

        @Override
        public void write(char[] b, int off, int len) {
            chars += len;
        }

        @Override
        public void write(String str, int off, int len) {
            chars += len;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** What the workbench pays for a transcript: one session, the views' depth, every analysis. */
    @Benchmark
    public TranscriptAnalysis session() throws IOException {
        try (AnalysisSession s = AnalysisSession.open(file, AnalysisSession.Settings.defaults().withDepth(AnalysisSession.Settings.Depth.VIEW))) {
            return s.analysis();
        }
    }
}
