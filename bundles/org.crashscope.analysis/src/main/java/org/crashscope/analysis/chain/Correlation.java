package org.crashscope.analysis.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.crashscope.transcript.model.KernelEvent;
import org.crashscope.transcript.model.PageRow;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.Walk;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.arch.paging.Anomaly;
import org.crashscope.arch.paging.CheckedWalk;
import org.crashscope.arch.paging.PageTable;
import org.crashscope.arch.paging.PagingAnalysis;
import org.crashscope.arch.paging.WalkStep;
import org.crashscope.arch.x86.FaultingInstruction;
import org.crashscope.arch.x86.Mca;
import org.crashscope.analysis.Confidence;
import org.crashscope.analysis.Finding;
import org.crashscope.analysis.FindingKind;
import org.crashscope.analysis.Session;
import org.crashscope.analysis.stack.AnnotatedSlot;
import org.crashscope.analysis.stack.StackSlotAnnotator;

/**
 * The evidence chain from a memory error to the crash: hardware error -> the page it hit -> the
 * page-table slot that should map that page -> the virtual range of the slot -> the faulting user
 * address -> its VMA and file -> the task -> the faulting instruction. Every step names its lines;
 * every missing step names the crash command that would supply it.
 */
public final class Correlation {

    private Correlation() {
    }

    /**
     * @param crash the crash that ended the session, or {@code null}: only a fault names a faulting
     *              task and instruction
     */
    public static List<Finding> chain(ParsedTranscript parsed, Session session, PagingAnalysis paging, List<AnnotatedSlot> slots,
            FaultingInstruction fault, CrashReport crash) {
        Oops oops = crash != null && crash.oops() != null ? crash.oops() : parsed.oopses().isEmpty() ? null : parsed.oopses().get(0);
        List<Finding> out = chain(parsed, paging, slots, fault, oops, crash);
        if (crash != null) {
            out.add(crash(crash));
            Finding list = listPoison(crash);
            if (list != null) {
                out.add(list);
            }
        }
        Finding panic = panic(session);
        if (panic != null) {
            out.add(panic);
        }
        return out;
    }

    /** The kind of the crash and what supports it. */
    private static Finding crash(CrashReport crash) {
        String text = crash.deliberate() && crash.kind() == CrashKind.SYSRQ
                ? "The crash was asked for, nothing failed: " + crash.title() + " (" + crash.evidence() + ")"
                : String.format("%s: %s. %s%s", crash.title(), crash.kind().meaning(), capitalize(crash.evidence()),
                        crash.deliberate() ? "; the crash was provoked on purpose" : "");
        return Finding.of(FindingKind.CRASH, text, Confidence.HIGH, crash.lines().toArray(Integer[]::new));
    }

    /** A fault on LIST_POISON1/2 stays the fault the kernel reported; the poison is a finding of its own. */
    private static Finding listPoison(CrashReport crash) {
        Long address = CrashReport.reportedAddress(crash.oops() == null ? "" : crash.oops().message(), crash.oops());
        if (!CrashReport.listPoison(address)) {
            return null;
        }
        boolean second = (address & 0xfff) >= (CrashReport.LIST_POISON2 & 0xfff);
        long poison = second ? CrashReport.LIST_POISON2 : CrashReport.LIST_POISON1;
        String plus = address == poison ? "" : String.format(" + 0x%x (0x%x + 0x%x = 0x%x)", address - poison, poison, address - poison, address);
        return Finding.of(FindingKind.LIST_POISON, String.format("The address 0x%x is LIST_POISON%d (0x%x)%s: list_del() leaves LIST_POISON1 in an entry's next and "
                + "LIST_POISON2 in its prev, so the entry was used after it left its list (a missing lock or reference, or a second list_del)", address,
                second ? 2 : 1, poison, plus), Confidence.HIGH, crash.line());
    }

    /** What crash's session header says of the end: the panic string and the panic task. */
    private static Finding panic(Session session) {
        if (session.panic() == null || session.panic().isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder("crash's session header: the kernel panicked: \"" + session.panic() + "\"");
        if (session.pid() != null) {
            text.append(String.format("; the panic task is PID %d%s%s", session.pid(), session.command() == null ? "" : " \"" + session.command() + "\"",
                    session.cpu() == null ? "" : " on CPU " + session.cpu()));
        }
        return Finding.of(FindingKind.PANIC, text.toString(), Confidence.HIGH, session.lineOf("panic"), session.lineOf("pid") == 0 ? null : session.lineOf("pid"));
    }

    private static List<Finding> chain(ParsedTranscript parsed, PagingAnalysis paging, List<AnnotatedSlot> slots, FaultingInstruction fault, Oops oops,
            CrashReport crash) {
        List<Finding> out = new ArrayList<>();
        List<MemoryErrors.MemoryError> errors = MemoryErrors.all(parsed, paging, oops);
        if (errors.isEmpty()) {
            // a memory error whose record names no address: the address may be in a record the transcript cut
            List<Integer> unnamed = new ArrayList<>();
            parsed.hardwareErrors().stream().filter(e -> e.physicalAddress() == null && e.sectionType() != null
                    && e.sectionType().toLowerCase(Locale.ROOT).contains("memory")).forEach(e -> unnamed.add(e.span().first()));
            parsed.machineChecks().stream().filter(m -> m.status() != null && Mca.decode(m.status()).memory()).forEach(m -> unnamed.add(m.span().first()));
            if (!unnamed.isEmpty()) {
                out.add(Finding.gap("Memory errors are logged but none names a physical address.", "log | grep -i -e 'Hardware Error' -e 'Memory failure'",
                        unnamed.toArray(Integer[]::new)));
            }
        }
        for (MemoryErrors.MemoryError error : errors) {
            errorChain(out, parsed, paging, slots, fault, oops, crash, error);
        }
        addTail(out, parsed, oops, fault, crash);
        return out;
    }

    /** One memory error's chain: the error, the kernel's handling, the page, the slot, the range, the address, the VMA. */
    private static void errorChain(List<Finding> out, ParsedTranscript parsed, PagingAnalysis paging, List<AnnotatedSlot> slots,
            FaultingInstruction fault, Oops oops, CrashReport crash, MemoryErrors.MemoryError error) {
        long pa = error.physical();
        out.add(error.finding());
        Finding handled = MemoryErrors.handling(parsed, error);
        if (handled != null) {
            out.add(handled);
        }

        // the page the error hit, at every size the transcript shows
        Long hugePage = null;
        long hugeSize = 0;
        for (CheckedWalk w : paging.walks()) {
            WalkStep leaf = w.leaf();
            if (leaf != null && leaf.entry().present() && pa >= leaf.entry().physical() && pa - leaf.entry().physical() < leaf.entry().pageSize()) {
                hugePage = leaf.entry().physical();
                hugeSize = leaf.entry().pageSize();
                String poison = w.walk().pageRow() != null && w.walk().pageRow().flagNames().contains("hwpoison")
                        ? String.format("; its struct page 0x%x is marked hwpoison (line %d)", w.walk().pageRow().page(), w.walk().pageRow().line()) : "";
                out.add(Finding.of(FindingKind.ERROR_PAGE, String.format("0x%x lies in the %s page 0x%x (vtop of 0x%x)%s", pa, size(hugeSize), hugePage,
                        w.walk().virtual(), poison), Confidence.HIGH, concat(error.finding().evidence(), leaf.line(), w.walk().span().first(),
                        addressLine(w.walk()), w.walk().pageRow() == null ? null : w.walk().pageRow().line())));
                break;
            }
        }

        // the table slot whose run (or the kernel's log) says it should hold that page
        Anomaly anomaly = null;
        PageTable table = null;
        for (PageTable t : paging.tables()) {
            for (Anomaly a : t.anomalies()) {
                long span = Math.abs(a.step());
                if (hugePage != null ? a.expected() == hugePage : pa >= a.expected() && pa - a.expected() < span) {
                    anomaly = a;
                    table = t;
                }
            }
        }
        if (hugePage == null && anomaly != null) {
            hugePage = anomaly.expected();
            hugeSize = Math.abs(anomaly.step());
            PageRow row = MemoryErrors.poisonedRow(parsed, hugePage, hugeSize);
            out.add(Finding.of(FindingKind.ERROR_PAGE, String.format("%s page 0x%x: the page that slot 0x%x of the %s table at 0x%x should hold%s",
                    pa == hugePage ? "It is the " + size(hugeSize) : String.format("0x%x lies in the %s", pa, size(hugeSize)), hugePage, anomaly.slot().index(),
                    table.level(), table.base(),
                    row == null ? "" : String.format("; its struct page 0x%x is marked hwpoison (line %d)", row.page(), row.line())), Confidence.HIGH,
                    concat(error.finding().evidence(), anomaly.slot().line(), row == null ? null : row.line())));
        } else if (hugePage == null) {
            PageRow row = MemoryErrors.poisonedRow(parsed, pa, 1L << 30);
            if (row != null) {
                out.add(Finding.of(FindingKind.ERROR_PAGE, String.format("The struct page 0x%x of 0x%x is marked hwpoison (line %d): the kernel took the page out of use",
                        row.page(), row.physical(), row.line()), Confidence.HIGH, row.line()));
            } else {
                out.add(Finding.gap(String.format("The struct page of 0x%x would show whether the kernel poisoned it.", pa),
                        String.format("kmem -p 0x%x", MemoryErrors.headOf(parsed, pa)), error.finding().evidence().toArray(Integer[]::new)));
            }
            out.add(unmapped(parsed, paging, pa, error.finding().evidence()));
        }
        Long userAddress = null;
        if (anomaly != null) {
            String holds = anomaly.kind() == Anomaly.Kind.OUT_OF_SEQUENCE ? String.format("maps 0x%x", anomaly.found())
                    : "holds the non-present entry 0x" + Long.toHexString(anomaly.slot().entry().value())
                            + (anomaly.slot().nonPresent() == null ? "" : " (" + anomaly.slot().nonPresent().describe() + ")");
            out.add(tableSlot(anomaly, table, holds));
            if (anomaly.slot().mapsFrom() != null) {
                long from = anomaly.slot().mapsFrom();
                long to = anomaly.slot().mapsTo();
                Integer level = slotWalkLine(paging, anomaly.slot().address());
                if (level == null) {
                    level = levelLine(paging, table);
                }
                out.add(Finding.of(FindingKind.VIRTUAL_RANGE, String.format("That slot maps the user range 0x%x-0x%x", from, to), Confidence.HIGH,
                        anomaly.slot().line(), level, walkAddressLine(paging, level)));
                userAddress = userAddressIn(out, parsed, slots, from, to, crash);
            } else {
                out.add(Finding.gap(String.format("No walk reads the %s table at 0x%x, so the virtual range of slot 0x%x is not known.", table.level(),
                        table.base(), anomaly.slot().index()), "vtop -c <pid> <an address the table maps>", anomaly.slot().line()));
            }
        } else if (hugePage != null) {
            CheckedWalk user = paging.walks().stream().filter(w -> w.walk().virtual() != null && paging.arch().arch() != null
                    && Boolean.TRUE.equals(paging.arch().arch().isUserAddress(w.walk().virtual())) && w.leaf() != null).findFirst().orElse(null);
            if (user != null && user.leaf().entry().pageSize() > 4096) {
                WalkStep leaf = user.leaf();
                long base = leaf.tableBase() == null ? leaf.entryAddress() & ~0xfffL : leaf.tableBase();
                out.add(Finding.gap(String.format("The %s table that maps 0x%x (its slot 0x%x at 0x%x holds 0x%x) is not dumped: a dump shows whether that slot "
                        + "breaks a run of huge pages that predicts 0x%x.", leaf.level(), user.walk().virtual(), leaf.index(), leaf.entryAddress(),
                        leaf.entry().physical(), hugePage), String.format("rd -p %x 512", base), concat(error.finding().evidence(), leaf.line(),
                        addressLine(user.walk()))));
                long span = leaf.entry().pageSize();
                userAddress = userAddressIn(out, parsed, slots, user.walk().virtual() & ~(span - 1), (user.walk().virtual() & ~(span - 1)) + span, crash);
            } else {
                Long va = MemoryErrors.virtualOf(parsed, pa);
                out.add(Finding.gap("No page-table dump and no user walk through a huge page: nothing ties the page to a mapping.", va != null
                        ? String.format("vtop -c %s 0x%x", MemoryErrors.pidOf(parsed, pa), va)
                        : fault != null && fault.faultAddress() != null ? String.format("vtop -c %s <user address>", oops == null ? "<pid>" : oops.pid())
                                : "vtop -c <pid> <user address>"));
            }
        }
        addVma(out, parsed, oops, userAddress);
    }

    /**
     * The gap when nothing maps the error's page: what the walks and the dumped tables do show (they
     * map other pages, so the page is no longer mapped where they look), or that there are none.
     */
    private static Finding unmapped(ParsedTranscript parsed, PagingAnalysis paging, long pa, List<Integer> errorLines) {
        Long va = MemoryErrors.virtualOf(parsed, pa);
        String next = va != null ? String.format("vtop -c %s 0x%x", MemoryErrors.pidOf(parsed, pa), va)
                : String.format("log | grep -i -e offlin -e 'memory failure'; ptov 0x%x", pa);
        List<Integer> lines = new ArrayList<>(errorLines);
        List<String> shown = new ArrayList<>();
        List<Integer> leafLines = new ArrayList<>(); // (of the walks that reach a page: a walk is made when asked, not held)
        for (CheckedWalk w : paging.walks()) {
            if (w.leaf() != null && w.leaf().entry().present()) {
                leafLines.add(w.leaf().line());
            }
        }
        if (!leafLines.isEmpty()) {
            lines.addAll(leafLines);
            int n = leafLines.size();
            shown.add(String.format("%d walk%s (line%s %s) reach%s other pages", n, n == 1 ? "" : "s", n == 1 ? "" : "s",
                    String.join(", ", leafLines.stream().map(String::valueOf).toList()), n == 1 ? "es" : ""));
        }
        for (PageTable t : paging.tables()) {
            long leavesOf = t.slots().stream().filter(x -> x.entry().present() && x.entry().leaf()).count();
            if (leavesOf > 0) {
                lines.add(t.dump().span().first());
                shown.add(String.format("no slot of the %s table at 0x%x (line %d, %d page%s mapped) maps it", t.level(), t.base(), t.dump().span().first(),
                        leavesOf, leavesOf == 1 ? "" : "s"));
            }
        }
        if (shown.isEmpty()) {
            return Finding.gap(String.format("No walk and no page-table dump shows which page 0x%x lies in or what maps it.", pa),
                    va != null ? next : String.format("ptov 0x%x; then vtop of the address it prints", pa), lines.toArray(Integer[]::new));
        }
        return Finding.gap(String.format("Nothing in the transcript maps 0x%x: %s. The page is no longer mapped where they look, and neither the "
                + "tables' runs nor a log line tie it to the slot that held it.", pa, String.join("; ", shown)), next, lines.toArray(Integer[]::new));
    }

    /**
     * The slot that should hold the error's page: what it holds instead, whether the page was
     * migrated, how sure that is, and each piece of evidence with its line.
     */
    private static Finding tableSlot(Anomaly anomaly, PageTable table, String holds) {
        List<String> by = new ArrayList<>();
        if (anomaly.runMembers() > 0) {
            by.add(String.format("its run: %d other slot%s in sequence", anomaly.runMembers(), anomaly.runMembers() == 1 ? "" : "s"));
        }
        if (anomaly.loggedLine() != null) {
            by.add("the kernel log, line " + anomaly.loggedLine());
        }
        if (anomaly.retiredPageCited()) {
            by.add("the old page taken out of use");
        }
        boolean migrated = anomaly.kind() == Anomaly.Kind.OUT_OF_SEQUENCE && (anomaly.retiredPageCited()
                || anomaly.logged() != null && anomaly.logged().startsWith("Soft offlining"));
        StringBuilder text = new StringBuilder(String.format("Slot 0x%x of the %s table at 0x%x (address 0x%x) should map 0x%x but %s",
                anomaly.slot().index(), table.level(), table.base(), anomaly.slot().address(), anomaly.expected(), holds));
        if (migrated) {
            text.append(String.format(": the old page 0x%x was taken out of use and its content migrated to 0x%x", anomaly.expected(), anomaly.found()));
        }
        if (anomaly.flagsMissing() != 0) {
            text.append("; it lacks ").append(String.join("|", anomaly.missingFlagNames())).append(": a freshly written entry");
        }
        text.append(" (").append(anomaly.confidence()).append(" confidence, by ").append(String.join("; ", by)).append(')');
        for (Anomaly.Cited c : anomaly.evidence()) {
            text.append(String.format("; line %d: %s", c.line(), c.what()));
        }
        Confidence confidence = "high".equals(anomaly.confidence()) ? Confidence.HIGH : "medium".equals(anomaly.confidence()) ? Confidence.MEDIUM : Confidence.LOW;
        return Finding.of(FindingKind.TABLE_SLOT, text.toString(), confidence, anomaly.lines().toArray(Integer[]::new));
    }

    /**
     * Finds the fault's user address in a virtual range. Candidates are the values in the range
     * found in stack words, exception-frame registers and vtop walks; the best-supported wins: a
     * walked address counts most, then a saved register, then a register of the exception frame,
     * then a plain stack word.
     */
    private static Long userAddressIn(List<Finding> out, ParsedTranscript parsed, List<AnnotatedSlot> slots, long from, long to, CrashReport crash) {
        for (KernelEvent e : parsed.kernelEvents()) {
            if (e.virtual() != null && Long.compareUnsigned(e.virtual(), from) >= 0 && Long.compareUnsigned(e.virtual(), to) < 0) {
                out.add(Finding.of(FindingKind.USER_ADDRESS, String.format("The kernel's log names the user address 0x%x in it (line %d: \"%s\")", e.virtual(),
                        e.span().first(), e.message()), Confidence.HIGH, e.span().first()));
                return e.virtual();
            }
        }
        boolean fault = crash == null || crash.kind().fault() && !crash.deliberate();
        java.util.Map<Long, Double> score = new java.util.HashMap<>();
        for (int i = 0; i < slots.size(); i++) {
            Long v = StackSlotAnnotator.wordAt(slots, i).value(); // (annotated only when it is in range)
            if (v != null && v >= from && v < to) {
                score.merge(v, slots.get(i).kind() == AnnotatedSlot.Kind.SAVED_REGISTER ? 2.0 : 0.1, Double::sum);
            }
        }
        for (Walk w : parsed.walks()) {
            if (w.virtual() != null && w.virtual() >= from && w.virtual() < to) {
                score.merge(w.virtual(), 3.0, Double::sum);
            }
        }
        parsed.backtraces().forEach(bt -> bt.frames().forEach(f -> {
            if (f.exception() != null && !f.exception().userMode()) {
                f.exception().registers().values().values().forEach(v -> {
                    if (v >= from && v < to) {
                        score.merge(v, 1.0, Double::sum);
                    }
                });
            }
        }));
        if (score.isEmpty()) {
            out.add(Finding.gap(String.format("No user address in 0x%x-0x%x appears in the stack, the registers or a walk.", from, to), "bt -FF"));
            return null;
        }
        long address = score.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<String> where = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            Long v = StackSlotAnnotator.wordAt(slots, i).value();
            AnnotatedSlot s = v != null && v == address ? slots.get(i) : null;
            if (s != null && s.kind() == AnnotatedSlot.Kind.SAVED_REGISTER) {
                where.add(String.format("%s at 0x%x", s.label(), s.slot().address()));
                lines.add(s.slot().line());
            }
        }
        for (Walk w : parsed.walks()) {
            if (w.virtual() != null && w.virtual() == address) {
                where.add("vtop at line " + addressLine(w));
                lines.add(addressLine(w));
            }
        }
        parsed.backtraces().forEach(bt -> bt.frames().forEach(f -> {
            if (f.exception() != null && !f.exception().userMode()) {
                List<String> names = f.exception().registers().values().entrySet().stream().filter(e -> e.getValue() == address)
                        .map(e -> e.getKey().toUpperCase(Locale.ROOT)).toList();
                if (!names.isEmpty()) {
                    where.add(String.join("/", names) + " of the exception frame");
                    lines.add(f.exception().span().first());
                }
            }
        }));
        out.add(Finding.of(FindingKind.USER_ADDRESS, String.format("The %suser address 0x%x lies in it: %s", fault ? "faulting " : "", address, String.join(", ", where)),
                Confidence.HIGH, lines.toArray(Integer[]::new)));
        return address;
    }

    private static void addVma(List<Finding> out, ParsedTranscript parsed, Oops oops, Long userAddress) {
        if (userAddress == null) {
            return;
        }
        for (Walk w : parsed.walks()) {
            if (w.vma() != null && w.vma().contains(userAddress)) {
                String file = w.vma().file();
                String what = file.contains("hugepages") || file.contains("hugetlbfs") ? " (hugetlbfs: huge pages"
                        + (file.contains("qemu") || file.contains("libvirt") ? ", the RAM of a virtual machine)" : ")") : "";
                out.add(Finding.of(FindingKind.VMA, String.format("It belongs to VMA 0x%x-0x%x%s%s", w.vma().start(), w.vma().end(),
                        file.isEmpty() ? ", anonymous" : " backed by " + file, what), Confidence.HIGH, w.vma().line()));
                return;
            }
        }
        out.add(Finding.gap(String.format("No VMA of 0x%x is shown.", userAddress),
                String.format("vtop -c %s %x", oops == null || oops.pid() == null ? "<pid>" : oops.pid(), userAddress)));
    }

    /**
     * The task and the instruction, for a fault only: a deliberate crash, a watchdog, a hung task or
     * a panic claims no faulting task, and a user-mode Code: line is never the faulting instruction.
     */
    private static void addTail(List<Finding> out, ParsedTranscript parsed, Oops oops, FaultingInstruction fault, CrashReport crash) {
        if (crash != null && (!crash.kind().fault() || crash.deliberate())) {
            return;
        }
        if (oops != null && oops.pid() != null) {
            boolean trap = crash != null && (crash.kind() == CrashKind.BUG || crash.kind() == CrashKind.WARNING);
            out.add(Finding.of(FindingKind.TASK, String.format("Task PID %d \"%s\" on CPU %d %s%s", oops.pid(), oops.comm(), oops.cpu(),
                    trap ? "hit the " + (crash.kind() == CrashKind.BUG ? "BUG" : "WARNING") : "faulted",
                    oops.rip() == null ? "" : " in " + oops.rip()), Confidence.HIGH, oops.line() + 1, oops.registers().lineOf("rip")));
        }
        if (fault != null && fault.trapping() != null && oops != null) {
            String text = String.format("It executed %s", fault.trapping().text(org.crashscope.arch.x86.Disassembler.Syntax.ATT));
            List<Integer> lines = new ArrayList<>();
            lines.add(oops.code() == null ? null : oops.code().line());
            if (fault.faultAddress() != null) {
                text += String.format(" with %s: %s", fault.addressText(),
                        fault.canonical() ? "a canonical address" : "a non-canonical address: a general protection fault, not a page fault");
                // the lines that print the registers the address is made of
                fault.memoryRegisters().forEach(r -> lines.add(oops.registers().lineOf(r)));
            }
            out.add(Finding.of(FindingKind.FAULTING_INSTRUCTION, text, Confidence.HIGH, lines.toArray(Integer[]::new)));
        } else if (fault != null && fault.problem() != null) {
            out.add(new Finding(FindingKind.FAULTING_INSTRUCTION, "The Code: bytes were not decoded: " + fault.problem(), Confidence.LOW,
                    oops == null || oops.code() == null ? List.of() : List.of(oops.code().line()), null));
        }
    }

    /** The line of a walk step that reads the entry at {@code address}, or {@code null}. */
    private static Integer slotWalkLine(PagingAnalysis paging, long address) {
        for (CheckedWalk w : paging.walks()) {
            for (WalkStep s : w.steps()) {
                if (s.entryAddress() != null && s.entryAddress() == address) {
                    return s.line();
                }
            }
        }
        return null;
    }

    private static Integer[] concat(List<Integer> lines, Integer... more) {
        List<Integer> out = new ArrayList<>(lines);
        out.addAll(java.util.Arrays.asList(more));
        return out.toArray(Integer[]::new);
    }

    /** The line that prints the address of the walk that has a step on {@code stepLine} (crash prints it under VIRTUAL). */
    private static Integer walkAddressLine(PagingAnalysis paging, Integer stepLine) {
        for (CheckedWalk w : paging.walks()) {
            if (stepLine != null && w.steps().stream().anyMatch(s -> s.line() == stepLine)) {
                return addressLine(w.walk());
            }
        }
        return null;
    }

    /** The line of a walk that prints its virtual address: the one after the VIRTUAL header. */
    static int addressLine(Walk w) {
        return w.span().first() + 1;
    }

    private static Integer levelLine(PagingAnalysis paging, PageTable table) {
        for (CheckedWalk w : paging.walks()) {
            for (WalkStep s : w.steps()) {
                if (s.entryAddress() != null && s.entryAddress() >= 0 && (s.entryAddress() & ~0xfffL) == table.base()) {
                    return s.line();
                }
            }
        }
        return null;
    }

    static String size(long bytes) {
        return bytes >= 1L << 30 ? (bytes >> 30) + " GiB" : bytes >= 1L << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
