package org.crashscope.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Per-architecture logic lives in this bundle's {@link Architecture} objects: no Java source of
 * another bundle or test module names an {@link Arch} constant ({@code == Arch.X86_64}, a
 * {@code case ARM64 ->}, a static import of them) or compares an architecture's name with a
 * literal ({@code "x86_64".equals(...)}); each asks its architecture object instead.
 */
class ArchComparisonsTest {

    private static final String NAMES = Stream.of(Arch.values()).map(Enum::name).collect(Collectors.joining("|"));
    private static final String IDS = Stream.of(Arch.values()).map(Arch::id).collect(Collectors.joining("|"));
    private static final Pattern COMPARISON = Pattern.compile("\\bArch\\s*\\.\\s*(?:" + NAMES + ")\\b"
            + "|\\bcase\\s+(?:" + NAMES + ")\\s*(?:->|:|,)"
            + "|import\\s+static\\s+org\\.crashscope\\.arch\\.Arch\\."
            + "|\"(?:" + IDS + "|aarch64|amd64)\"\\s*\\.\\s*equals|equals(?:IgnoreCase)?\\(\\s*\"(?:" + IDS + "|aarch64|amd64)\"\\s*\\)");

    /** The repository: the build runs this test in the bundle's folder. */
    private static final Path REPO = Path.of("").toAbsolutePath().getParent().getParent();

    static List<String> comparisons(Path root, Path except) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java") && !p.startsWith(except) && !p.toString().contains("/target/")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (COMPARISON.matcher(lines.get(i)).find()) {
                        found.add(REPO.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    @Test
    void noSourceOutsideTheArchitectureBundleComparesArchitectures() {
        Path own = REPO.resolve("bundles/org.crashscope.arch");
        assertTrue(Files.isDirectory(own), "run from the bundle's folder: " + REPO);
        List<String> found = new ArrayList<>(comparisons(REPO.resolve("bundles"), own));
        found.addAll(comparisons(REPO.resolve("tests"), own));
        assertEquals(List.of(), found, "ask the architecture's object (ArchFacts.architecture(), Architectures.of) instead");
    }

    @Test
    void theScanFindsEveryFormOfComparison() {
        for (String line : List.of("if (arch.arch() == Arch.X86_64 || arch.arch() == null) {", "return arch == org.crashscope.arch.Arch.I386;",
                "case ARM64 -> new Arm64Paging();", "case S390X:", "import static org.crashscope.arch.Arch.X86_64;", "if (\"x86_64\".equals(id)) {",
                "if (arch.id().equals(\"arm64\")) {")) {
            assertTrue(COMPARISON.matcher(line).find(), line);
        }
        for (String line : List.of("if (arch.architecture().decodesCode()) {", "Arch arch = Arch.named(name);", "ArchFacts.UNKNOWN", "case X86_64_FLAG ->")) {
            assertFalse(COMPARISON.matcher(line).find(), line);
        }
        assertFalse(comparisons(REPO.resolve("bundles/org.crashscope.arch/src/main"), REPO.resolve("none")).isEmpty(),
                "the architecture bundle itself names its constants, and the scan sees them");
    }
}
