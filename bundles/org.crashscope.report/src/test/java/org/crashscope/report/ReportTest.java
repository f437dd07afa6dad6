package org.crashscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.crashscope.analysis.TranscriptAnalysis;
import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.TranscriptParser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.crashscope.report.notes.Note;
import org.crashscope.report.notes.Notes;

/** The seed's report in each format, read back with real parsers (jsoup, gson): sections and values, not snapshots. */
class ReportTest {

    static final List<Note> NOTES = List.of(new Note("n1", 225, 225, "slot:0x45", "Out of sequence: this is the poisoned page's slot.", "analyst",
            "2026-11-25T12:00:00Z"));

    static String render(String fixture, ReportFormat format, List<Note> notes) throws Exception {
        try (Transcript t = Transcript.open(org.crashscope.fixtures.SharedFixtures.path(ReportTest.class, fixture))) {
            TranscriptAnalysis analysis = TranscriptAnalysis.of(TranscriptParser.parse(t));
            return format.write(fixture, new ReportBuilder.Input(org.crashscope.presentation.Presentation.of(analysis), t::line, t.lineCount(), notes));
        }
    }

    @Test
    void htmlHasTheDiagnosisFirstThenTheEvidenceSections() throws Exception {
        Document html = Jsoup.parse(render("seed-kcs-ghes-hugepage-gpf.txt", ReportFormat.HTML, NOTES));
        List<String> sections = html.select("main > section").eachAttr("id");
        assertEquals(List.of("case", "diagnosis", "hardware-errors", "oops", "backtrace", "walks", "tables", "notes", "excerpts"), sections);
        Element diagnosis = html.getElementById("diagnosis");
        assertTrue(diagnosis.text().contains("ghes-hugepage-migration-gup-gpf"));
        assertTrue(diagnosis.text().contains("kernel-4.18.0-348.el8, kernel-4.18.0-305.91.1.el8_4"));
        assertTrue(diagnosis.text().contains("ghes.disable=y"));
        assertTrue(diagnosis.text().contains("older than the fix"));
        assertEquals(9, diagnosis.select("ol.chain > li").size(), "eight steps from the error to the instruction, then the kind of crash");
        assertTrue(html.getElementById("oops").select("tr.hl").text().contains("=> mov (%rbx),%r12"), "the trapping instruction is highlighted");
        assertTrue(html.getElementById("oops").text().contains("NOT canonical"));
        Element stack = html.getElementById("backtrace");
        assertTrue(stack.select("tr.hl").text().contains("saved rbx"));
        assertTrue(stack.text().contains("return address into internal_get_user_pages_fast"));
        Element tables = html.getElementById("tables");
        assertEquals(2, tables.select("svg g[data-key=slot:0x45] rect[fill=#fee2e2]").size(), "the anomalous slot is red in the diagram");
        assertTrue(tables.text().contains("expected 0x1080000000, found 0xf80000000"));
        assertEquals(2, html.getElementById("walks").select("svg").size());
        assertTrue(html.getElementById("notes").text().contains("Out of sequence"));
        Element excerpts = html.getElementById("excerpts");
        assertTrue(excerpts.select("span.mark").stream().anyMatch(s -> s.text().startsWith("225") && s.text().contains("8000000f80000887")));
        assertTrue(html.select("script, link, img, iframe, object, [src]").isEmpty(), "self-contained: nothing to fetch or run");
        assertTrue(html.select("[href]").stream().allMatch(a -> a.attr("href").startsWith("#")), "links only within the report");
        // every citation goes to its line in the excerpts, and each cited line back to a citation
        var cites = html.select("a[href^=#L]");
        assertTrue(cites.size() > 20, "citations are links: " + cites.size());
        for (Element a : cites) {
            assertNotNull(html.getElementById(a.attr("href").substring(1)), a.attr("href"));
        }
        assertNotNull(html.getElementById("L225"), "the anomalous slot's line");
        for (Element back : html.select("a.back")) {
            assertNotNull(html.getElementById(back.attr("href").substring(1)), back.attr("href"));
        }
        assertTrue(html.select("#excerpts a.back").size() >= 5);
        Element oops = html.getElementById("oops");
        assertTrue(oops.text().contains("CR2 000055e478b5dfc0") && oops.text().contains("CR3 0000002d48056001"), "every register of the oops");
        assertFalse(oops.select("table.mono").text().contains("add byte ptr"), "nothing garbled before the trapping instruction");
        assertTrue(html.select("meta[http-equiv=Content-Security-Policy]").attr("content").contains("default-src 'none'"));
    }

    @Test
    void markdownHasTheSameSectionsAndTables() throws Exception {
        String md = render("seed-kcs-ghes-hugepage-gpf.txt", ReportFormat.MARKDOWN, NOTES);
        for (String heading : List.of("## Summary and diagnosis", "## Hardware errors", "## Oops and faulting instruction", "## Backtrace and annotated stack",
                "## Page-table walks", "## Page-table dumps", "## Analyst notes", "## Transcript excerpts")) {
            assertTrue(md.contains("\n" + heading + "\n") || md.contains("\n" + heading + " "), heading);
        }
        assertTrue(md.contains("| **Fixed in** | kernel-4.18.0-348.el8, kernel-4.18.0-305.91.1.el8_4 |"), md.substring(0, 2000));
        assertTrue(md.contains("**`=> mov (%rbx),%r12`**"), "the trapping instruction in AT&T syntax, marked");
        assertTrue(md.contains("gup_pgd_range") && !md.contains("gup\\_pgd"), "kernel names as the kernel writes them");
        assertTrue(md.contains("| **Kernel** | 4.18.0-305"), "no escaped dot in a table cell");
        assertTrue(md.contains(">  225  "), "the cited line is marked in the excerpt");
    }

    @Test
    void jsonIsTheCliContractPlusNotes() throws Exception {
        JsonObject json = JsonParser.parseString(render("seed-kcs-ghes-hugepage-gpf.txt", ReportFormat.JSON, NOTES)).getAsJsonObject();
        assertEquals("ghes-hugepage-migration-gup-gpf", json.getAsJsonArray("diagnoses").get(0).getAsJsonObject().get("id").getAsString());
        assertEquals("slot:0x45", json.getAsJsonArray("notes").get(0).getAsJsonObject().get("target").getAsString());
        assertEquals(5, json.getAsJsonArray("commands").size());
    }

    @Test
    void hostileTranscriptBecomesInertText() throws Exception {
        String html = render("hostile.txt", ReportFormat.HTML, List.of(new Note("n", 2, 2, null, "<script>alert('note')</script>", null, null)));
        Document doc = Jsoup.parse(html);
        assertTrue(doc.select("script, img, iframe, object, embed, [onerror], [onload], [src]").isEmpty(), "no active markup");
        assertTrue(doc.select("[href]").stream().allMatch(a -> a.attr("href").matches("#(L|c)\\d+")), "only the report's own citation links");
        assertEquals(1, doc.select("style").size(), "only the report's own stylesheet");
        assertTrue(doc.text().contains("<script>alert(\"pwned\")</script>"), "shown as text");
        assertFalse(html.contains("\u0001") || html.contains("\u001b"), "control characters dropped");
        assertTrue(html.length() < 1_000_000, "the 5 MB line is cut in excerpts: " + html.length());

        String md = render("hostile.txt", ReportFormat.MARKDOWN, List.of());
        // inside fenced excerpts the transcript is shown literally (GitHub/GitLab never interpret code blocks); outside, nothing is markup
        String outsideCode = md.replaceAll("(?s)```text\n.*?\n```\n", "");
        assertFalse(outsideCode.contains("<script>"), "no raw HTML in Markdown");
        assertFalse(outsideCode.contains("](javascript:"), "no links from the transcript");
        assertTrue(md.contains("```text\n"), "the excerpts are fenced");
    }

    @Test
    void notesSurviveTheSidecarRoundTripWrittenAtomically(@TempDir Path dir) throws IOException {
        Path transcript = Files.writeString(dir.resolve("t.txt"), "crash> bt\n");
        Path sidecar = Notes.sidecar(transcript);
        assertEquals("t.txt.crashscope.json", sidecar.getFileName().toString());
        List<Note> notes = List.of(NOTES.get(0), new Note("n2", 1, 1, null, "quotes \" and \\ and\nnewlines", "me", "now"));
        Notes.write(sidecar, notes);
        assertEquals(notes, Notes.read(sidecar));
        assertEquals("crash> bt\n", Files.readString(transcript), "the transcript is never written");
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void theReportOpensWithTheCaseTheAnalystTheDateAndTheTool() throws Exception {
        try (org.crashscope.transcript.Transcript t = org.crashscope.transcript.Transcript.open(
                org.crashscope.fixtures.SharedFixtures.path(ReportTest.class, "seed-kcs-ghes-hugepage-gpf.txt"))) {
            var analysis = org.crashscope.analysis.TranscriptAnalysis.of(org.crashscope.transcript.parse.TranscriptParser.parse(t));
            var meta = new ReportBuilder.Meta("03512345", "A. Analyst", "2026-12-01T12:00:00Z", "0.1.0", org.crashscope.arch.x86.Disassembler.Syntax.INTEL);
            Document html = Jsoup.parse(ReportFormat.HTML.write("seed.txt", new ReportBuilder.Input(org.crashscope.presentation.Presentation.of(analysis), t::line, t.lineCount(), List.of(), meta)));
            String head = html.getElementById("case").text();
            for (String expected : List.of("Case 03512345", "Analyst A. Analyst", "Date 2026-12-01T12:00:00Z", "Written by Crashscope 0.1.0",
                    "general protection fault in gup_pgd_range (general-protection-fault, line 123)")) {
                assertTrue(head.contains(expected), expected + " in " + head);
            }
            assertTrue(html.getElementById("oops").text().contains("mov r12, qword ptr [rbx]"), "Intel when asked");
        }
    }
}
