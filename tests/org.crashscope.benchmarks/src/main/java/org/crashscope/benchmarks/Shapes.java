package org.crashscope.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a transcript of one line shape, as crash prints it, to measure the scan and the parse per
 * shape: {@code java tests/org.crashscope.benchmarks/src/main/java/org/crashscope/benchmarks/Shapes.java SHAPE SIZE_MB OUT}
 * (a single-file program: the CLI benchmark needs no build), or {@link #write} from the JMH benchmarks. Shapes: log (kernel log lines),
 * kmem (kmem -p rows), rd (rd -64 rows of 2 MiB huge-page entries), bta (bt -a, a backtrace per
 * CPU), btff (bt -FF stack words with symbols and slab objects), vtop (vtop blocks), dis (dis
 * lines), prompts (empty crash prompts) and mixed (all of them in turn).
 */
public final class Shapes {

    /** The shapes {@code mixed} takes turns with. */
    static final String[] SHAPES = {"log", "kmem", "rd", "bta", "btff", "vtop", "dis"};

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: Shapes SHAPE SIZE_MB OUT   (SHAPE: log kmem rd bta btff vtop dis prompts mixed)");
            System.exit(2);
        }
        write(args[0], Long.parseLong(args[1]) << 20, Path.of(args[2]));
    }

    /** Writes about {@code bytes} bytes of shape {@code shape} to {@code file}, the same bytes for the same arguments. */
    public static void write(String shape, long bytes, Path file) throws IOException {
        Random random = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("      KERNEL: /usr/lib/debug/lib/modules/6.1.0-37-amd64/vmlinux\n    DUMPFILE: vmcore\n        CPUS: 512\n"
                    + "     RELEASE: 6.1.0-37-amd64\n     MACHINE: x86_64  (2000 Mhz)\n       PANIC: \"Kernel panic - not syncing: sysrq triggered crash\"\n\n");
            Counter written = new Counter(out);
            long round = 0;
            while (written.bytes < bytes) {
                String s = shape.equals("mixed") ? SHAPES[(int) (round++ % SHAPES.length)] : shape;
                long until = shape.equals("mixed") ? Math.min(bytes, written.bytes + (4L << 20)) : bytes;
                block(s, written, until, random);
            }
        }
    }

    /** Counts what it writes. */
    private static final class Counter {
        final BufferedWriter out;
        long bytes;
        long lines;

        Counter(BufferedWriter out) {
            this.out = out;
        }

        void line(String s) throws IOException {
            out.write(s);
            out.write('\n');
            bytes += s.length() + 1;
            lines++;
        }
    }

    private static void block(String shape, Counter out, long until, Random r) throws IOException {
        switch (shape) {
            case "log" -> {
                out.line("crash> log");
                for (long t = 0; out.bytes < until; t++) {
                    out.line(String.format(Locale.ROOT, "[%5d.%06d] eth0: renamed from veth%04x; link becomes ready on port %d", t / 1000, t % 1000 * 997,
                            r.nextInt(65536), r.nextInt(48)));
                }
            }
            case "kmem" -> {
                out.line("crash> kmem -p");
                out.line("      PAGE        PHYSICAL      MAPPING       INDEX CNT FLAGS");
                for (long pfn = 0x100000; out.bytes < until; pfn++) {
                    out.line(String.format(Locale.ROOT, "%016x %9x %016x %8x  %d %x %s", 0xffffea0000000000L + pfn * 64, pfn << 12,
                            r.nextBoolean() ? 0L : 0xffff888100000000L + r.nextInt(1 << 24) * 8L, r.nextInt(4096), r.nextInt(3), 0x17ffffc0000000L,
                            r.nextBoolean() ? "uptodate,lru" : "reserved"));
                }
            }
            case "rd" -> {
                out.line("crash> rd -p -64 2d49ef2000 100000000");
                long a = 0x2d49ef2000L;
                for (long i = 0; out.bytes < until; i++) {
                    out.line(String.format(Locale.ROOT, "%x:  %016x %016x   ................", a + 16 * i, 0x80000000000008e7L + 2 * i * 0x200000,
                            0x80000000000008e7L + (2 * i + 1) * 0x200000));
                }
            }
            case "bta" -> {
                out.line("crash> bt -a");
                for (int cpu = 0; out.bytes < until; cpu++) {
                    out.line(String.format(Locale.ROOT, "PID: %-7d TASK: %016x  CPU: %-3d COMMAND: \"swapper/%d\"", 0, 0xffff888100000000L + cpu * 0x2000L,
                            cpu % 512, cpu % 512));
                    String[] fns = {"native_safe_halt", "default_idle", "default_idle_call", "do_idle", "cpu_startup_entry", "start_secondary",
                            "secondary_startup_64_no_verify"};
                    for (int f = 0; f < fns.length; f++) {
                        out.line(String.format(Locale.ROOT, " #%d [%016x] %s at %016x", f, 0xffffc90000100000L + cpu * 0x4000L + f * 8,
                                fns[f], 0xffffffff81000000L + r.nextInt(1 << 24)));
                    }
                    out.line("");
                }
            }
            case "btff" -> {
                out.line("crash> bt -FF");
                out.line("PID: 1234     TASK: ffff888104a5c000  CPU: 1    COMMAND: \"stress\"");
                long sp = 0xffffc90000a3f000L;
                for (int f = 0; out.bytes < until; f++) {
                    out.line(String.format(Locale.ROOT, " #%d [%016x] do_syscall_64 at ffffffff81a0b1c4", f, sp));
                    for (int w = 0; w < 8; w++, sp += 16) {
                        out.line(String.format(Locale.ROOT, "    %016x: %016x [kmalloc-192]    %016x", sp, 0xffff888104000000L + r.nextInt(1 << 20) * 64L,
                                0xffffffff81000000L + r.nextInt(1 << 24)));
                    }
                }
            }
            case "vtop" -> {
                while (out.bytes < until) {
                    long va = 0x7f0000000000L + (r.nextLong() & 0xffffffff000L);
                    out.line(String.format(Locale.ROOT, "crash> vtop %x", va));
                    out.line("VIRTUAL     PHYSICAL");
                    out.line(String.format(Locale.ROOT, "%x  %x", va, 0x100000000L + (va & 0xfffffff)));
                    out.line("");
                    out.line("   PGD: 2d480567f0 => 2d49ef2067");
                    out.line("   PUD: 2d49ef2228 => 2d725f2067");
                    out.line("   PMD: 2d725f2ff0 => 2d41a92067");
                    out.line(String.format(Locale.ROOT, "   PTE: 2d41a92%03x => %x", (va >> 12 & 0x1ff) * 8, 0x8000000100000867L + (va & 0xffff000)));
                    out.line(String.format(Locale.ROOT, "  PAGE: %x", 0x100000000L + (va & 0xffff000)));
                    out.line("");
                    out.line("      PTE         PHYSICAL   FLAGS");
                    out.line(String.format(Locale.ROOT, "%x  %x  (PRESENT|RW|USER|ACCESSED|DIRTY|NX)", 0x8000000100000867L + (va & 0xffff000),
                            0x100000000L + (va & 0xffff000)));
                    out.line("");
                }
            }
            case "dis" -> {
                out.line("crash> dis -l do_idle 100000000");
                long ip = 0xffffffff81100000L;
                for (int i = 0; out.bytes < until; i++, ip += 4) {
                    out.line(String.format(Locale.ROOT, "0x%x <do_idle+%d>:\tmov    0x%x(%%rbx),%%rax", ip, i * 4, r.nextInt(4096)));
                }
            }
            case "prompts" -> {
                while (out.bytes < until) {
                    out.line("crash> ");
                }
            }
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        }
    }
}
