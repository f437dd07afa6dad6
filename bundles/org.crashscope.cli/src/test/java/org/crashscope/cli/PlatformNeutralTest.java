package org.crashscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same transcript gives the same JSON on every platform: whatever its line ends (CRLF from a Windows editor or
 * mailer), wherever it lies (a folder with spaces and non-ASCII letters), whatever the JVM's default charset
 * (ISO-8859-1, or the C locale's ASCII) while its text is not ASCII.
 */
class PlatformNeutralTest {

    @TempDir
    Path dir;

    /** The seed with a command naming a task in German and Greek appended: text the JSON carries as it is (commands[].command). */
    private Path transcript(Path folder, String name, String lineEnd) throws Exception {
        String seed = Files.readString(org.crashscope.fixtures.SharedFixtures.path(PlatformNeutralTest.class, "seed-kcs-ghes-hugepage-gpf.txt"), StandardCharsets.UTF_8);
        String text = seed.strip() + "\ncrash> ps Grüße-αβγ\nps: invalid task or pid value: Grüße-αβγ\n";
        Files.createDirectories(folder);
        Path file = folder.resolve(name);
        Files.writeString(file, text.replace("\r\n", "\n").replace("\n", lineEnd), StandardCharsets.UTF_8);
        return file;
    }

    private static String analyze(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run("analyze", file.toString(), "--format", "json");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCrlfTranscriptGivesTheJsonOfItsLfTwin() throws Exception {
        String lf = analyze(transcript(dir.resolve("lf"), "session.txt", "\n"));
        String crlf = analyze(transcript(dir.resolve("crlf"), "session.txt", "\r\n"));
        assertTrue(lf.contains("\"command\": \"bt -FFls\""), lf);
        assertEquals(lf, crlf);
        assertTrue(!crlf.contains("\\r"), "no carriage return reaches the JSON");
    }

    @Test
    void aTranscriptInAFolderWithSpacesAndNonAsciiLettersIsRead() throws Exception {
        String plain = analyze(transcript(dir.resolve("plain"), "session.txt", "\n"));
        Path odd = dir.resolve("Fälle mit Leerzeichen").resolve("Kunde Ωmega");
        String named = analyze(transcript(odd, "sitzung vom März é.txt", "\n"));
        assertTrue(named.contains("\"file\": \"sitzung vom März é.txt\""), named);
        assertEquals(plain, named.replace("sitzung vom März é.txt", "session.txt"));
        assertTrue(plain.contains("\"command\": \"ps Grüße-αβγ\""), "the command's text as it is");
    }

    @Test
    void theJsonIsByteIdenticalUnderALatin1OrAsciiDefaultCharset() throws Exception {
        Path file = transcript(dir.resolve("cases"), "session.txt", "\n");
        byte[] utf8 = cli(file, List.of("-Dfile.encoding=UTF-8"), Map.of("LC_ALL", "C.UTF-8"));
        byte[] latin1 = cli(file, List.of("-Dfile.encoding=ISO-8859-1", "-Dstdout.encoding=ISO-8859-1", "-Dsun.stdout.encoding=ISO-8859-1"), Map.of("LC_ALL", "C.UTF-8"));
        byte[] ascii = cli(file, List.of(), Map.of("LC_ALL", "C", "LANG", "C"));
        assertTrue(new String(utf8, StandardCharsets.UTF_8).contains("\"command\": \"ps Grüße-αβγ\""), "the JSON carries the text in UTF-8");
        assertArrayEquals(utf8, latin1, "-Dfile.encoding=ISO-8859-1 changes nothing");
        assertArrayEquals(utf8, ascii, "LANG=C changes nothing");
    }

    /** The CLI in a JVM of its own (the default charset is fixed when a JVM starts), on this test's class path. */
    private byte[] cli(Path file, List<String> jvm, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.crashscope.cli.Main", "analyze", file.toString(), "--format", "json"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        Path out = dir.resolve("out-" + System.nanoTime() + ".json");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the CLI ends");
        assertEquals(0, p.exitValue());
        return Files.readAllBytes(out);
    }
}
