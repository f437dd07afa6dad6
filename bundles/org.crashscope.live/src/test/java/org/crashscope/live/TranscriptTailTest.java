package org.crashscope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A growing transcript read a piece at a time gives the text the whole file holds, whatever its pieces cut. */
class TranscriptTailTest {

    @TempDir
    Path dir;

    @Test
    void whatIsAppendedIsReadOnceAndACutCharacterWaitsForItsRest() throws Exception {
        Path file = dir.resolve("vmcore.crashscope-session.txt");
        TranscriptTail tail = new TranscriptTail(file);
        assertEquals(new TranscriptTail.Added(false, ""), tail.next(), "no file yet");
        String whole = "crash> sys\n      KERNEL: vmlinux \u2014 caf\u00e9 \ud83d\udc27\ncrash> bt\nPID: 1\n";
        byte[] bytes = whole.getBytes(StandardCharsets.UTF_8);
        StringBuilder shown = new StringBuilder();
        // every cut of the file in two: each character's bytes cut at every place
        for (int cut = 0; cut <= bytes.length; cut++) {
            Files.write(file, java.util.Arrays.copyOfRange(bytes, 0, cut));
            tail = new TranscriptTail(file);
            shown.setLength(0);
            shown.append(tail.next().text());
            Files.write(file, java.util.Arrays.copyOfRange(bytes, cut, bytes.length), StandardOpenOption.APPEND);
            TranscriptTail.Added rest = tail.next();
            assertFalse(rest.anew());
            shown.append(rest.text());
            assertEquals(whole, shown.toString(), "cut at byte " + cut);
            assertEquals("", tail.next().text(), "nothing added since");
        }
    }

    @Test
    void aFileShorterThanWhatWasReadIsReadAnew() throws Exception {
        Path file = dir.resolve("t.txt");
        Files.writeString(file, "crash> log\nline one\nline two\n");
        TranscriptTail tail = new TranscriptTail(file);
        tail.next();
        Files.writeString(file, "crash> sys\n");
        TranscriptTail.Added again = tail.next();
        assertTrue(again.anew());
        assertEquals("crash> sys\n", again.text());
    }

    @Test
    void bytesThatAreNotUtf8ReadAsReplacementCharacters() throws Exception {
        Path file = dir.resolve("t.txt");
        Files.write(file, new byte[] {'a', (byte) 0xff, 'b', '\n'});
        assertEquals("a\ufffdb\n", new TranscriptTail(file).next().text());
    }
}
