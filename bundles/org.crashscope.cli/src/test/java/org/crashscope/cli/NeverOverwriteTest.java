package org.crashscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report writer never writes the transcript or its notes, by any path, and never through a planted link. */
class NeverOverwriteTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    private static Path seed(Path dir) throws Exception {
        return Files.copy(org.crashscope.fixtures.SharedFixtures.path(NeverOverwriteTest.class, "seed-kcs-ghes-hugepage-gpf.txt"), dir.resolve("in.txt"));
    }

    @Test
    void aLinkToTheTranscriptIsTheTranscript(@TempDir Path dir) throws Exception {
        Path in = seed(dir);
        byte[] before = Files.readAllBytes(in);
        Files.createSymbolicLink(dir.resolve("alias.txt"), in.getFileName());
        assertEquals(2, run("report", dir.resolve("alias.txt").toString(), "-o", in.toString(), "--format", "html"));
        Path folder = Files.createDirectory(dir.resolve("real"));
        Path inside = Files.copy(in, folder.resolve("in.txt"));
        Files.createSymbolicLink(dir.resolve("dirlink"), folder);
        assertEquals(2, run("report", inside.toString(), "-o", dir.resolve("dirlink/in.txt").toString(), "--format", "html"));
        assertArrayEquals(before, Files.readAllBytes(in));
        assertArrayEquals(before, Files.readAllBytes(inside));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("will not write the report over the transcript"), err.toString());
    }

    @Test
    void theNotesOfTheTranscriptAreNeverTheReport(@TempDir Path dir) throws Exception {
        Path in = seed(dir);
        assertEquals(2, run("report", in.toString(), "-o", dir.resolve("in.txt.crashscope.json").toString(), "--format", "html"));
        assertFalse(Files.exists(dir.resolve("in.txt.crashscope.json")), "not even a new one");
        Files.writeString(dir.resolve("in.txt.crashscope.json"), "{\"format\": \"crashscope-notes/1\", \"notes\": []}");
        assertEquals(2, run("report", in.toString(), "-o", dir.resolve("in.txt.crashscope.json").toString(), "--format", "html"));
        assertTrue(Files.readString(dir.resolve("in.txt.crashscope.json")).startsWith("{\"format\""));
    }

    @Test
    void aPlantedTemporaryLinkIsNeverWrittenThrough(@TempDir Path dir) throws Exception {
        Path in = seed(dir);
        Path victim = Files.writeString(dir.resolve("victim.txt"), "victim");
        Files.createSymbolicLink(dir.resolve(".out.html.tmp"), victim.getFileName());
        assertEquals(0, run("report", in.toString(), "-o", dir.resolve("out.html").toString()));
        assertEquals("victim", Files.readString(victim));
        assertFalse(Files.isSymbolicLink(dir.resolve("out.html")));
        assertTrue(Files.readString(dir.resolve("out.html")).startsWith("<!DOCTYPE html>"));
        try (var files = Files.list(dir)) {
            assertEquals(4, files.count(), "in.txt, victim.txt, the planted link and out.html: no temporary file left");
        }
    }

    @Test
    void aLinkAtTheTargetIsReplacedNotWrittenThrough(@TempDir Path dir) throws Exception {
        Path in = seed(dir);
        Path victim = Files.writeString(dir.resolve("victim.txt"), "victim");
        Files.createSymbolicLink(dir.resolve("out.html"), victim.getFileName());
        assertEquals(0, run("report", in.toString(), "-o", dir.resolve("out.html").toString()));
        assertEquals("victim", Files.readString(victim));
        assertFalse(Files.isSymbolicLink(dir.resolve("out.html")));
    }

    @Test
    void damagedNotesAreReportedAndTheReportIsStillWritten(@TempDir Path dir) throws Exception {
        Path in = seed(dir);
        Files.write(dir.resolve("in.txt.crashscope.json"), "{\"notes\": [{\"text\": \"caf\u00e9 \\uZZZZ\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(0, run("report", in.toString(), "-o", dir.resolve("r.md").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("notes:"), err.toString());
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("Exception"), err.toString());
    }
}
