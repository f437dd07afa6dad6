package org.crashscope.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a transcript of one line shape, as crash prints it, to measure the scan and the parse per
 * shape: {@code java tests/org.crashscope.benchmarks/src/main/java/org/crashscope/benchmarks/Shapes.java SHAPE SIZE_MB OUT}
 * (a single-file program: the CLI benchmark needs no build), or {@link #write} from the JMH benchmarks. Shapes: log (kernel log
 * lines of ten kinds), kmem (uniform kmem -p rows), kmemp (kmem -p rows with a live machine's flags and mappings), slab (kmem -S:
 * caches, slabs and their free and [allocated] objects), rd (rd -64 rows of 2 MiB huge-page entries), bta (bt -a, an idle backtrace
 * per CPU), foreach (foreach bt: every task, kernel and module frames, user-mode register blocks), btff (bt -FF words with one cache
 * annotation), btffs (bt -FF words as crash prints them: numbers, symbol+offset, [object:cache]), vtop (vtop blocks), dis (one
 * instruction), disr (dis -l with source lines and instructions of every kind), prompts (empty crash prompts) and mixed (4 MiB of
 * log, kmemp, slab, rd, foreach, btffs, vtop and disr in turn).
 */
public final class Shapes {

    /** The shapes {@code mixed} takes turns with. */
    static final String[] SHAPES = {"log", "kmemp", "slab", "rd", "foreach", "btffs", "vtop", "disr"};

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: Shapes SHAPE SIZE_MB OUT   (SHAPE: log kmem kmemp slab rd bta foreach btff btffs vtop dis disr prompts mixed)");
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

    /** Kernel functions and the modules some are in, for traces and stack words. */
    private static final String[] KERNEL_FUNCTIONS = {"__schedule", "schedule", "schedule_timeout", "io_schedule", "wait_for_completion",
            "__mutex_lock.constprop.0", "rwsem_down_read_slowpath", "do_nanosleep", "hrtimer_nanosleep", "futex_wait_queue", "futex_wait",
            "do_futex", "__x64_sys_futex", "ep_poll", "do_epoll_wait", "__x64_sys_epoll_wait", "pipe_read", "vfs_read", "ksys_read",
            "do_sys_poll", "__x64_sys_poll", "worker_thread", "kthread", "ret_from_fork", "ret_from_fork_asm", "smpboot_thread_fn",
            "rcu_gp_kthread", "do_syscall_64", "entry_SYSCALL_64_after_hwframe", "xfs_buf_lock", "xfs_log_force", "jbd2_journal_commit_transaction"};
    private static final String[] MODULE_FUNCTIONS = {"nvme_poll_cq [nvme]", "xfs_iget [xfs]", "ext4_map_blocks [ext4]", "mlx5e_napi_poll [mlx5_core]",
            "nf_hook_slow [nf_tables]"};
    private static final String[] COMMANDS = {"systemd", "kworker/0:1", "rcu_sched", "sshd", "bash", "postgres", "java", "nginx", "containerd",
            "kthreadd", "jbd2/sda1-8", "xfsaild/dm-0", "irqbalance", "chronyd", "dbus-daemon"};
    private static final String[] SLAB_CACHES = {"kmalloc-32", "kmalloc-64", "kmalloc-192", "kmalloc-2k", "task_struct", "filp", "dentry",
            "inode_cache", "xfs_inode", "buffer_head", "radix_tree_node", "vm_area_struct", "anon_vma", "skbuff_head_cache"};
    private static final String[] LOG_MESSAGES = {"eth0: renamed from veth%04x; link becomes ready on port %d",
            "EXT4-fs (dm-%d): mounted filesystem %08x-1c2d-4e5f-8a9b-0c1d2e3f4a5b r/w with ordered data mode. Quota mode: none.",
            "audit: type=1400 audit(1767%06d.%03d:%d): apparmor=\"STATUS\" operation=\"profile_load\" profile=\"unconfined\"",
            "usb 1-%d: new high-speed USB device number %d using xhci_hcd",
            "systemd[1]: Started session-%d.scope - Session %d of User root.",
            "nvme nvme%d: %d/0/0 default/read/poll queues",
            "TCP: request_sock_TCP: Possible SYN flooding on port %d. Sending cookies.",
            "perf: interrupt took too long (%d > %d), lowering kernel.perf_event_max_sample_rate to 63000",
            "mlx5_core 0000:%02x:00.0: E-Switch: Total vports %d, per vport: max uc(128) max mc(2048)",
            "EDAC MC%d: 1 CE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#0 (channel:%d slot:0 page:0x1a2b3 offset:0x0 grain:32)"};
    private static final String[] FLAGS = {"uptodate,lru", "referenced,uptodate,lru,active", "reserved", "slab", "head,uptodate,dirty,lru",
            "locked,uptodate,lru,swapbacked", ""};
    private static final String[] INSTRUCTIONS = {"mov    0x%x(%%rbx),%%rax", "test   %%rax,%%rax", "je     0xffffffff8110%04x <do_idle+%d>", "call   0xffffffff8110%04x <tick_nohz_idle_enter>",
            "lea    0x%x(%%rip),%%rdi        # 0xffffffff82a1c3c0", "cmpl   $0x0,0x%x(%%rip)", "push   %%rbx", "xor    %%eax,%%eax", "nopl   0x0(%%rax,%%rax,1)",
            "mov    %%gs:0x%x,%%rax"};


    /**
     * {@code String.format} of the few conversions the shapes use ({@code %d %x %s %%} with a width, {@code -} and {@code 0}),
     * ten times faster: a gigabyte is written in a minute, not half an hour.
     */
    static String f(String format, Object... args) {
        StringBuilder b = new StringBuilder(format.length() + 32);
        int next = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                b.append(c);
                continue;
            }
            c = format.charAt(++i);
            if (c == '%') {
                b.append('%');
                continue;
            }
            boolean left = c == '-';
            boolean zero = c == '0';
            if (left || zero) {
                c = format.charAt(++i);
            }
            int width = 0;
            while (c >= '0' && c <= '9') {
                width = width * 10 + c - '0';
                c = format.charAt(++i);
            }
            Object arg = args[next++];
            String text = switch (c) {
                case 'x' -> Long.toHexString(((Number) arg).longValue() & (arg instanceof Integer ? 0xffffffffL : -1L));
                case 'd' -> Long.toString(((Number) arg).longValue());
                case 's' -> String.valueOf(arg);
                default -> throw new IllegalArgumentException("conversion %" + c);
            };
            int pad = width - text.length();
            if (!left) {
                b.repeat(zero ? '0' : ' ', Math.max(0, pad));
            }
            b.append(text);
            if (left) {
                b.repeat(' ', Math.max(0, pad));
            }
        }
        return b.toString();
    }

    private static String pick(String[] from, Random r) {
        return from[r.nextInt(from.length)];
    }

    private static void block(String shape, Counter out, long until, Random r) throws IOException {
        switch (shape) {
            case "log" -> {
                out.line("crash> log");
                for (long t = 0; out.bytes < until; t++) {
                    String message = LOG_MESSAGES[(int) (t % 7 == 0 ? r.nextInt(LOG_MESSAGES.length) : t % 3)];
                    out.line(f("[%5d.%06d] ", t / 1000, t % 1000 * 997)
                            + f(message, r.nextInt(65536), r.nextInt(48), r.nextInt(1000), r.nextInt(9000)));
                }
            }
            case "kmem" -> {
                out.line("crash> kmem -p");
                out.line("      PAGE        PHYSICAL      MAPPING       INDEX CNT FLAGS");
                for (long pfn = 0x100000; out.bytes < until; pfn++) {
                    out.line(f("%016x %9x %016x %8x  %d %x %s", 0xffffea0000000000L + pfn * 64, pfn << 12,
                            r.nextBoolean() ? 0L : 0xffff888100000000L + r.nextInt(1 << 24) * 8L, r.nextInt(4096), r.nextInt(3), 0x17ffffc0000000L,
                            r.nextBoolean() ? "uptodate,lru" : "reserved"));
                }
            }
            case "kmemp" -> {
                // the same rows as kmem, but flags and mappings as a live machine has them
                out.line("crash> kmem -p");
                out.line("      PAGE       PHYSICAL      MAPPING       INDEX CNT FLAGS");
                for (long pfn = 0x100000; out.bytes < until; pfn++) {
                    String flags = pick(FLAGS, r);
                    out.line(f("%016x %9x %16s %8x  %d %x%s", 0xffffea0000000000L + pfn * 64, pfn << 12,
                            r.nextInt(4) == 0 ? "0" : f("%016x", 0xffff888100000000L + r.nextInt(1 << 24) * 8L + (r.nextBoolean() ? 1 : 0)),
                            r.nextInt(1 << 20), r.nextInt(4), 0x17ffffc0000000L | (flags.isEmpty() ? 0 : 1L << r.nextInt(20)), flags.isEmpty() ? "" : " " + flags));
                }
            }
            case "slab" -> {
                // kmem -S: every cache, its slabs and their objects (allocated ones in brackets)
                out.line("crash> kmem -S");
                for (long cache = 0; out.bytes < until; cache++) {
                    String name = SLAB_CACHES[(int) (cache % SLAB_CACHES.length)];
                    int size = 32 << (int) (cache % 6);
                    int perSlab = Math.max(4, 4096 / size);
                    out.line("CACHE             OBJSIZE  ALLOCATED     TOTAL  SLABS  SSIZE  NAME");
                    out.line(f("%016x %8d %10d %9d %6d %5dk  %s", 0xffff888100044780L + cache * 0x100, size, r.nextInt(100000),
                            100000 + r.nextInt(100000), 300 + r.nextInt(1000), 4, name));
                    for (int slab = 0; slab < 4 && out.bytes < until; slab++) {
                        long memory = 0xffff888cc3ab1000L + (cache * 4 + slab) * 0x1000L;
                        int allocated = r.nextInt(perSlab);
                        out.line("  SLAB              MEMORY            NODE  TOTAL  ALLOCATED  FREE");
                        out.line(f("  %016x  %016x  %4d  %5d  %9d  %4d", 0xffffea00330eac40L + (cache * 4 + slab) * 64, memory, r.nextInt(8),
                                perSlab, allocated, perSlab - allocated));
                        out.line("  FREE / [ALLOCATED]");
                        for (int o = 0; o < perSlab; o++) {
                            long object = memory + (long) o * size;
                            out.line(r.nextInt(perSlab) < allocated ? f("  [%016x]", object) : f("   %016x", object));
                        }
                    }
                    out.line("");
                }
            }
            case "rd" -> {
                out.line("crash> rd -p -64 2d49ef2000 100000000");
                long a = 0x2d49ef2000L;
                for (long i = 0; out.bytes < until; i++) {
                    out.line(f("%x:  %016x %016x   ................", a + 16 * i, 0x80000000000008e7L + 2 * i * 0x200000,
                            0x80000000000008e7L + (2 * i + 1) * 0x200000));
                }
            }
            case "bta" -> {
                out.line("crash> bt -a");
                for (int cpu = 0; out.bytes < until; cpu++) {
                    out.line(f("PID: %-7d TASK: %016x  CPU: %-3d COMMAND: \"swapper/%d\"", 0, 0xffff888100000000L + cpu * 0x2000L,
                            cpu % 512, cpu % 512));
                    String[] fns = {"native_safe_halt", "default_idle", "default_idle_call", "do_idle", "cpu_startup_entry", "start_secondary",
                            "secondary_startup_64_no_verify"};
                    for (int f = 0; f < fns.length; f++) {
                        out.line(f(" #%d [%016x] %s at %016x", f, 0xffffc90000100000L + cpu * 0x4000L + f * 8,
                                fns[f], 0xffffffff81000000L + r.nextInt(1 << 24)));
                    }
                    out.line("");
                }
            }
            case "foreach" -> {
                // foreach bt: every task of a busy machine, some with an exception frame, some in a module
                out.line("crash> foreach bt");
                for (int pid = 1; out.bytes < until; pid++) {
                    long stack = 0xffffc90000100000L + pid * 0x4000L;
                    out.line(f("PID: %-7d  TASK: %016x  CPU: %-3d  COMMAND: \"%s\"", pid, 0xffff888100000000L + pid * 0x2c00L,
                            r.nextInt(64), pick(COMMANDS, r)));
                    int frames = 4 + r.nextInt(12);
                    for (int f = 0; f < frames; f++) {
                        boolean module = r.nextInt(10) == 0;
                        String fn = module ? pick(MODULE_FUNCTIONS, r) : pick(KERNEL_FUNCTIONS, r);
                        String name = module ? fn.substring(0, fn.indexOf(' ')) : fn;
                        String suffix = module ? fn.substring(fn.indexOf(' ')) : "";
                        out.line(f("%s#%d [%016x] %s at %016x%s", f < 10 ? " " : "", f, stack + f * 0x38, name,
                                (module ? 0xffffffffc0200000L : 0xffffffff81000000L) + r.nextInt(1 << 24), suffix));
                        if (f == frames - 2 && r.nextInt(3) == 0) {
                            out.line(f("    RIP: 00007f%010x  RSP: 00007ffd%08x  RFLAGS: 00000246", r.nextLong() & 0xffffffffffL,
                                    r.nextInt() & 0x7fffffff));
                            out.line(f("    RAX: ffffffffffffffda  RBX: %016x  RCX: 00007f%010x", r.nextInt(1 << 20),
                                    r.nextLong() & 0xffffffffffL));
                            out.line("    RDX: 0000000000000000  RSI: 0000000000000080  RDI: 000055d5c7a3e2a8");
                            out.line("    RBP: 0000000000000000   R8: 0000000000000000   R9: 0000000000000000");
                            out.line("    R10: 0000000000000000  R11: 0000000000000246  R12: 000055d5c7a3e280");
                            out.line("    R13: 0000000000000000  R14: 0000000000000000  R15: 0000000000000000");
                            out.line("    ORIG_RAX: 00000000000000ca  CS: 0033  SS: 002b");
                        }
                    }
                    out.line("");
                }
            }
            case "btff" -> {
                out.line("crash> bt -FF");
                out.line("PID: 1234     TASK: ffff888104a5c000  CPU: 1    COMMAND: \"stress\"");
                long sp = 0xffffc90000a3f000L;
                for (int f = 0; out.bytes < until; f++) {
                    out.line(f(" #%d [%016x] do_syscall_64 at ffffffff81a0b1c4", f, sp));
                    for (int w = 0; w < 8; w++, sp += 16) {
                        out.line(f("    %016x: %016x [kmalloc-192]    %016x", sp, 0xffff888104000000L + r.nextInt(1 << 20) * 64L,
                                0xffffffff81000000L + r.nextInt(1 << 24)));
                    }
                }
            }
            case "btffs" -> {
                // bt -FF as crash prints it: each word a number, a symbol+offset or [object:cache]
                out.line("crash> bt -FF");
                out.line("PID: 1234     TASK: ffff888104a5c000  CPU: 1    COMMAND: \"stress\"");
                long sp = 0xffffc90000a3f000L;
                for (int f = 0; out.bytes < until; f++) {
                    out.line(f("%s#%d [%016x] %s+%d at %016x", f < 10 ? " " : "", f, sp, pick(KERNEL_FUNCTIONS, r), r.nextInt(900),
                            0xffffffff81000000L + r.nextInt(1 << 24)));
                    int words = 2 + r.nextInt(12);
                    for (int w = 0; w < words; w += 2, sp += 16) {
                        out.line(f("    %016x: %s %s", sp + 8, word(r), word(r)));
                    }
                    sp += 8;
                }
            }
            case "vtop" -> {
                while (out.bytes < until) {
                    long va = 0x7f0000000000L + (r.nextLong() & 0xffffffff000L);
                    out.line(f("crash> vtop %x", va));
                    out.line("VIRTUAL     PHYSICAL");
                    out.line(f("%x  %x", va, 0x100000000L + (va & 0xfffffff)));
                    out.line("");
                    out.line("   PGD: 2d480567f0 => 2d49ef2067");
                    out.line("   PUD: 2d49ef2228 => 2d725f2067");
                    out.line("   PMD: 2d725f2ff0 => 2d41a92067");
                    out.line(f("   PTE: 2d41a92%03x => %x", (va >> 12 & 0x1ff) * 8, 0x8000000100000867L + (va & 0xffff000)));
                    out.line(f("  PAGE: %x", 0x100000000L + (va & 0xffff000)));
                    out.line("");
                    out.line("      PTE         PHYSICAL   FLAGS");
                    out.line(f("%x  %x  (PRESENT|RW|USER|ACCESSED|DIRTY|NX)", 0x8000000100000867L + (va & 0xffff000),
                            0x100000000L + (va & 0xffff000)));
                    out.line("");
                }
            }
            case "dis" -> {
                out.line("crash> dis -l do_idle 100000000");
                long ip = 0xffffffff81100000L;
                for (int i = 0; out.bytes < until; i++, ip += 4) {
                    out.line(f("0x%x <do_idle+%d>:\tmov    0x%x(%%rbx),%%rax", ip, i * 4, r.nextInt(4096)));
                }
            }
            case "disr" -> {
                // dis -rl: source lines between instructions of every kind
                out.line("crash> dis -l do_idle 100000000");
                long ip = 0xffffffff81100000L;
                for (int i = 0; out.bytes < until; i++) {
                    if (i % 6 == 0) {
                        out.line(f("/usr/src/debug/kernel-6.12.0/linux-6.12.0/kernel/sched/idle.c: %d", 250 + i % 300));
                    }
                    int length = 1 + r.nextInt(7);
                    String instruction = f(pick(INSTRUCTIONS, r), r.nextInt(4096), r.nextInt(900));
                    out.line(f("0x%x <do_idle+%d>:\t%s", ip, (int) (ip - 0xffffffff81100000L), instruction));
                    ip += length;
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

    /** A bt -FF stack word: a plain number, a symbol with its offset, or a slab object with its cache. */
    private static String word(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> f("%s+%d", pick(KERNEL_FUNCTIONS, r), r.nextInt(900));
            case 1 -> f("[%016x:%s]", 0xffff888104000000L + r.nextInt(1 << 20) * 64L, pick(SLAB_CACHES, r));
            default -> f("%016x", r.nextInt(3) == 0 ? 0L : r.nextLong() & 0xffffc9ffffffffffL);
        };
    }
}
