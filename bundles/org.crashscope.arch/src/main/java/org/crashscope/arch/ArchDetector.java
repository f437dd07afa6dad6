package org.crashscope.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Annotation;
import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.DumpRows;
import org.crashscope.transcript.model.Frame;
import org.crashscope.transcript.model.MemoryDump;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.SysInfo;
import org.crashscope.transcript.model.Walk;
import org.crashscope.transcript.model.WalkLevel;
import org.crashscope.transcript.parse.ParsedTranscript;

/**
 * Decides the architecture of a transcript from what it shows, strongest evidence first: crash's
 * {@code MACHINE:} (banner or {@code sys}), the kernel release's suffix, the register names of an
 * oops or an exception frame, the flag and level names crash prints in vtop, and the width of
 * stack addresses. The first tier that names an architecture decides; the evidence says which
 * line and why. Nothing shown, nothing decided.
 */
public final class ArchDetector {

    private static final Pattern RELEASE_SUFFIX = Pattern.compile(
            "(?:[.-])(x86_64|amd64|i686|i586|i386|686(?:-pae)?|aarch64|arm64|ppc64le|ppc64el|ppc64|s390x|riscv64|loongarch64|loong64|mips64(?:r\\d)?(?:el)?)(?:[+.-].*)?$");
    private static final Set<String> X86_FLAGS = Set.of("RW", "PSE", "NX", "PWT", "PCD", "PAT", "PROTNONE");
    private static final Set<String> ARM64_FLAGS = Set.of("AF", "PXN", "UXN", "NG", "SHARED", "RDONLY", "PROT_NONE");
    private static final Set<String> LOONGARCH_FLAGS = Set.of("PLV", "NO_EXEC", "NO_READ", "RPLV", "MAT");
    private static final Set<String> MIPS_FLAGS = Set.of("MODIFIED", "NO_READ", "NO_EXEC");
    private static final Set<String> RISCV_FLAGS = Set.of("READ", "EXEC", "SOFT");
    private static final Set<String> S390X_LEVELS = Set.of("RFTE", "RSTE", "RTTE", "STE");
    private static final Set<String> LOONGARCH_SEGMENTS = Set.of("xuvrange", "xkprange", "xkvrange", "xsprange", "xkpseg");
    private static final Set<String> MIPS_SEGMENTS = Set.of("useg", "kseg0", "kseg1", "kseg2", "kseg3", "sseg", "xuseg", "xsseg", "xkphys",
            "xkseg", "ckseg0", "ckseg1", "cksseg", "ckseg3");

    private ArchDetector() {
    }

    /** The architecture of {@code parsed}, or {@link ArchFacts#UNKNOWN}. */
    public static ArchFacts detect(ParsedTranscript parsed) {
        for (Tier tier : List.<Tier>of(ArchDetector::machine, ArchDetector::release, ArchDetector::registers, ArchDetector::walks,
                ArchDetector::machineChecks, ArchDetector::stacks, ArchDetector::disassembly, ArchDetector::dumps, ArchDetector::bareWalks)) {
            ArchFacts facts = tier.decide(parsed);
            if (facts != null) {
                return facts;
            }
        }
        return ArchFacts.UNKNOWN;
    }

    /** An architecture decided by the user (a setting), which overrides what the text shows. */
    public static ArchFacts override(Arch arch) {
        return new ArchFacts(arch, "set by the user", 0);
    }

    private interface Tier {
        ArchFacts decide(ParsedTranscript parsed);
    }

    private static ArchFacts machine(ParsedTranscript parsed) {
        for (SysInfo s : parsed.sysInfos()) {
            String machine = s.get("MACHINE");
            if (machine != null) {
                String name = machine.strip().split("\\s+")[0];
                Arch arch = Arch.named(name);
                if (arch != null) {
                    return new ArchFacts(arch, "crash's MACHINE: " + name, s.lineOf("MACHINE"));
                }
            }
        }
        return null;
    }

    private static ArchFacts release(ParsedTranscript parsed) {
        List<String[]> releases = new ArrayList<>();
        for (SysInfo s : parsed.sysInfos()) {
            if (s.get("RELEASE") != null) {
                releases.add(new String[] {s.get("RELEASE"), String.valueOf(s.lineOf("RELEASE")), "RELEASE"});
            }
        }
        for (Oops o : parsed.oopses()) {
            if (o.kernel() != null) {
                releases.add(new String[] {o.kernel(), String.valueOf(o.line() + 1), "the oops's kernel"});
            }
        }
        for (String[] r : releases) {
            Matcher m = RELEASE_SUFFIX.matcher(r[0]);
            if (m.find()) {
                String suffix = m.group(1);
                Arch arch = switch (suffix) {
                    case "686", "686-pae" -> Arch.I386;
                    case "ppc64el" -> Arch.PPC64LE;
                    case "loong64" -> Arch.LOONGARCH64;
                    default -> suffix.startsWith("mips64") ? Arch.MIPS64 : Arch.named(suffix);
                };
                if (arch != null) {
                    return new ArchFacts(arch, r[2] + " " + r[0] + " is built for " + arch.id(), Integer.parseInt(r[1]));
                }
            }
        }
        return null;
    }

    /** The register names of the oopses and the exception frames (each architecture names its own). */
    private static ArchFacts registers(ParsedTranscript parsed) {
        for (Oops o : parsed.oopses()) {
            ArchFacts f = fromRegisters(o.registers().values(), o.line(), "the oops's registers");
            if (f != null) {
                return f;
            }
        }
        for (Backtrace bt : parsed.backtraces()) {
            for (Frame frame : bt.frames()) {
                if (frame.exception() != null && !frame.exception().bogus()) {
                    ArchFacts f = fromRegisters(frame.exception().registers().values(), frame.exception().span().first(), "the exception frame's registers");
                    if (f != null) {
                        return f;
                    }
                }
            }
            for (Annotation a : bt.annotations()) {
                if (a.text().startsWith("PSW:") || a.text().startsWith("GPRS:") || a.text().startsWith("Krnl PSW")) {
                    return new ArchFacts(Arch.S390X, "bt printed an s390x PSW and GPRS", a.line());
                }
            }
        }
        return null;
    }

    private static ArchFacts fromRegisters(Map<String, Long> regs, int line, String where) {
        for (Architecture a : Architectures.all()) {
            ArchFacts f = a.byRegisters(regs, line, where);
            if (f != null) {
                return f;
            }
        }
        // the architectures shown as printed are told apart here, with no object of their own to ask
        if (regs.containsKey("nip") && regs.containsKey("msr")) {
            return new ArchFacts(Arch.PPC64LE, where + " are ppc64's (NIP, MSR); byte order not shown, little endian assumed", line);
        }
        if (regs.containsKey("era") || regs.containsKey("badv") || regs.containsKey("crmd") || regs.containsKey("estat")) {
            return new ArchFacts(Arch.LOONGARCH64, where + " are loongarch64's (era, badv, crmd)", line);
        }
        if ((regs.containsKey("epc") || regs.containsKey("sepc")) && (regs.containsKey("badaddr") || regs.containsKey("stval")
                || regs.containsKey("gp") && regs.containsKey("tp"))) {
            return new ArchFacts(Arch.RISCV64, where + " are riscv64's (epc, gp, tp, badaddr)", line);
        }
        if (regs.containsKey("hi") && regs.containsKey("lo") && regs.containsKey("epc")) {
            return new ArchFacts(Arch.MIPS64, where + " are mips64's (epc, hi, lo)", line);
        }
        return null;
    }

    /** What vtop shows: flag names, level names, segments, directories, entry shapes. */
    private static ArchFacts walks(ParsedTranscript parsed) {
        for (Walk w : parsed.walks()) {
            int line = w.span().first();
            for (WalkLevel l : w.levels()) {
                if (S390X_LEVELS.contains(l.level())) {
                    return new ArchFacts(Arch.S390X, "vtop's " + l.level() + " level is s390x's region/segment table", l.line());
                }
            }
            if (w.segment() != null) {
                String seg = w.segment().toLowerCase(Locale.ROOT);
                if (LOONGARCH_SEGMENTS.contains(seg)) {
                    return new ArchFacts(Arch.LOONGARCH64, "vtop's SEGMENT: " + w.segment() + " is a loongarch64 address range", line);
                }
                if (MIPS_SEGMENTS.contains(seg)) {
                    return new ArchFacts(Arch.MIPS64, "vtop's SEGMENT: " + w.segment() + " is a mips64 segment", line);
                }
            }
            ArchFacts byFlags = fromFlags(w);
            if (byFlags != null) {
                return byFlags;
            }
            if (w.pgdDirectory() != null) {
                return new ArchFacts(Arch.X86_64, "vtop printed PGD DIRECTORY (x86-64 kernel walks only)", line);
            }
            ArchFacts byShape = fromWalkShape(w);
            if (byShape != null) {
                return byShape;
            }
        }
        return null;
    }

    private static final Pattern X86_64_OPERAND = Pattern.compile("%r(?:[a-d]x|[sd]i|[sb]p|ip|\\d{1,2}[dwb]?)\\b");

    /** {@code dis} output in AT&T syntax with 64-bit x86 registers ({@code %rax}, {@code %r12}, {@code %rip}). */
    private static ArchFacts disassembly(ParsedTranscript parsed) {
        for (var dis : parsed.disassemblies()) {
            for (var insn : dis.instructions()) {
                if (X86_64_OPERAND.matcher(insn.text()).find()) {
                    return new ArchFacts(Arch.X86_64, "dis shows x86-64 registers: " + insn.text(), insn.line());
                }
            }
        }
        return null;
    }

    /** Machine-check lines ({@code mce: [Hardware Error]: ...}) come from x86's MCA. */
    private static ArchFacts machineChecks(ParsedTranscript parsed) {
        if (!parsed.machineChecks().isEmpty()) {
            var mc = parsed.machineChecks().get(0);
            return new ArchFacts(Arch.X86_64, "the log's machine-check lines (mce:) come from x86's machine-check architecture; 64-bit assumed",
                    mc.span().first());
        }
        return null;
    }

    /**
     * The weakest: a walk that printed no level (a seek error right away) of an address in x86-64's
     * user mmap area, just below the top of its 47-bit user space.
     */
    private static ArchFacts bareWalks(ParsedTranscript parsed) {
        for (Walk w : parsed.walks()) {
            if (w.levels().isEmpty() && w.virtual() != null && (w.virtual() >>> 40) == 0x7fL) {
                return new ArchFacts(Arch.X86_64, String.format("probably: vtop of 0x%x, an address in x86-64's user mmap area (0x7f..), printed no level",
                        w.virtual()), w.span().first());
            }
        }
        return null;
    }

    private static ArchFacts fromFlags(Walk w) {
        if (w.flags().isEmpty()) {
            return null;
        }
        int line = w.flagsLine() > 0 ? w.flagsLine() : w.span().first();
        String printed = String.join("|", w.flags());
        if (w.flags().stream().anyMatch(LOONGARCH_FLAGS::contains)) {
            return new ArchFacts(Arch.LOONGARCH64, "vtop's flags " + printed + " are loongarch64's (PLV, NO_EXEC)", line);
        }
        if (w.flags().stream().anyMatch(ARM64_FLAGS::contains)) {
            return new ArchFacts(Arch.ARM64, "vtop's flags " + printed + " are arm64's descriptor bits (AF, PXN, UXN, NG)", line);
        }
        if (w.flags().contains("MODIFIED")) {
            return new ArchFacts(Arch.MIPS64, "vtop's flags " + printed + " are mips64's (MODIFIED)", line);
        }
        if (w.flags().stream().anyMatch(RISCV_FLAGS::contains)) {
            return new ArchFacts(Arch.RISCV64, "vtop's flags " + printed + " are riscv64's (READ, EXEC, SOFT)", line);
        }
        if (w.flags().stream().anyMatch(X86_FLAGS::contains) || w.flags().contains("PRESENT") && w.flags().contains("USER")) {
            boolean narrow = w.levels().stream().allMatch(l -> Long.compareUnsigned(l.entryAddress(), 0xffffffffL) <= 0
                    && Long.compareUnsigned(l.value(), 0xffffffffL) <= 0 || isPae(w));
            if (w.virtual() != null && Long.compareUnsigned(w.virtual(), 0xffffffffL) <= 0 && narrow && (isPae(w) || isTwoLevel(w))) {
                return new ArchFacts(Arch.I386, "vtop's flags " + printed + " are x86's and the walk is 32-bit ("
                        + (isPae(w) ? "PAE" : "two-level") + ")", line);
            }
            return new ArchFacts(Arch.X86_64, "vtop's flags " + printed + " are x86's, the addresses 64-bit", line);
        }
        return null;
    }

    /** A walk without flags: x86-64's PGD/PUD/PMD/PTE with 64-bit entries, or arm64's table descriptors ending in 0x3. */
    private static ArchFacts fromWalkShape(Walk w) {
        if (w.levels().isEmpty() || w.virtual() == null) {
            return null;
        }
        WalkLevel top = w.levels().get(0);
        boolean armTable = w.levels().stream().limit(w.levels().size() - 1L).anyMatch(l -> (l.value() & 0xfffL) == 0x003L)
                || w.levels().size() == 1 && (top.value() & 0xfffL) == 0x003L;
        boolean paddedTables = w.levels().stream().anyMatch(l -> l.zeroPadded() && !l.level().equals("PGD"))
                && w.levels().stream().anyMatch(l -> l.level().equals("PGD") && !l.zeroPadded());
        if (w.segment() == null && (w.paddedPage() || paddedTables) && w.pgdDirectory() == null) {
            return new ArchFacts(Arch.RISCV64, "vtop printed its " + (w.paddedPage() ? "PAGE line" : "PMD/PUD lines")
                    + " as riscv64's does (zero-padded to 16 digits" + (w.paddedPage() ? " or 'not present'" : "") + ") and no SEGMENT", top.line());
        }
        if (armTable && w.pageDirectory() != null && w.pgdDirectory() == null) {
            return new ArchFacts(Arch.ARM64, "vtop's table entries end in 0x003 (arm64 valid table descriptors) under a PAGE DIRECTORY", top.line());
        }
        if (w.pageDirectory() == null && w.levels().stream().allMatch(l -> Set.of("PGD", "PUD", "PMD", "PTE", "P4D", "PML").contains(l.level()))
                && w.levels().stream().anyMatch(l -> (l.value() & 0x1L) == 1 && (l.value() & 0x20L) != 0)) {
            return new ArchFacts(Arch.X86_64, "vtop's user walk has x86-64's levels and entries (present, accessed) and no PAGE DIRECTORY", top.line());
        }
        return null;
    }

    private static boolean isTwoLevel(Walk w) {
        List<WalkLevel> l = w.levels();
        return l.size() >= 2 && l.get(0).level().equals("PGD") && l.get(1).level().equals("PMD") && l.get(0).entryAddress() == l.get(1).entryAddress();
    }

    private static boolean isPae(Walk w) {
        List<WalkLevel> l = w.levels();
        return l.size() >= 2 && l.get(0).level().equals("PGD") && l.get(1).level().equals("PMD") && l.get(0).entryAddress() != l.get(1).entryAddress()
                && w.pageDirectory() != null && Long.compareUnsigned(w.pageDirectory(), 0xffffffffL) <= 0;
    }

    /** Last: the width of the stack addresses bt printed, with the names of its entry frames. */
    private static ArchFacts stacks(ParsedTranscript parsed) {
        for (Backtrace bt : parsed.backtraces()) {
            for (Frame f : bt.frames()) {
                for (Architecture a : Architectures.all()) {
                    ArchFacts facts = a.byEntryFrame(f);
                    if (facts != null) {
                        return facts;
                    }
                }
                // the architectures shown as printed, told apart here (no two names match one frame, so the order is free)
                String fn = f.function();
                if (fn.equals("system_call_exception") || fn.startsWith("system_call_common") || fn.endsWith("_common_virt")) {
                    return new ArchFacts(Arch.PPC64LE, "frame " + fn + " is ppc64's entry code; byte order not shown, little endian assumed", f.line());
                }
                if (fn.startsWith("__s390x_") || fn.equals("__do_pgm_check")) {
                    return new ArchFacts(Arch.S390X, "frame " + fn + " is s390x's entry code", f.line());
                }
                if (fn.startsWith("riscv_") || fn.equals("handle_exception") && f.stackAddress() < 0) {
                    return new ArchFacts(Arch.RISCV64, "frame " + fn + " is riscv64's", f.line());
                }
            }
        }
        for (Backtrace bt : parsed.backtraces()) {
            ArchFacts byAddress = fromAddresses(bt);
            if (byAddress != null) {
                return byAddress;
            }
        }
        return null;
    }

    /**
     * The address ranges of a trace: x86-64 kernel text at 0xffffffff80000000.. with stacks in its
     * kernel half below the fixmap; ppc64's 0xc000... kernel map; loongarch64's 0x9000... and
     * mips64's 0x9800... direct windows (task pointers); 32-bit stacks with 32-bit text.
     */
    private static ArchFacts fromAddresses(Backtrace bt) {
        Long task = bt.task() == null ? null : bt.task().task();
        if (task != null && (task >>> 48) == 0x9000L) {
            return new ArchFacts(Arch.LOONGARCH64, String.format("task 0x%x lies in loongarch64's cached direct window (0x9000...)", task), bt.task().line());
        }
        if (task != null && (task >>> 48) == 0x9800L) {
            return new ArchFacts(Arch.MIPS64, String.format("task 0x%x lies in mips64's cached XKPHYS window (0x9800...)", task), bt.task().line());
        }
        for (Frame f : bt.frames()) {
            Long text = f.address();
            long stack = f.stackAddress();
            if (text == null || stack == 0) {
                continue;
            }
            if ((text >>> 60) == 0xcL && (stack >>> 60) == 0xcL) {
                return new ArchFacts(Arch.PPC64LE, String.format("frame text 0x%x and stack 0x%x lie in ppc64's kernel map (0xc000...); byte order not shown, "
                        + "little endian assumed", text, stack), f.line());
            }
            boolean x86Text = Long.compareUnsigned(text, 0xffffffff80000000L) >= 0 && Long.compareUnsigned(text, 0xffffffffff000000L) < 0;
            boolean x86Stack = Long.compareUnsigned(stack, 0xffff880000000000L) >= 0 && Long.compareUnsigned(stack, 0xffffff0000000000L) < 0;
            if (x86Text && x86Stack) {
                return new ArchFacts(Arch.X86_64, String.format("frame text 0x%x lies in x86-64's kernel text (0xffffffff8...) and stack 0x%x in its kernel half",
                        text, stack), f.line());
            }
            if (Long.compareUnsigned(text, 0xffffffffL) <= 0 && Long.compareUnsigned(stack, 0xffffffffL) <= 0 && Long.compareUnsigned(text, 0xc0000000L) >= 0
                    && bt.frames().stream().anyMatch(x -> x.exception() != null && x.exception().registers().values().containsKey("eip"))) {
                return new ArchFacts(Arch.I386, String.format("32-bit frame addresses (text 0x%x) with i386 registers", text), f.line());
            }
        }
        return null;
    }

    /**
     * Last of all: an 8-byte {@code rd} dump whose entries are x86-64 huge-page leaves (PRESENT and
     * PSE with RW or ACCESSED, 2 MiB-aligned, no bits 52..56): no other architecture's entries look so.
     */
    private static ArchFacts dumps(ParsedTranscript parsed) {
        for (MemoryDump dump : parsed.memoryDumps()) {
            if (dump.width() != 8) {
                continue;
            }
            int leaves = 0;
            int present = 0;
            DumpRows rows = dump.rows();
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.count(r); c++) {
                    long value = rows.isNumber(r, c) ? rows.word(r, c) : 0;
                    if ((value & 1) == 0) {
                        continue;
                    }
                    present++;
                    if ((value & 0x81L) == 0x81L && (value & 0x22L) != 0 && (value & 0x01f0000000000000L) == 0 && (value & 0x1fe000L) == 0) {
                        leaves++;
                    }
                }
            }
            if (leaves >= 3 && leaves * 2 > present) {
                return new ArchFacts(Arch.X86_64, "the rd dump's entries are x86-64 huge-page leaves (PRESENT|PSE, 2 MiB-aligned)", dump.span().first());
            }
        }
        return null;
    }
}
