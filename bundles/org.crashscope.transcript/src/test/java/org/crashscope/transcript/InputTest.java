package org.crashscope.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.crashscope.transcript.model.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever the input is, a stream, another encoding, a file that shrinks, a line of megabytes: it is read, and said how. */
class InputTest {

    private static final String TEXT = "crash> bt\nPID: 1  TASK: ffff8a7580223080  CPU: 1  COMMAND: \"init\"\n #0 [ffffcebbc0013cc8] panic at ffffffff99001f99\n";

    private static String messages(Transcript t) {
        return String.join("\n", t.diagnostics().stream().map(Diagnostic::message).toList());
    }

    @Test
    void standardInputIsReadWhole() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(TEXT.getBytes(StandardCharsets.UTF_8)));
            try (Transcript t = Transcript.open(Path.of("-"))) {
                assertEquals(3, t.lineCount());
                assertEquals("crash> bt", t.line(1));
                assertTrue(messages(t).contains("standard input"), messages(t));
            }
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aFifoIsReadFromItsWriterAndOneWithoutAWriterTimesOut(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Thread writer = Thread.ofPlatform().start(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(TEXT.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (Transcript t = Transcript.open(fifo)) {
            assertEquals(3, t.lineCount());
            assertTrue(messages(t).contains("not a regular file"), messages(t));
        }
        writer.join();
        System.setProperty("crashscope.fifoTimeoutSeconds", "1");
        try {
            IOException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(IOException.class, () -> Transcript.open(fifo)));
            assertTrue(e.getMessage().contains("nothing writes to"), e.getMessage());
        } finally {
            System.clearProperty("crashscope.fifoTimeoutSeconds");
        }
    }

    @Test
    void aFifoWhoseWriterGoesSilentIsGivenUpAfterTheReadTimeoutThoughTheWriterStaysOpen(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread writer = Thread.ofPlatform().daemon().start(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write("crash> bt\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                release.await(); // open and silent: a blocked read of the pipe is not ended by closing the stream
            } catch (IOException | InterruptedException e) {
                // the reader gave up: what the test wanted
            }
        });
        System.setProperty("crashscope.readTimeoutSeconds", "1");
        try {
            long t0 = System.nanoTime();
            IOException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(IOException.class, () -> Transcript.open(fifo)));
            assertTrue(e.getMessage().contains("the read timeout") && e.getMessage().contains("CRASHSCOPE_READ_TIMEOUT"), e.getMessage());
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos(), "given up after the read timeout, not when the writer closes");
        } finally {
            System.clearProperty("crashscope.readTimeoutSeconds");
            release.countDown();
            writer.join(5_000);
        }
    }

    @Test
    void aProcFileThatTellsNoSizeIsReadAsAStream() throws Exception {
        try (Transcript t = Transcript.open(Path.of("/proc/self/status"))) {
            assertTrue(t.lineCount() > 5);
            assertTrue(t.line(1).startsWith("Name:"), t.line(1));
            assertTrue(messages(t).contains("tells no size"), messages(t));
        }
    }

    @Test
    void utf16AndUtf32AreDecodedByTheirMarkOrTheirNulBytes(@TempDir Path dir) throws Exception {
        for (String charset : List.of("UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32BE", "UTF-32LE")) {
            Path f = Files.write(dir.resolve(charset + ".txt"), TEXT.getBytes(Charset.forName(charset)));
            try (Transcript t = Transcript.open(f)) {
                assertEquals(3, t.lineCount(), charset);
                assertEquals("crash> bt", t.line(1), charset);
                assertEquals(1, t.blocks().size(), charset);
                assertTrue(messages(t).startsWith("decoded from UTF-"), charset + ": " + messages(t));
            }
        }
        Path bom = Files.write(dir.resolve("bom8.txt"), ("\uFEFF" + TEXT).getBytes(StandardCharsets.UTF_8));
        try (Transcript t = Transcript.open(bom)) {
            assertEquals("crash> bt", t.line(1), "a UTF-8 byte-order mark is no part of line 1");
        }
    }

    @Test
    void textThatIsNotUtf8IsReadAsLatin1(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("latin.txt"), "crash> log\n[ 1.0] caf\u00e9 au lait\n".getBytes(StandardCharsets.ISO_8859_1));
        try (Transcript t = Transcript.open(f)) {
            assertEquals("[ 1.0] caf\u00e9 au lait", t.line(2));
            assertEquals(StandardCharsets.ISO_8859_1, t.charset());
            assertTrue(messages(t).contains("Latin-1"), messages(t));
            assertEquals(2, t.diagnostics().get(0).line(), "the first line that is not UTF-8");
        }
    }

    @Test
    void aFileThatShrinksWhileItIsReadGivesWhatWasReadAndSaysSo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("shrinks.txt");
        Files.writeString(f, TEXT.repeat(20_000));
        try (Transcript t = Transcript.open(f)) {
            int lines = t.lineCount();
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.setLength(1000);
            }
            assertEquals("", t.line(lines), "the lines past the new end are empty, never a fault");
            assertEquals(10, t.lines(lines - 9, lines).size());
            assertTrue(messages(t).contains("shrank"), messages(t));
        }
    }

    @Test
    void aLineOfMegabytesIsReadUpToALimitAndSaidSo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("long.txt");
        Files.writeString(f, "crash> log\n" + "x".repeat(3 << 20) + "\nend\n");
        try (Transcript t = Transcript.open(f)) {
            assertEquals(3, t.lineCount());
            assertEquals(LineIndex.MAX_LINE, t.line(2).length());
            assertEquals("end", t.line(3));
            assertTrue(messages(t).contains("line 2 is 3,145,728 bytes long"), messages(t));
        }
    }

    @Test
    void theHeadOfAFileReadsAsTheWholeDoesItsLastCutLineLeftOut() throws Exception {
        String text = TEXT + "crash> log\n[    1.000000] r\u00e9sum\u00e9 of a line cut here";
        Charset utf16 = Charset.forName("UTF-16LE");
        String whole = TEXT + "crash> log\n";
        assertEquals(whole, Transcript.headText(text.getBytes(StandardCharsets.UTF_8)), "UTF-8: the whole lines");
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] marked = java.util.Arrays.copyOf(bom, 3 + text.getBytes(StandardCharsets.UTF_8).length);
        System.arraycopy(text.getBytes(StandardCharsets.UTF_8), 0, marked, 3, marked.length - 3);
        assertEquals(whole, Transcript.headText(marked), "a UTF-8 byte-order mark is no text");
        byte[] wide = ("\ufeff" + text).getBytes(utf16);
        assertEquals(whole, Transcript.headText(java.util.Arrays.copyOf(wide, wide.length - 1)), "UTF-16 by its mark, a code unit cut at the end");
        String latin = "crash> log\n[    1.000000] caf\u00e9\n[    2.000000] cut";
        assertEquals("crash> log\n[    1.000000] caf\u00e9\n", Transcript.headText(latin.getBytes(StandardCharsets.ISO_8859_1)), "not UTF-8: Latin-1");
        String accented = TEXT + "[    1.000000] caf\u00e9\n";
        byte[] cutInACharacter = java.util.Arrays.copyOf((accented + "\u00e9t\u00e9").getBytes(StandardCharsets.UTF_8), accented.getBytes(StandardCharsets.UTF_8).length + 1);
        assertEquals(accented, Transcript.headText(cutInACharacter), "a character the head cuts is no sign of Latin-1");
        assertEquals("x".repeat(100), Transcript.headText("x".repeat(100).getBytes(StandardCharsets.US_ASCII)), "no newline: the beginning of the line");
        byte[] oneLineCut = java.util.Arrays.copyOf("caf\u00e9 caf\u00e9".getBytes(StandardCharsets.UTF_8), 10);
        assertEquals("caf\u00e9 caf", Transcript.headText(oneLineCut), "no newline, a character cut at the end: UTF-8 still, the cut character left out");
        byte[] utf32 = ("\ufeff" + accented).getBytes(Charset.forName("UTF-32BE"));
        assertEquals(accented, Transcript.headText(utf32), "UTF-32 by its mark");
        byte[] noMark = accented.getBytes(Charset.forName("UTF-16BE"));
        assertEquals(accented, Transcript.headText(noMark), "UTF-16 by its NUL bytes");
        assertEquals("", Transcript.headText(new byte[0]));
    }

    @Test
    void aUtf8FileCutInItsLastCharacterIsUtf8AllTheSame(@TempDir Path dir) throws Exception {
        byte[] text = "crash> log\n[ 1.0] \u2022 caf\u00e9 au lait \u2022".getBytes(StandardCharsets.UTF_8);
        Path f = Files.write(dir.resolve("cut.txt"), java.util.Arrays.copyOf(text, text.length - 1)); // (written while read, or cut short)
        try (Transcript t = Transcript.open(f)) {
            assertEquals(StandardCharsets.UTF_8, t.charset(), messages(t));
            assertTrue(t.line(2).startsWith("[ 1.0] \u2022 caf\u00e9 au lait "), t.line(2));
        }
        Path latin = Files.write(dir.resolve("latin-end.txt"), "crash> log\n[ 1.0] caf\u00e9 au lait\n".getBytes(StandardCharsets.ISO_8859_1));
        try (Transcript t = Transcript.open(latin)) {
            assertEquals(StandardCharsets.ISO_8859_1, t.charset(), "a byte that is not UTF-8 before the end still makes it Latin-1");
        }
    }
}
