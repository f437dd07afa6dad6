package org.crashscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.crashscope.analysis.rules.Rules;

/** The reference case as it arrives by mail, wrapped at 72 columns or quoted: the same analysis, and a word that says what was undone. */
class MailedTranscriptTest {

    private static List<String> chain(ParsedTranscript p) {
        return TranscriptAnalysis.of(p, Rules.load(List.of())).findings().stream().map(f -> f.kind() + ": " + f.text()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed-mail-wrapped-72.txt", "seed-mail-quoted.txt"})
    void aMailedSeedGivesTheSeedsChain(String name) {
        ParsedTranscript seed = StackSlotAnnotatorTest.parse("seed-kcs-ghes-hugepage-gpf.txt");
        ParsedTranscript mailed = StackSlotAnnotatorTest.parse(name);
        assertEquals(seed.hardwareErrors().size(), mailed.hardwareErrors().size());
        assertEquals(seed.hardwareErrors().get(0).physicalAddress(), mailed.hardwareErrors().get(0).physicalAddress());
        assertEquals(seed.backtraces().size(), mailed.backtraces().size());
        assertEquals(seed.backtraces().get(0).frames().size(), mailed.backtraces().get(0).frames().size());
        assertEquals(seed.oopses().get(0).pid(), mailed.oopses().get(0).pid());
        assertEquals(seed.oopses().get(0).code().bytes(), mailed.oopses().get(0).code().bytes());
        List<String> kinds = chain(seed).stream().map(s -> s.substring(0, s.indexOf(':'))).toList();
        assertEquals(kinds, chain(mailed).stream().map(s -> s.substring(0, s.indexOf(':'))).toList());
        assertTrue(chain(mailed).stream().anyMatch(s -> s.contains("0x2d49ef2228") && s.contains("should map 0x1080000000")), chain(mailed).toString());
        assertTrue(mailed.diagnostics().stream().map(Diagnostic::message).anyMatch(m -> m.contains("mail")), "it says what it undid");
    }
}
