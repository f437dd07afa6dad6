package org.crashscope.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.crashscope.analysis.TranscriptAnalysis;
import org.crashscope.analysis.rules.Rules;

class ProblemsTest {

    @Test
    void theSeedsOneAnomalyIsAnErrorAtItsRdRow() {
        TranscriptAnalysis seed = TranscriptAnalysis.of(Analysed.parse("seed-kcs-ghes-hugepage-gpf.txt"), Rules.load(List.of()));
        List<Problems.Problem> errors = Problems.of(seed).stream().filter(p -> p.severity() == Problems.Severity.ERROR).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(225, errors.get(0).line());
        assertTrue(errors.get(0).message().contains("0x45"), errors.get(0).message());
        assertTrue(errors.get(0).message().contains("0x1080000000"), errors.get(0).message());
    }

    @Test
    void aRuleFileThatCannotBeReadIsAWarning(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("broken.json"), "{ not json");
        TranscriptAnalysis analysis = TranscriptAnalysis.of(Analysed.parse("seed-kcs-ghes-hugepage-gpf.txt"), Rules.load(List.of(dir)));
        assertTrue(Problems.of(analysis).stream().anyMatch(p -> p.kind() == Problems.Kind.RULES && p.severity() == Problems.Severity.WARNING));
    }
}
