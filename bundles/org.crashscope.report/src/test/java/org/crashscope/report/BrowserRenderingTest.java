package org.crashscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Renders the seed's HTML report in a real browser (Debian's headless chromium, installed by
 * releng/test.sh, which also sets CRASHSCOPE_REQUIRE_BROWSER so that a missing browser fails the
 * build there) to PNG and PDF, with the network out of reach.
 */
class BrowserRenderingTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void seedReportRendersToPngAndPdf() throws Exception {
        boolean required = System.getenv("CRASHSCOPE_REQUIRE_BROWSER") != null;
        if (!required) {
            assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (releng/test.sh installs it)");
        }
        assertTrue(Files.isExecutable(CHROMIUM), "chromium must be installed: " + CHROMIUM);
        Path out = Path.of(System.getProperty("crashscope.report.out", "target/report"));
        Files.createDirectories(out);
        Path html = out.resolve("seed-report.html");
        Files.writeString(html, ReportTest.render("seed-kcs-ghes-hugepage-gpf.txt", ReportFormat.HTML, ReportTest.NOTES));
        Path png = out.resolve("seed-report.png");
        Path pdf = out.resolve("seed-report.pdf");
        Files.deleteIfExists(png);
        Files.deleteIfExists(pdf);
        Path profile = Files.createTempDirectory("crashscope-chromium");
        try {
            List<String> common = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--hide-scrollbars",
                    "--user-data-dir=" + profile);
            // what Chromium made of the page: its DOM after loading (an error page or a blank one has none of this)
            String dom = output(concat(common, "--dump-dom", html.toUri().toString()));
            org.jsoup.nodes.Document rendered = org.jsoup.Jsoup.parse(dom);
            String text = rendered.text();
            for (String expected : List.of("ghes-hugepage-migration-gup-gpf", "0x10af886040", "0x2d49ef2228", "gup_pgd_range", "mov (%rbx),%r12", "CR2", "000055e478b5dfc0")) {
                assertTrue(text.contains(expected), "Chromium rendered " + expected + ": " + text.substring(0, Math.min(300, text.length())));
            }
            assertTrue(rendered.select("svg").size() >= 2, "the diagrams are inline SVG the browser parsed");
            run(concat(common, "--window-size=1280,2400", "--screenshot=" + png, html.toUri().toString()));
            run(concat(common, "--no-pdf-header-footer", "--print-to-pdf=" + pdf, html.toUri().toString()));
            assertTrue(Files.size(png) > 50_000, "a rendered page, not a blank one: " + Files.size(png));
            assertTrue(Files.size(pdf) > 20_000, "pdf: " + Files.size(pdf));
            byte[] head = Files.readAllBytes(pdf);
            assertEquals("%PDF", new String(head, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        } finally {
            // Chromium leaves its profile (caches, crash reports) in the folder: none is left behind
            try (java.util.stream.Stream<Path> files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    private static String output(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish: " + command);
        return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish: " + command);
    }
}
