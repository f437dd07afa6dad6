package org.crashscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.TranscriptParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.crashscope.analysis.rules.Rules;

/** A broken user rule is reported on its own line and the others still run; no rule can hang an analysis. */
class RulesTest {

    private static final String RULE = "{\"id\": \"%s\", \"title\": \"t\", \"symptoms\": [{\"id\": \"s\", \"text\": \"x\", %s}]}";

    @Test
    void everyBrokenRuleIsAProblemOfItsOwnAndTheShippedRulesStillLoad(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a-regex.json"), RULE.formatted("bad-regex", "\"function\": \"gup_(pgd\""));
        Files.writeString(dir.resolve("b-type.json"), RULE.formatted("bad-type", "\"finding\": \"hardware-error\", \"withinSeconds\": \"60\""));
        Files.writeString(dir.resolve("c-deep.json"), "[".repeat(10_000) + "]".repeat(10_000));
        Files.writeString(dir.resolve("d-key.json"), RULE.formatted("misspelt", "\"oops\": \"x\", \"requried\": true"));
        Files.writeString(dir.resolve("e-two.json"), RULE.formatted("two-tests", "\"oops\": \"x\", \"function\": \"y\""));
        Files.writeString(dir.resolve("f-good.json"), RULE.formatted("good", "\"oops\": \"general protection fault\""));
        Rules.Loaded loaded = Rules.load(List.of(dir));
        assertEquals(5, loaded.problems().size(), loaded.problems().toString());
        assertTrue(loaded.problems().get(0).contains("not a valid RE2 pattern"), loaded.problems().get(0));
        assertTrue(loaded.problems().get(1).contains("withinSeconds must be a number"), loaded.problems().get(1));
        assertTrue(loaded.problems().get(2).contains("Nesting limit"), loaded.problems().get(2));
        assertTrue(loaded.problems().get(3).contains("unknown key \"requried\""), loaded.problems().get(3));
        assertTrue(loaded.problems().get(4).contains("two tests"), loaded.problems().get(4));
        assertTrue(loaded.rules().stream().anyMatch(r -> r.id().equals("good")));
        assertTrue(loaded.rules().stream().anyMatch(r -> r.id().equals("ghes-hugepage-migration-gup-gpf")), "the shipped rules are all there");
    }

    @Test
    void aCatastrophicPatternRunsInLinearTime(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("redos.json"), RULE.formatted("redos", "\"oops\": \"((a+)+)+b\""));
        String text = "crash> log\n[    1.000000] BUG: " + "a".repeat(5000) + "!\n";
        try (Transcript t = Transcript.of("redos.txt", text.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            var parsed = TranscriptParser.parse(t);
            TranscriptAnalysis a = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> TranscriptAnalysis.of(parsed, Rules.load(List.of(dir))));
            assertTrue(a.diagnoses().stream().noneMatch(d -> d.rule().id().equals("redos")));
        }
    }
}
