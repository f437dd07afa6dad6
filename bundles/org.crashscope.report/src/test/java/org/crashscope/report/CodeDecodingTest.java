package org.crashscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.crashscope.analysis.TranscriptAnalysis;
import org.crashscope.analysis.rules.Rules;
import org.crashscope.fixtures.SharedFixtures;
import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.TranscriptParser;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The analysis and the JSON decode an oops's Code: for the same architectures, the ones whose
 * object decodes it: x86-64 (and a log that names none), never i386, whose 32-bit code the x86-64
 * decoder reads wrongly.
 */
class CodeDecodingTest {

    private static TranscriptAnalysis analyze(String fixture) throws Exception {
        try (Transcript t = Transcript.open(SharedFixtures.path(CodeDecodingTest.class, fixture))) {
            return TranscriptAnalysis.of(TranscriptParser.parse(t), Rules.load(List.of()));
        }
    }

    private static JsonObject firstOops(TranscriptAnalysis analysis) {
        return JsonParser.parseString(ContractJson.write(org.crashscope.presentation.Presentation.of(analysis))).getAsJsonObject().getAsJsonArray("oopses").get(0).getAsJsonObject();
    }

    @Test
    void anI386OopsKeepsItsCodeBytesButNoInstructionIsDecodedAnywhere() throws Exception {
        TranscriptAnalysis analysis = analyze("i386-oops-code.txt");
        assertEquals("i386", analysis.arch().arch().id(), analysis.arch().evidence());
        assertNull(analysis.fault(), "the analysis decodes no i386 Code:");
        JsonObject code = firstOops(analysis).getAsJsonObject("code");
        assertEquals(39, code.getAsJsonArray("bytes").size());
        assertEquals(19, code.get("trapIndex").getAsInt());
        assertEquals("89", code.getAsJsonArray("bytes").get(19).getAsString());
        assertTrue(code.getAsJsonArray("instructions").isEmpty(), "nor does the JSON (it read 40 4b as REX 'xor r8, rax'): " + code);
        assertFalse(code.has("instruction"));
        assertFalse(code.has("faultRegister"), "no x86-64 register is named for an i386 fault");
    }

    @Test
    void anX86_64OopsIsDecodedByTheAnalysisAndTheJsonAlike() throws Exception {
        TranscriptAnalysis analysis = analyze("seed-kcs-ghes-hugepage-gpf.txt");
        assertNotNull(analysis.fault());
        assertNull(analysis.fault().problem(), "libcapstone must be installed for the tests");
        JsonObject code = firstOops(analysis).getAsJsonObject("code");
        assertEquals(analysis.fault().trapping().text(), code.get("instruction").getAsString());
        assertEquals("mov r12, qword ptr [rbx]", code.get("instruction").getAsString());
    }
}
