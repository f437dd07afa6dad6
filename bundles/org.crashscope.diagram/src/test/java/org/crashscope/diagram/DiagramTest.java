package org.crashscope.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.TranscriptParser;
import org.crashscope.arch.paging.PagingAnalysis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DiagramTest {

    private static PagingAnalysis seed;

    @BeforeAll
    static void analyse() throws IOException, URISyntaxException {
        try (Transcript t = Transcript.open(org.crashscope.fixtures.SharedFixtures.path(DiagramTest.class, "seed-kcs-ghes-hugepage-gpf.txt"))) {
            seed = PagingAnalysis.of(TranscriptParser.parse(t));
        }
    }

    private static Document parse(String svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed SVG: " + e.getMessage() + "\n" + svg, e);
        }
    }

    @Test
    void pageTableSvgHighlightsTheAnomalousSlotAndMarksTheWalkedOne() throws Exception {
        Diagram diagram = PageTableDiagram.of(seed.tables().get(0));
        Document svg = parse(SvgWriter.write(diagram));
        var xpath = XPathFactory.newInstance().newXPath();
        NodeList anomaly = (NodeList) xpath.evaluate("//g[@data-key='slot:0x45']/rect", svg, XPathConstants.NODESET);
        assertEquals(2, anomaly.getLength(), "the slot in the overview and its row");
        for (int i = 0; i < anomaly.getLength(); i++) {
            Element rect = (Element) anomaly.item(i);
            assertEquals("#fee2e2", rect.getAttribute("fill"));
            assertEquals("2", rect.getAttribute("stroke-width"));
        }
        String tooltip = xpath.evaluate("//g[@data-key='slot:0x45']/title", svg);
        assertTrue(tooltip.contains("expected 0x1080000000, found 0xf80000000"), tooltip);
        String leafFill = xpath.evaluate("//g[@data-key='slot:0x44']/rect/@fill", svg);
        assertEquals("#dbeafe", leafFill, "a 1 GiB leaf");
        String tableFill = xpath.evaluate("//g[@data-key='slot:0x49']/rect/@fill", svg);
        assertEquals("#dcfce7", tableFill, "a pointer to a PMD table");
        assertEquals(38 * 2, ((NodeList) xpath.evaluate("//g[starts-with(@data-key,'slot:')]", svg, XPathConstants.NODESET)).getLength());
        assertTrue(xpath.evaluate("string(//text[contains(.,'expected 0x1080000000')])", svg).contains("found 0xf80000000"));
        NodeList texts = (NodeList) xpath.evaluate("//text", svg, XPathConstants.NODESET);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < texts.getLength(); i++) {
            all.append(texts.item(i).getTextContent()).append(' ');
        }
        assertTrue(all.toString().contains("lack ACCESSED|DIRTY"), "the wrapped explanation goes on to the flags");
        assertEquals(0, ((NodeList) xpath.evaluate("//script|//*[@href]|//image", svg, XPathConstants.NODESET)).getLength());
    }

    @Test
    void walkDiagramShowsEveryStepAndTheAddressFields() throws Exception {
        var user = seed.walks().get(1);
        assertEquals(3, WalkDiagram.stepCount(user));
        Diagram diagram = WalkDiagram.of(user, 1);
        Document svg = parse(SvgWriter.write(diagram));
        var xpath = XPathFactory.newInstance().newXPath();
        assertEquals("#fef3c7", xpath.evaluate("//g[@data-key='step:1']/rect/@fill", svg), "the current step");
        String text = xpath.evaluate("string(/)", svg);
        assertTrue(text.contains("index 0x045"), text);
        assertTrue(text.contains("PAGE 0xf80000000 (1 GiB)"));
        assertTrue(text.contains("PHYSICAL 0xf88cdf000"));
        assertTrue(text.contains("table 0x2d48056000 (CR3)"));
        assertNotNull(diagram.box(WalkDiagram.key(2)));
        assertFalse(text.contains("mismatch"));
    }

    @Test
    void hostileTextIsEscaped() {
        String svg = SvgWriter.write(new Diagram("<script>alert(1)</script>", 10, 10,
                java.util.List.of(new Diagram.Text(0, 0, "\"><img onerror=x>\u0001", 10, 0, false, Diagram.Anchor.START, null))));
        parse(svg);
        assertFalse(svg.contains("<script>"));
        assertFalse(svg.contains("<img"));
    }

    @Test
    void drawingFiveHundredTwelveSlotsIsCheap() {
        // not a timing assertion: the layout of a full table must not depend on anything but the slots
        Diagram d = PageTableDiagram.of(seed.tables().get(0));
        assertTrue(d.shapes().size() < 512 + 38 * 10 + 40, "shapes: " + d.shapes().size());
        assertTrue(d.width() > 0 && d.height() > 0);
    }

    static String read(String name) {
        try {
            return java.nio.file.Files.readString(Path.of(DiagramTest.class.getResource(name).toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aWalkThatStopsBeforeAPageIsNotSaidToCheckOut() {
        String text = """
                crash> vtop -c 119 7f4240000000
                VIRTUAL     PHYSICAL
                7f4240000000  (not mapped)

                   PGD: 2009da7f0 => 201a3f067
                   PUD: 201a3f848 => 0

                crash> vtop -c 119 7f4200000000
                VIRTUAL     PHYSICAL
                7f4200000000  140000000

                   PGD: 2009da7f0 => 201a3f067
                   PUD: 201a3f840 => 80000001400000e7

                  PAGE       PHYSICAL      MAPPING       INDEX CNT FLAGS
                fffff2ca85000000 140000000 ffff8ed3c0c01d69        0  1 17ffffc0030004 uptodate,head
                """;
        PagingAnalysis paging;
        try (Transcript t = Transcript.of("walks", text.getBytes(StandardCharsets.UTF_8))) {
            paging = PagingAnalysis.of(TranscriptParser.parse(t));
        }
        var stopped = paging.walks().get(0);
        var mapped = paging.walks().get(1);
        assertFalse(WalkDiagram.verdict(stopped).contains("checks out"), WalkDiagram.verdict(stopped));
        assertTrue(WalkDiagram.verdict(stopped).contains("the walk stops (not mapped)"), WalkDiagram.verdict(stopped));
        assertTrue(WalkDiagram.verdict(mapped).contains("checks out") || !mapped.checks().isEmpty(), WalkDiagram.verdict(mapped));
    }
}
