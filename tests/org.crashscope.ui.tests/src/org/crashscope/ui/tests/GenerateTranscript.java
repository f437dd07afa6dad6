package org.crashscope.ui.tests;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a realistic large crash transcript for benchmarks: a long `log` with an oops and GHES
 * records buried in it, `bt -a` over hundreds of CPUs, big `rd` and `kmem -p` outputs, vtop walks.
 * The large-file workbench test writes one too. Usage (a single-file program, no build needed):
 * java tests/org.crashscope.ui.tests/src/org/crashscope/ui/tests/GenerateTranscript.java OUT SIZE_MB [SEED]
 */
public final class GenerateTranscript {

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: GenerateTranscript OUT SIZE_MB [SEED]");
            System.exit(2);
        }
        write(Path.of(args[0]), Long.parseLong(args[1]) << 20, args.length > 2 ? Long.parseLong(args[2]) : 1);
    }

    /** Writes at least {@code target} bytes of transcript to {@code out}, the same for the same {@code seed}. */
    public static void write(Path out, long target, long seed) throws IOException {
        Random random = new Random(seed);
        String[] messages = {"EXT4-fs (dm-0): mounted filesystem with ordered data mode. Opts: (null)",
                "IPv6: ADDRCONF(NETDEV_UP): eth0: link is not ready", "kvm: zapping shadow pages for mmio generation wraparound",
                "perf: interrupt took too long (2503 > 2500), lowering kernel.perf_event_max_sample_rate to 79000",
                "nvme nvme0: I/O 123 QID 4 timeout, completion polled", "audit: type=1400 audit(1699999999.123:456): apparmor=\"STATUS\"",
                "device-mapper: uevent: version 1.0.3", "NMI watchdog: Enabled. Permanently consumes one hw-PMU counter."};
        String[] functions = {"schedule", "__schedule", "do_syscall_64", "entry_SYSCALL_64_after_hwframe", "do_idle", "cpu_startup_entry",
                "native_safe_halt", "__x64_sys_ioctl", "kvm_vcpu_ioctl", "vcpu_enter_guest", "io_schedule", "wait_for_completion"};
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            long written = 0;
            double ts = 12.0;
            int round = 0;
            while (written < target) {
                StringBuilder b = new StringBuilder(1 << 20);
                b.append("crash> log\n");
                for (int i = 0; i < 60_000; i++) {
                    ts += random.nextDouble() * 0.01;
                    b.append(String.format("[%12.6f] %s%n", ts, messages[random.nextInt(messages.length)]));
                }
                if (round % 4 == 0) {
                    b.append(String.format("[%12.6f] {1}[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: 4%n", ts));
                    b.append(String.format("[%12.6f] {1}[Hardware Error]: event severity: corrected%n", ts));
                    b.append(String.format("[%12.6f] {1}[Hardware Error]:   physical_address: 0x%016x%n", ts, 0x1000000000L + random.nextInt(1 << 30)));
                    b.append(String.format("[%12.6f] general protection fault: 0000 [#1] SMP NOPTI%n", ts + 0.009));
                    b.append(String.format("[%12.6f] CPU: 56 PID: 20191 Comm: CPU 3/KVM Kdump: loaded Tainted: G I 4.18.0-305.34.2.el8_4.x86_64 #1%n", ts));
                    b.append(String.format("[%12.6f] RIP: 0010:gup_pgd_range+0x24c/0xc50%n", ts));
                    b.append(String.format("[%12.6f] Code: 48 89 44 24 58 <4c> 8b 23 4d 8d ae 00 00 20 00%n", ts));
                    b.append(String.format("[%12.6f] RAX: 00007f1148cdffff RBX: 000f98136ffff230 RCX: ffff981580000230%n", ts));
                }
                b.append("\ncrash> bt -a\n");
                for (int cpu = 0; cpu < 384; cpu++) {
                    b.append(String.format("PID: %-6d TASK: ffff8881%08x  CPU: %-3d COMMAND: \"worker/%d\"%n", 1000 + cpu, random.nextInt(), cpu, cpu));
                    long sp = 0xffffc90000000000L + ((long) cpu << 16);
                    for (int f = 0; f < 8; f++) {
                        b.append(String.format(" #%d [%016x] %s at ffffffff81%06x%n", f, sp + f * 0x58, functions[random.nextInt(functions.length)],
                                random.nextInt(1 << 24)));
                    }
                    b.append('\n');
                }
                b.append("crash> rd -64 ffff888100000000 4096\n");
                for (int i = 0; i < 2048; i++) {
                    b.append(String.format("ffff8881%08x:  %016x %016x   ................%n", i * 16, random.nextLong(), random.nextLong()));
                }
                b.append("\ncrash> kmem -p\n      PAGE         PHYSICAL      MAPPING       INDEX CNT FLAGS\n");
                for (int i = 0; i < 4096; i++) {
                    b.append(String.format("ffffea00%08x %x ffff8881%08x %8d  1 17ffffc0000000 uptodate,lru%n", i * 64, (long) i << 12,
                            random.nextInt(), i));
                }
                b.append("\ncrash> vtop 7f1148cdf000\nVIRTUAL     PHYSICAL\n7f1148cdf000  f88cdf000\n\n   PGD: 2d480567f0 => 2d49ef2067\n"
                        + "   PUD: 2d49ef2228 => 8000000f80000887\n  PAGE: f80000000  (1GB)\n\n");
                byte[] chunk = b.toString().getBytes(StandardCharsets.UTF_8);
                w.write(b.toString());
                written += chunk.length;
                round++;
            }
        }
    }
}
