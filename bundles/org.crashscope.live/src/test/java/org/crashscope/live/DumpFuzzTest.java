package org.crashscope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.crashscope.fixtures.FakeCrash;
import org.junit.jupiter.api.Test;

/**
 * A mutation fuzzer over the dump readers, seeded with real headers: the ELF core QEMU wrote, the
 * flattened kdump makedumpfile wrote, the kdump-compressed file those records make, and a small
 * core with a VMCOREINFO note. Mutations aim at the fields that hurt: 2-, 4- and 8-byte fields
 * set to edge values (negative, 0x7ffffffe, the file's size), bytes flipped, the file cut or
 * grown. Every input must be read (a dump or not) without an exception, in bounded time and
 * memory, and what it yields must have its shape (a release and build id that choose no path).
 * The build runs a short seeded regression; {@code -Dfuzz.tries=1000000} runs a real campaign and
 * prints its rate.
 */
class DumpFuzzTest {

    private static final Pattern RELEASE = Pattern.compile("[0-9A-Za-z._+-]{1,64}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final long[] EDGES = {0, -1, 1, 0x7ffffffeL, 0x7fffffffL, 0x80000000L, 0xffffffffL, 0xffffL, 0x8000L, Long.MIN_VALUE,
            Long.MAX_VALUE, Long.MAX_VALUE - 8, 56, 64, 4096, 1L << 32, -64};

    private static byte[] resource(String name) throws Exception {
        return Files.readAllBytes(Path.of(DumpFuzzTest.class.getResource("/" + name).toURI()));
    }

    /** The kdump-compressed file a flattened stream describes: each record's bytes put at its offset (the first 64 KiB). */
    static byte[] unflatten(byte[] flat) {
        byte[] out = new byte[64 << 10];
        ByteBuffer b = ByteBuffer.wrap(flat).order(ByteOrder.BIG_ENDIAN);
        int at = 4096;
        int end = 0;
        while (at + 16 <= flat.length) {
            long offset = b.getLong(at);
            long size = b.getLong(at + 8);
            if (offset < 0 || size < 0 || at + 16 + size > flat.length) {
                break;
            }
            if (offset + size <= out.length) {
                System.arraycopy(flat, at + 16, out, (int) offset, (int) size);
                end = Math.max(end, (int) (offset + size));
            }
            at += 16 + (int) size;
        }
        return Arrays.copyOf(out, end);
    }

    @Test
    void theSeedsAreWhatTheyClaim() throws Exception {
        assertEquals(Dump.Format.ELF_CORE, read(resource("dumps/qemu-elf-head.core")).format());
        assertEquals(Dump.Format.FLATTENED, read(resource("dumps/both2m-head.kdump-flat")).format());
        Dump kdump = read(unflatten(resource("dumps/both2m-head.kdump-flat")));
        assertEquals(Dump.Format.KDUMP_COMPRESSED, kdump.format());
        assertEquals("6.1.0-57-amd64", kdump.release(), "the kdump-compressed seed has its VMCOREINFO");
    }

    private static Dump read(byte[] bytes) throws Exception {
        return Dump.of(Path.of("/nowhere/vmcore"), new Dump.Bytes(bytes));
    }

    @Test
    void mutatedHeadersAreReadWithoutAnExceptionQuicklyAndYieldOnlyShapedValues() throws Exception {
        int tries = Integer.getInteger("crashscope.fuzz.tries", 2000);
        long seed = Long.getLong("crashscope.fuzz.seed", 20261207L);
        byte[][] seeds = {resource("dumps/qemu-elf-head.core"), resource("dumps/both2m-head.kdump-flat"),
                unflatten(resource("dumps/both2m-head.kdump-flat")), FakeCrash.elfCore("OSRELEASE=6.1.0-57-amd64\nBUILD-ID=6a2b4ac7\n")};
        for (byte[] s : seeds) {
            assertNotNull(read(s));
        }
        SplittableRandom random = new SplittableRandom(seed);
        long start = System.nanoTime();
        long slowest = 0;
        int dumps = 0;
        int withInfo = 0;
        for (int i = 0; i < tries; i++) {
            byte[] input = mutate(seeds[i % seeds.length], random);
            long t0 = System.nanoTime();
            Dump dump;
            try {
                dump = read(input);
            } catch (Exception | Error e) {
                Path kept = Files.write(Files.createTempFile("crashscope-dump-fuzz-", ".bin"), input);
                fail("input " + i + " (kept in " + kept + "): " + e, e);
                return;
            }
            slowest = Math.max(slowest, System.nanoTime() - t0);
            if (dump != null) {
                dumps++;
                if (!dump.vmcoreinfo().isEmpty()) {
                    withInfo++;
                }
                assertTrue(dump.release() == null || RELEASE.matcher(dump.release()).matches(), dump.release());
                assertTrue(dump.buildId() == null || HEX.matcher(dump.buildId()).matches(), dump.buildId());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("dump fuzz: %,d inputs in %.1f s (%,.0f/s), %,d read as dumps, %,d with VMCOREINFO, slowest %.1f ms%n", tries, seconds,
                tries / seconds, dumps, withInfo, slowest / 1e6);
        assertTrue(slowest < 2_000_000_000L, "no input takes seconds: " + slowest / 1e6 + " ms");
    }

    /** One to four mutations, most of them on a field of the headers. */
    static byte[] mutate(byte[] seed, SplittableRandom random) {
        byte[] b = seed.clone();
        int n = 1 + random.nextInt(4);
        for (int k = 0; k < n; k++) {
            int choice = random.nextInt(10);
            if (b.length < 16) {
                break;
            }
            if (choice < 5) { // a field set to an edge value, aligned, in either byte order
                int width = new int[] {2, 4, 8}[random.nextInt(3)];
                int at = random.nextInt(Math.max(1, b.length - width)) & ~(width - 1);
                long v = random.nextInt(4) == 0 ? b.length + random.nextInt(-64, 64) : EDGES[random.nextInt(EDGES.length)];
                ByteBuffer buf = ByteBuffer.wrap(b).order(random.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                switch (width) {
                    case 2 -> buf.putShort(at, (short) v);
                    case 4 -> buf.putInt(at, (int) v);
                    default -> buf.putLong(at, v);
                }
            } else if (choice < 8) { // bytes flipped
                b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
            } else if (choice == 8) { // cut
                b = Arrays.copyOf(b, random.nextInt(b.length));
            } else { // grown by a copy of a part of itself
                int from = random.nextInt(b.length);
                int len = random.nextInt(Math.min(512, b.length - from) + 1);
                byte[] grown = Arrays.copyOf(b, b.length + len);
                System.arraycopy(b, from, grown, b.length, len);
                b = grown;
            }
        }
        return b;
    }
}
