package org.crashscope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.crashscope.fixtures.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dumps by their magic and their VMCOREINFO, on the head of a real dump (QEMU's dump-guest-memory
 * of Debian 12's kernel, kdump-zlib written flattened: the headers and notes, the pages cut off);
 * and how the vmlinux of a dump is found.
 */
class DumpTest {

    @TempDir
    Path dir;

    private static Path resource(String name) {
        try {
            return Path.of(DumpTest.class.getResource("/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path head() {
        return resource("dumps/both2m-head.kdump-flat");
    }

    @Test
    void aFlattenedKdumpIsRecognisedAndItsVmcoreinfoRead() throws Exception {
        Dump dump = Dump.of(head());
        assertEquals(Dump.Format.FLATTENED, dump.format());
        assertEquals("6.1.0-57-amd64", dump.release());
        assertEquals("6a2b4ac77585b8cf102cba771300e573c8489b69", dump.buildId());
        assertEquals("4096", dump.vmcoreinfo().get("PAGESIZE"));
        assertTrue(dump.vmcoreinfo().containsKey("KERNELOFFSET"), dump.vmcoreinfo().keySet().toString());
    }

    @Test
    void anElfCoreIsRecognisedByItsLoadSegmentsAndItsVmcoreinfoNote() throws Exception {
        // the head of QEMU's dump-guest-memory in ELF (a 1 GiB guest of the same kernel): headers, program headers, notes
        Dump dump = Dump.of(resource("dumps/qemu-elf-head.core"));
        assertEquals(Dump.Format.ELF_CORE, dump.format());
        assertEquals("6.1.0-57-amd64", dump.release());
        assertEquals("6a2b4ac77585b8cf102cba771300e573c8489b69", dump.buildId());
        assertEquals("4096", dump.vmcoreinfo().get("PAGESIZE"));
    }

    @Test
    void transcriptsAndOtherFilesAreNotDumps() throws Exception {
        assertNull(Dump.of(SharedFixtures.seed()));
        assertNull(Dump.of(Files.write(dir.resolve("empty"), new byte[0])));
        assertNull(Dump.of(Files.write(dir.resolve("elf"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0})), "an ELF too short to be a core");
        byte[] kdump = Files.readAllBytes(head());
        Path cut = Files.write(dir.resolve("cut"), java.util.Arrays.copyOf(kdump, 5000));
        Dump partial = Dump.of(cut);
        assertEquals(Dump.Format.FLATTENED, partial.format(), "a cut dump is still a dump");
        assertTrue(partial.vmcoreinfo().isEmpty(), "its VMCOREINFO is past the cut");
    }

    @Test
    void theVmlinuxIsFoundBesideTheDumpByRelease() throws Exception {
        Path dump = Files.copy(head(), dir.resolve("vmcore"));
        Dump d = Dump.of(dump);
        Vmlinux.Found none = Vmlinux.of(d);
        assertNull(none.vmlinux());
        assertTrue(none.lookedAt().contains(Path.of("/usr/lib/debug/boot/vmlinux-6.1.0-57-amd64")), none.lookedAt().toString());
        assertTrue(none.lookedAt().contains(Path.of("/usr/lib/debug/.build-id/6a/2b4ac77585b8cf102cba771300e573c8489b69.debug")));
        Path beside = Files.writeString(dir.resolve("vmlinux-6.1.0-57-amd64"), "...Linux version 6.1.0-57-amd64 (debian-kernel@lists.debian.org)...");
        assertEquals(beside, Vmlinux.of(d).vmlinux());
        assertEquals(Boolean.TRUE, Vmlinux.matches(beside, d));
        Path other = Files.writeString(dir.resolve("vmlinux-other"), "...Linux version 6.12.48+deb13-amd64 (debian-kernel@lists.debian.org)...");
        // a folder anyone can write: the vmlinux beside the dump may have been planted, and is not taken
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Vmlinux.Found shared = Vmlinux.of(d);
        assertNull(shared.vmlinux(), shared.toString());
        assertTrue(shared.refused().stream().anyMatch(r -> r.startsWith(beside + ": its folder") && r.contains("can be written by others")), shared.refused().toString());
        Files.setAttribute(dir, "unix:mode", 01777);
        assertEquals(beside, Vmlinux.of(d).vmlinux(), "the sticky bit keeps others from replacing a file of ours (as in /tmp)");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        assertEquals(Boolean.FALSE, Vmlinux.matches(other, d), "another release: caught before crash runs");
        assertNull(Vmlinux.matches(Files.writeString(dir.resolve("blob"), "no banner"), d), "cannot tell");
    }

    @Test
    void crashsFailuresAreSaidInWordsTheUserCanActOn() {
        assertTrue(Diagnose.startFailure("crash: vmlinux and vmcore do not match!").startsWith("the vmlinux and the vmcore do not match"));
        assertTrue(Diagnose.startFailure("crash: /tmp/x.ko: not a supported file format\n\nUsage:").startsWith("/tmp/x.ko is not a file crash reads"));
        assertTrue(Diagnose.startFailure("crash: /usr/lib/debug/boot/vmlinux: no debugging data available").contains("debug package"));
        String old = Diagnose.tooOld("crash 8.0.2\n...\nWARNING: active task ffff8d0580220000 on cpu 1 not found in PID hash\n     RELEASE: 6.1.0-57-amd64\n");
        assertTrue(old.startsWith("crash 8.0.2 is older than Linux 6.1 (VMAs in a maple tree since 6.1): crash 8.0.3 or later reads it "
                + "(Debian 13's crash 8.0.6, or CRASHSCOPE_CRASH=/path/to/crash)"), old);
        assertNull(Diagnose.tooOld("crash 8.0.6\n     RELEASE: 6.1.0-57-amd64\n"));
    }

    @Test
    void theGathererReadsPsAndVtopAsCrashPrintsThem() throws Exception {
        List<String> session = Files.readAllLines(SharedFixtures.path("vmcore/both2m-basic.txt"));
        List<Long> tasks = Gatherer.userTasks(session);
        assertTrue(tasks.contains(1L), "init");
        assertFalse(tasks.contains(2L), "kthreadd is a kernel thread");
        String vtop = String.join("\n", Files.readAllLines(SharedFixtures.path("vmcore/both2m-hugetlb.txt")).subList(88, 102));
        assertTrue(vtop.startsWith("VIRTUAL"), vtop);
        assertEquals(0x10902b000L, Gatherer.leafTable(vtop), "a 2 MB page: the PMD table");
        assertNull(Gatherer.leafTable("vtop: invalid user virtual address: 7f60c1205000  type: \"user virtual\""));
    }

    @Test
    void theTerminalIsReadAsItShows() {
        assertEquals("crash> bt", CrashProcess.screen("crash> bx\bt"));
        assertEquals("PID: 1", CrashProcess.screen("\u001b[?2004hPID: 1   \r\n").strip());
        assertEquals("abc", CrashProcess.screen("xyz\rabc"));
    }
}
