package org.crashscope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.crashscope.fixtures.FakeCrash;
import org.crashscope.transcript.SafeFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dumps a hostile user made: headers whose offsets, counts and sizes lie, VMCOREINFO values that
 * would choose files outside the debug folders, FIFOs as the dump or the vmlinux. Each is refused
 * or read for what it holds, quickly and without an exception.
 */
class HostileDumpTest {

    @TempDir
    Path dir;

    static byte[] elfCore(String info) {
        return FakeCrash.elfCore(info);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static Dump quickly(Path file) {
        return assertTimeoutPreemptively(Duration.ofSeconds(2), () -> Dump.of(file), "refused quickly");
    }

    @Test
    void aWellFormedCoreIsReadSoTheDamagedOnesBelowDifferOnlyInTheirDamage() throws Exception {
        Dump dump = quickly(write("core", elfCore("OSRELEASE=6.1.0-57-amd64\nBUILD-ID=6a2b4ac7\nPAGESIZE=4096\n")));
        assertEquals(Dump.Format.ELF_CORE, dump.format());
        assertEquals("6.1.0-57-amd64", dump.release());
        assertEquals("6a2b4ac7", dump.buildId());
        assertTrue(dump.problems().isEmpty());
    }

    @Test
    void aNegativeProgramHeaderOffsetIsNoDump() throws Exception {
        byte[] core = elfCore("OSRELEASE=6.1.0\n");
        ByteBuffer.wrap(core).order(ByteOrder.LITTLE_ENDIAN).putLong(32, -64);
        assertNull(quickly(write("core", core)));
    }

    @Test
    void aNegativeOrHugeNoteOffsetLeavesTheVmcoreinfoEmpty() throws Exception {
        for (long offset : new long[] {-1, Long.MIN_VALUE, Long.MAX_VALUE - 8, 1L << 40}) {
            byte[] core = elfCore("OSRELEASE=6.1.0\n");
            ByteBuffer.wrap(core).order(ByteOrder.LITTLE_ENDIAN).putLong(64 + 8, offset);
            Dump dump = quickly(write("core", core));
            assertNotNull(dump, "its PT_LOAD still makes it a core");
            assertTrue(dump.vmcoreinfo().isEmpty(), "offset " + offset);
        }
    }

    @Test
    void aNoteNameSizeOfNearlyTwoGigabytesEndsTheNotes() throws Exception {
        for (int namesz : new int[] {0x7ffffffe, 0x7fffffff, -1, -12}) {
            byte[] core = elfCore("OSRELEASE=6.1.0\n");
            ByteBuffer.wrap(core).order(ByteOrder.LITTLE_ENDIAN).putInt(64 + 112, namesz);
            assertTrue(quickly(write("core", core)).vmcoreinfo().isEmpty(), "namesz " + namesz);
            ByteBuffer.wrap(core).order(ByteOrder.LITTLE_ENDIAN).putInt(64 + 112, 11).putInt(64 + 116, namesz);
            assertTrue(quickly(write("core", core)).vmcoreinfo().isEmpty(), "descsz " + namesz);
        }
    }

    @Test
    void aProgramHeaderTableLargerThanTheFileIsNotReadAtAll() throws Exception {
        byte[] core = java.util.Arrays.copyOf(elfCore("OSRELEASE=6.1.0\n"), 4096);
        ByteBuffer.wrap(core).order(ByteOrder.LITTLE_ENDIAN).putShort(54, (short) 0x8000).putShort(56, (short) 0xffff);
        long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertNull(quickly(write("core", core)));
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertTrue(after - heap < (64 << 20), "no table of 2 GiB allocated: " + (after - heap));
    }

    @Test
    void aReleaseOrBuildIdThatIsAPathIsIgnoredAndSaid() throws Exception {
        Dump dump = quickly(write("core", elfCore("OSRELEASE=../../../../tmp/evil\nBUILD-ID=xx/tmp/evil\nPAGESIZE=4096\n")));
        assertNull(dump.release());
        assertNull(dump.buildId());
        assertEquals(2, dump.problems().size(), dump.problems().toString());
        assertTrue(dump.problems().get(0).contains("OSRELEASE"), dump.problems().toString());
        Vmlinux.Found found = Vmlinux.of(dump);
        assertTrue(found.lookedAt().stream().allMatch(p -> p.startsWith("/usr/lib/debug") || p.startsWith(dir)), found.lookedAt().toString());
        assertTrue(found.lookedAt().stream().noneMatch(p -> p.toString().contains("evil")), found.lookedAt().toString());
    }

    @Test
    void aReleaseWithEscapesIsIgnoredAndItsWordsCannotDriveATerminal() throws Exception {
        Dump dump = quickly(write("core", elfCore("OSRELEASE=6.1\u001b]52;c;ZXZpbA==\u0007\u001b[2J\n")));
        assertNull(dump.release());
        assertTrue(dump.problems().get(0).contains("\\x1b]52"), dump.problems().toString());
        assertTrue(dump.problems().get(0).chars().noneMatch(c -> c == 0x1b || c == 7));
    }

    @Test
    void aFifoIsNoDumpAndNoVmlinuxAndIsRefusedBeforeItIsOpened() throws Exception {
        Path fifo = dir.resolve("vmcore");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        SafeFiles.Refused e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(SafeFiles.Refused.class, () -> Dump.of(fifo)));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        Dump dump = Dump.of(write("core", elfCore("OSRELEASE=6.1.0-57-amd64\n")));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(SafeFiles.Refused.class, () -> Vmlinux.matches(fifo, dump)));
        assertThrows(SafeFiles.Refused.class, () -> Dump.of(Path.of("/dev/zero")));
    }

    @Test
    void aFlattenedRecordPastTheFileOrAtAHugeOffsetIsNotFollowed() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(4096 + 16 * 3 + 64).order(ByteOrder.BIG_ENDIAN);
        b.put("makedumpfile".getBytes(StandardCharsets.ISO_8859_1));
        b.position(4096);
        b.putLong(0).putLong(Long.MAX_VALUE); // a record of 8 EiB
        assertTrue(quickly(write("flat", b.array())).vmcoreinfo().isEmpty());
        b.position(4096);
        b.putLong(Long.MAX_VALUE - 4).putLong(64);
        assertTrue(quickly(write("flat", b.array())).vmcoreinfo().isEmpty());
    }
}
