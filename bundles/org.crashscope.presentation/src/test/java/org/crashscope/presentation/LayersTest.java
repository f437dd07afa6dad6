package org.crashscope.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layering this bundle exists for, checked on the sources: the views, the report writers, the
 * diagrams and the CLI's printer read the presentation model and never the analysis (as MAT's
 * {@code api} manifest has no {@code org.eclipse.ui}: the rule visible in one place, and kept).
 */
class LayersTest {

    private static final Path BUNDLES = Path.of("..").toAbsolutePath().normalize();

    /** The renderers: every source of these folders. */
    private static final List<String> RENDERERS = List.of("org.crashscope.ui/src/org/crashscope/ui/views", "org.crashscope.ui/src/org/crashscope/ui/editor",
            "org.crashscope.ui/src/org/crashscope/ui/notes", "org.crashscope.ui/src/org/crashscope/ui/help", "org.crashscope.ui/src/org/crashscope/ui/markers",
            "org.crashscope.ui/src/org/crashscope/ui/handlers", "org.crashscope.ui/src/org/crashscope/ui/live", "org.crashscope.report/src/main", "org.crashscope.diagram/src/main",
            "org.crashscope.cli/src/main/java/org/crashscope/cli/TextSummary.java");

    @Test
    void noRendererReadsTheAnalysis() {
        List<String> offenders = RENDERERS.stream().flatMap(LayersTest::sources)
                .filter(f -> read(f).lines().anyMatch(l -> l.startsWith("import org.crashscope.analysis") || l.contains(" org.crashscope.analysis.")))
                .map(f -> BUNDLES.relativize(f).toString()).toList();
        assertTrue(sources(RENDERERS.get(0)).count() > 5, "the views' sources are where this test looks: " + BUNDLES);
        assertEquals(List.of(), offenders, "these render the analysis itself instead of the presentation model");
    }

    @Test
    void theWritersBundlesDoNotRequireTheAnalysis() {
        for (String bundle : List.of("org.crashscope.report", "org.crashscope.diagram")) {
            String manifest = read(BUNDLES.resolve(bundle).resolve("src/main/resources/META-INF/MANIFEST.MF"));
            assertTrue(manifest.contains("Require-Bundle") && !manifest.contains("org.crashscope.analysis"), bundle + " requires the analysis bundle");
        }
    }

    private static Stream<Path> sources(String folder) {
        Path p = BUNDLES.resolve(folder);
        if (Files.isRegularFile(p)) {
            return Stream.of(p);
        }
        try (Stream<Path> walk = Files.walk(p)) {
            return walk.filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
