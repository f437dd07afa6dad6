package org.crashscope.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.crashscope.analysis.AnalysisSession;
import org.crashscope.fixtures.SharedFixtures;
import org.crashscope.report.ContractJson;
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
 * What cross-references cost: the reference case repeated {@link #copies} times (each stack word's
 * value then appears in every copy) analysed and written as JSON. The time and the JSON's size
 * must grow with the copies, not with their square.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class CrossReferenceBenchmark {

    @Param({"1", "20", "200"})
    public int copies;

    private Path file;

    @Setup(Level.Trial)
    public void write() throws IOException {
        byte[] seed = Files.readAllBytes(SharedFixtures.seed());
        file = Files.createTempFile("crashscope-bench-copies", ".txt");
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < copies; i++) {
                out.write(seed);
            }
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    /** The length of the JSON {@code crashscope analyze --format json} writes. */
    @Benchmark
    public int json() throws IOException {
        try (AnalysisSession s = AnalysisSession.open(file, AnalysisSession.Settings.defaults())) {
            return ContractJson.write(org.crashscope.presentation.Presentation.of(s.analysis())).length();
        }
    }
}
