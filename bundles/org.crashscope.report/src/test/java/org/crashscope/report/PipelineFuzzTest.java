package org.crashscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;

import org.crashscope.analysis.rules.Rules;
import org.crashscope.analysis.TranscriptAnalysis;
import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.TranscriptParser;
import org.crashscope.report.notes.Note;
import org.crashscope.report.notes.Notes;

/**
 * The whole pipeline on any bytes: the parser, every analysis with the shipped rules, the rule
 * reader and the notes reader on the same bytes, a note holding them, and the three report
 * writers. Nothing may throw, the JSON must be strict JSON, the HTML must hold no markup of the
 * input, and the note must come back as it went. Every build runs the seeds (the fixtures in
 * {@code PipelineFuzzTestInputs/pipeline}); {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class PipelineFuzzTest {

    private static final Rules.Loaded RULES = Rules.load(List.of());
    private static final int MAX_INPUT = 16 << 10;

    @FuzzTest(maxExecutions = 10_000_000, maxDuration = "4h")
    void pipeline(FuzzedDataProvider data) throws Exception {
        boolean markdown = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        if (bytes.length > MAX_INPUT) {
            bytes = java.util.Arrays.copyOf(bytes, MAX_INPUT); // the pipeline is linear: long inputs only cost time here
        }
        String text = new String(bytes, StandardCharsets.UTF_8);

        // the same bytes as a rule file and as a notes file: a problem, never an exception
        try {
            Rules.parse(text, "fuzz");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a rule problem says what is wrong");
        }
        Notes.Loaded sidecar = Notes.parse(bytes, "fuzz");
        assertTrue(sidecar.notes() != null && (!sidecar.damaged() || sidecar.problem() != null));

        Note note = new Note("fuzz", 1, 1, null, text.length() > 5000 ? text.substring(0, 5000) : text, "fuzzer", "2026-12-01T00:00:00Z");
        Notes.Loaded back = Notes.parse(Notes.format(List.of(note)).getBytes(StandardCharsets.UTF_8), "round trip");
        assertFalse(back.damaged(), back.problem());
        assertEquals(List.of(note), back.notes(), "a note holds any text");

        try (Transcript t = Transcript.of("fuzz.txt", bytes)) {
            var parsed = TranscriptParser.parse(t);
            TranscriptAnalysis analysis = TranscriptAnalysis.of(parsed, RULES);
            ReportBuilder.Input input = new ReportBuilder.Input(org.crashscope.presentation.Presentation.of(analysis), t::line, t.lineCount(), List.of(note));
            String json = ReportFormat.JSON.write("fuzz.txt", input);
            JsonReader reader = new JsonReader(new java.io.StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            assertTrue(JsonParser.parseReader(reader).isJsonObject());
            String html = ReportFormat.HTML.write("fuzz.txt", input);
            assertTrue(Jsoup.parse(html).select("script, iframe, object, embed, [onerror], [onload]").isEmpty(), "no active content in the HTML report");
            if (markdown) {
                String md = ReportFormat.MARKDOWN.write("fuzz.txt", input);
                String rendered = HtmlRenderer.builder().build().render(Parser.builder().build().parse(md));
                var doc = Jsoup.parse(rendered);
                assertTrue(doc.select("script, iframe, object, embed, [onerror], [onload]").isEmpty(), "no active content from the Markdown report");
                assertTrue(doc.select("a").isEmpty(), "no link from the Markdown report");
            }
        }
    }
}
