package org.crashscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.crashscope.analysis.rules.Rules;
import org.crashscope.fixtures.SharedFixtures;
import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.TranscriptParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every value the evidence chain states is true: over every fixture (the checked-in real sessions,
 * the reference case, the format fixtures, the migrated-page fixtures) each hex number of a
 * finding's text is on a line the finding cites, or is stated as a computation over such numbers
 * ({@link ClaimChecker}). And the checker can fail: a wrong register value planted in a real
 * finding is caught.
 */
class ClaimCheckerTest {

    static Stream<Path> fixtures() throws IOException, URISyntaxException {
        List<Path> out = new ArrayList<>();
        out.addAll(SharedFixtures.files("vmcore", ".txt"));
        out.addAll(SharedFixtures.files("", ".txt")); // the catalogue's format fixtures, the reference case among them
        out.addAll(SharedFixtures.files("arch", ".txt"));
        for (String dir : List.of("/fixtures", "/fixtures/migrated")) {
            try (Stream<Path> files = Files.list(Path.of(ClaimCheckerTest.class.getResource(dir).toURI()))) {
                files.filter(f -> f.toString().endsWith(".txt")).sorted().forEach(out::add);
            }
        }
        // the parsers' format fixtures, where the bundles sit side by side
        for (String bundle : List.of("org.crashscope.transcript", "org.crashscope.arch")) {
            Path dir = Path.of("..", bundle, "src", "test", "resources", "fixtures");
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(f -> f.toString().endsWith(".txt")).sorted().forEach(out::add);
                }
            }
        }
        assertTrue(out.size() > 40, "the fixtures are there: " + out.size());
        return out.stream();
    }

    private record Checked(TranscriptAnalysis analysis, List<String> lines) {
        String line(int n) {
            return n >= 1 && n <= lines.size() ? lines.get(n - 1) : null;
        }
    }

    private static Checked analyse(Path file) throws IOException {
        try (Transcript t = Transcript.open(file)) {
            List<String> lines = new ArrayList<>();
            for (int i = 1; i <= t.lineCount(); i++) {
                lines.add(t.line(i));
            }
            return new Checked(TranscriptAnalysis.of(TranscriptParser.parse(t), Rules.load(List.of())), lines);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyNumberOfAFindingIsOnALineItCitesOrAStatedComputation(Path file) throws IOException {
        Checked c = analyse(file);
        List<String> wrong = new ArrayList<>();
        for (Finding f : c.analysis().findings()) {
            List<String> bad = ClaimChecker.unsupported(f, c::line);
            if (!bad.isEmpty()) {
                wrong.add(f.kind().id() + ": " + f.text() + "\n    " + String.join("\n    ", bad));
            }
        }
        assertEquals(List.of(), wrong, file.getFileName().toString());
    }

    @Test
    void aPlantedWrongRegisterValueIsCaught() throws Exception {
        Checked c = analyse(SharedFixtures.path("vmcore/ck-corrupt.txt"));
        Finding fault = c.analysis().findings().stream().filter(f -> f.kind() == FindingKind.FAULTING_INSTRUCTION).findFirst().orElseThrow();
        assertTrue(fault.text().contains("RDX = 0xdead000000000100, so the address RDX + 0x8 = 0xdead000000000108"), fault.text());
        assertEquals(List.of(), ClaimChecker.unsupported(fault, c::line), "the true finding passes");
        // the old wording: the address given as the register's value
        Finding planted = new Finding(fault.kind(), fault.text().replace("RDX = 0xdead000000000100, so the address RDX + 0x8 = 0xdead000000000108",
                "RDX = 0xdead000000000108"), fault.confidence(), fault.evidence(), null);
        assertFalse(ClaimChecker.unsupported(planted, c::line).isEmpty(), "RDX = 0xdead000000000108 is printed nowhere: " + planted.text());
        // a computation that does not add up
        Finding wrongSum = new Finding(fault.kind(), fault.text().replace("RDX + 0x8 = 0xdead000000000108", "RDX + 0x8 = 0xdead000000000118"),
                fault.confidence(), fault.evidence(), null);
        assertFalse(ClaimChecker.unsupported(wrongSum, c::line).isEmpty(), wrongSum.text());
        // a right value cited from the wrong line
        Finding uncited = new Finding(fault.kind(), fault.text(), fault.confidence(), List.of(fault.evidence().get(0)), null);
        assertFalse(ClaimChecker.unsupported(uncited, c::line).isEmpty(), "without the RDX line, RDX's value is not supported");
    }
}
