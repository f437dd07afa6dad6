package org.crashscope.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs and folders a hostile user prepares on a shared machine: a device that never ends, a FIFO
 * whose writer goes silent, links planted where we write, escapes in the text. Each is refused or
 * made harmless, in words, and nothing is left behind.
 */
class HostileInputTest {

    @TempDir
    Path dir;

    private static void withProperty(String key, String value, ThrowingRunnable r) throws Exception {
        String old = System.getProperty(key);
        System.setProperty(key, value);
        try {
            r.run();
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void devZeroStopsAtTheSpoolLimitWithAMessageThatNamesItAndHowToRaiseIt() throws Exception {
        withProperty("crashscope.spoolLimit", "40m", () -> {
            IOException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(IOException.class,
                    () -> Transcript.open(Path.of("/dev/zero"))));
            assertTrue(e.getMessage().contains("spool limit of 40 MiB"), e.getMessage());
            assertTrue(e.getMessage().contains("--spool-limit") && e.getMessage().contains("CRASHSCOPE_SPOOL_LIMIT"), e.getMessage());
        });
        assertFalse(openSpools().findAny().isPresent(), "the spool is closed with the refusal");
    }

    @Test
    void theSpoolFileHasNoNameWhileItIsWrittenSoThatAKilledProcessLeavesNothing() throws Exception {
        List<String> seen = new java.util.ArrayList<>();
        try (ByteSource s = ByteSource.spool(out -> {
            out.write(new byte[ByteSource.SPOOL_IN_MEMORY + 1]);
            openSpools().forEach(seen::add);
        })) {
            assertEquals(ByteSource.SPOOL_IN_MEMORY + 1, s.size());
        }
        assertFalse(seen.isEmpty(), "spooled to a file");
        assertTrue(seen.stream().allMatch(t -> t.endsWith("(deleted)")), "unlinked as soon as it was open: " + seen);
    }

    /** The spool files this process holds open, as /proc names them. */
    private static Stream<String> openSpools() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return "";
                }
            }).filter(t -> t.contains("crashscope-") && t.contains(".spool")).toList().stream();
        }
    }

    @Test
    void aFifoWhoseWriterGoesSilentIsGivenUpAfterTheReadTimeout() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CountDownLatch release = new CountDownLatch(1);
        Thread writer = Thread.ofPlatform().daemon().start(() -> {
            try (OutputStream out = Files.newOutputStream(fifo, StandardOpenOption.WRITE)) {
                out.write("crash> bt\n".getBytes());
                out.flush();
                release.await();
            } catch (IOException | InterruptedException e) {
                // the reader gave up: the pipe broke
            }
        });
        try {
            withProperty("crashscope.readTimeoutSeconds", "1", () -> {
                IOException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(IOException.class, () -> Transcript.open(fifo)));
                assertTrue(e.getMessage().contains("read timeout") && e.getMessage().contains("CRASHSCOPE_READ_TIMEOUT"), e.getMessage());
            });
        } finally {
            release.countDown();
            writer.join(5000);
        }
    }

    @Test
    void aFifoWithoutAWriterIsReleasedWithoutCreatingOrTruncatingAnything() throws Exception {
        // the release opens the name for writing: had the FIFO been swapped for a link to a file, that file must stay whole
        Path victim = Files.writeString(dir.resolve("victim"), "victim");
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        withProperty("crashscope.fifoTimeoutSeconds", "1", () -> assertThrows(IOException.class, () -> Transcript.open(fifo)));
        assertEquals("victim", Files.readString(victim));
    }

    @Test
    void aNewFileIsNeverALinkPlantedAtItsName() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "victim");
        Path planted = Files.createSymbolicLink(dir.resolve("out"), victim);
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> SafeFiles.createNew(planted).close());
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> SafeFiles.createNew(dangling).close());
        assertFalse(Files.exists(dir.resolve("nowhere")), "a dangling link never creates its target");
        assertEquals("victim", Files.readString(victim));
    }

    @Test
    void anOutputThatIsAnInputADumpASessionFileOrNoRegularFileIsRefusedBeforeAnyWork() throws Exception {
        Path input = Files.writeString(dir.resolve("in.txt"), "crash> bt\n");
        Path elf = Files.write(dir.resolve("vmcore"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        Path kdump = Files.writeString(dir.resolve("dump.kdump"), "KDUMP   \u0001");
        Path flat = Files.writeString(dir.resolve("dump.flat"), "makedumpfile\u0000");
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertThrows(SafeFiles.Refused.class, () -> SafeFiles.checkOutput(input, input));
        assertThrows(SafeFiles.Refused.class, () -> SafeFiles.checkOutput(dir.resolve("sub/../in.txt"), input));
        assertThrows(SafeFiles.Refused.class, () -> SafeFiles.checkOutput(Files.createSymbolicLink(dir.resolve("alias"), input), input));
        for (Path dump : List.of(elf, kdump, flat)) {
            SafeFiles.Refused e = assertThrows(SafeFiles.Refused.class, () -> SafeFiles.checkOutput(dump, input));
            assertTrue(e.getMessage().contains("never overwritten"), e.getMessage());
        }
        assertThrows(SafeFiles.Refused.class, () -> SafeFiles.checkOutput(Files.createSymbolicLink(dir.resolve("r.html"), elf)));
        assertThrows(SafeFiles.Refused.class, () -> SafeFiles.checkOutput(dir.resolve("vmcore.crashscope-session.txt")));
        assertThrows(SafeFiles.Refused.class, () -> SafeFiles.checkOutput(dir.resolve("vmcore.crashscope-session.3.txt.ran")));
        assertThrows(SafeFiles.Refused.class, () -> SafeFiles.checkOutput(fifo));
        assertThrows(SafeFiles.Refused.class, () -> SafeFiles.checkOutput(dir));
        SafeFiles.checkOutput(dir.resolve("report.html"), input); // a new file
        SafeFiles.checkOutput(Files.writeString(dir.resolve("old.html"), "<html>"), input); // an old report of ours
        SafeFiles.checkOutput(Files.createSymbolicLink(dir.resolve("dangling.html"), dir.resolve("nowhere")), input); // replaced, not followed
    }

    @Test
    void aFifoOrADeviceIsNoDumpVmlinuxRulesOrNotesInput() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        SafeFiles.Refused e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(SafeFiles.Refused.class, () -> SafeFiles.requireRegularInput(fifo, "the dump")));
        assertTrue(e.getMessage().startsWith("the dump " + fifo + " is a FIFO, a device or a socket"), e.getMessage());
        assertThrows(SafeFiles.Refused.class, () -> SafeFiles.requireRegularInput(Path.of("/dev/zero"), "the vmlinux"));
        SafeFiles.requireRegularInput(Files.createSymbolicLink(dir.resolve("link"), Files.writeString(dir.resolve("f"), "x")), "the dump");
    }

    @Test
    void escapesFromTheInputReachNoTerminal() {
        String hostile = "CPU 3/KVM\u001b]52;c;ZWNobyBwd25lZA==\u0007 \u001b[2J\u009b31m \u202egnp.exe\r\tend\n";
        String safe = TerminalText.safe(hostile);
        assertFalse(safe.chars().anyMatch(c -> TerminalText.unsafe((char) c)), safe);
        assertEquals("CPU 3/KVM\\x1b]52;c;ZWNobyBwd25lZA==\\x07 \\x1b[2J\\x9b31m \\u202egnp.exe\\x0d\tend\n", safe);
        assertEquals("plain text\tkept\n", TerminalText.safe("plain text\tkept\n"));
    }

    @Test
    void sizesAreReadAsPeopleWriteThem() {
        assertEquals(2L << 30, Limits.parseSize("2g"));
        assertEquals(512L << 10, Limits.parseSize("512K"));
        assertEquals(64L << 20, Limits.parseSize("64MiB"));
        assertEquals(4096, Limits.parseSize("4096"));
        assertEquals(-1, Limits.parseSize("lots"));
        assertEquals("2 GiB", Limits.human(2L << 30));
    }
}
