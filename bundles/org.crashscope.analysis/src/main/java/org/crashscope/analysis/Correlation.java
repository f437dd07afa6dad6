package org.crashscope.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.crashscope.transcript.model.HardwareError;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.Walk;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.arch.paging.Anomaly;
import org.crashscope.arch.paging.CheckedWalk;
import org.crashscope.arch.paging.PageTable;
import org.crashscope.arch.paging.PagingAnalysis;
import org.crashscope.arch.paging.WalkStep;
import org.crashscope.arch.x86.FaultingInstruction;

/**
 * The evidence chain from a memory error to the crash: hardware error -> the page it hit -> the
 * page-table slot that should map that page -> the virtual range of the slot -> the faulting user
 * address -> its VMA and file -> the task -> the faulting instruction. Every step names its lines;
 * every missing step names the crash command that would supply it.
 */
public final class Correlation {

    private static final double SAME_EVENT_SECONDS = 0.1;

    private Correlation() {
    }

    public static List<Finding> chain(ParsedTranscript parsed, Session session, PagingAnalysis paging, List<AnnotatedSlot> slots,
            FaultingInstruction fault) {
        List<Finding> out = chain(parsed, paging, slots, fault);
        Finding panic = panic(session);
        if (panic != null) {
            out.add(panic);
        }
        return out;
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
        return Finding.of("panic", text.toString(), Confidence.HIGH, session.lineOf("panic"), session.lineOf("pid") == 0 ? null : session.lineOf("pid"));
    }

    private static List<Finding> chain(ParsedTranscript parsed, PagingAnalysis paging, List<AnnotatedSlot> slots, FaultingInstruction fault) {
        List<Finding> out = new ArrayList<>();
        Oops oops = parsed.oopses().isEmpty() ? null : parsed.oopses().get(0);
        HardwareError error = parsed.hardwareErrors().stream().filter(e -> e.physicalAddress() != null).findFirst().orElse(null);
        if (error == null) {
            if (!parsed.hardwareErrors().isEmpty() || !parsed.machineChecks().isEmpty()) {
                out.add(Finding.gap("Hardware errors are logged but none names a physical address.", "log | grep -i 'Hardware Error'"));
            }
            addTail(out, parsed, oops, fault, null);
            return out;
        }
        long pa = error.physicalAddress();
        out.add(hardwareError(parsed, error, oops));

        // the page the error hit, at every size the transcript shows
        Long hugePage = null;
        long hugeSize = 0;
        Integer pageLine = null;
        for (CheckedWalk w : paging.walks()) {
            WalkStep leaf = w.leaf();
            if (leaf != null && pa >= leaf.entry().physical() && pa - leaf.entry().physical() < leaf.entry().pageSize()) {
                hugePage = leaf.entry().physical();
                hugeSize = leaf.entry().pageSize();
                pageLine = leaf.line();
                String poison = w.walk().pageRow() != null && w.walk().pageRow().flagNames().contains("hwpoison")
                        ? String.format("; its struct page 0x%x is marked hwpoison (line %d)", w.walk().pageRow().page(), w.walk().pageRow().line()) : "";
                out.add(Finding.of("error-page", String.format("0x%x lies in the %s page 0x%x (vtop of 0x%x)%s", pa, size(hugeSize), hugePage,
                        w.walk().virtual(), poison), Confidence.HIGH, leaf.line(), w.walk().span().first(),
                        w.walk().pageRow() == null ? null : w.walk().pageRow().line()));
                break;
            }
        }
        if (hugePage == null) {
            out.add(Finding.gap(String.format("No walk shows which page 0x%x lies in.", pa), String.format("ptov 0x%x; then vtop of the address it prints", pa),
                    error.span().first()));
            out.add(Finding.gap("The struct page of the error page would show whether it was poisoned.", String.format("kmem -p 0x%x", pa & ~0xfffL),
                    error.span().first()));
        }

        // the table slot whose run predicts that page
        Anomaly anomaly = null;
        PageTable table = null;
        if (hugePage != null) {
            for (PageTable t : paging.tables()) {
                for (Anomaly a : t.anomalies()) {
                    if (a.expected() == hugePage) {
                        anomaly = a;
                        table = t;
                    }
                }
            }
        }
        Long userAddress = null;
        if (anomaly != null) {
            out.add(Finding.of("table-slot", String.format("Slot 0x%x of the %s table at 0x%x (address 0x%x) should map 0x%x by its run but maps 0x%x%s",
                    anomaly.slot().index(), table.level(), table.base(), anomaly.slot().address(), anomaly.expected(),
                    anomaly.found() == null ? 0 : anomaly.found(),
                    anomaly.flagsMissing() == 0 ? "" : "; it lacks " + String.join("|", anomaly.missingFlagNames()) + ": a freshly written entry"),
                    Confidence.HIGH, anomaly.slot().line()));
            if (anomaly.slot().mapsFrom() != null) {
                long from = anomaly.slot().mapsFrom();
                long to = anomaly.slot().mapsTo();
                out.add(Finding.of("virtual-range", String.format("That slot maps the user range 0x%x-0x%x", from, to), Confidence.HIGH,
                        anomaly.slot().line(), levelLine(paging, table)));
                userAddress = userAddressIn(out, parsed, slots, from, to);
            }
        } else if (hugePage != null) {
            CheckedWalk user = paging.walks().stream().filter(w -> w.walk().virtual() != null && paging.arch().arch() != null
                    && Boolean.TRUE.equals(paging.arch().arch().isUserAddress(w.walk().virtual())) && w.leaf() != null).findFirst().orElse(null);
            if (user != null && user.leaf().entry().pageSize() > 4096) {
                WalkStep leaf = user.leaf();
                long base = leaf.tableBase() == null ? leaf.entryAddress() & ~0xfffL : leaf.tableBase();
                out.add(Finding.gap(String.format("The %s table that maps 0x%x (its slot 0x%x at 0x%x holds 0x%x) is not dumped: a dump shows whether that slot "
                        + "breaks a run of huge pages that predicts 0x%x.", leaf.level(), user.walk().virtual(), leaf.index(), leaf.entryAddress(),
                        leaf.entry().physical(), hugePage), String.format("rd -p %x 512", base), leaf.line()));
                long span = leaf.entry().pageSize();
                userAddress = userAddressIn(out, parsed, slots, user.walk().virtual() & ~(span - 1), (user.walk().virtual() & ~(span - 1)) + span);
            } else {
                out.add(Finding.gap("No page-table dump and no user walk through a huge page: nothing ties the page to a mapping.",
                        fault != null && fault.faultAddress() != null ? String.format("vtop -c %s <user address>", oops == null ? "<pid>" : oops.pid())
                                : "vtop -c <pid> <user address>"));
            }
        }
        addVma(out, parsed, oops, userAddress);
        addTail(out, parsed, oops, fault, userAddress);
        return out;
    }

    private static Finding hardwareError(ParsedTranscript parsed, HardwareError error, Oops oops) {
        List<HardwareError> event = parsed.hardwareErrors().stream().filter(e -> e.timestamp() != null && error.timestamp() != null
                && Math.abs(e.timestamp() - error.timestamp()) <= SAME_EVENT_SECONDS).toList();
        StringBuilder text = new StringBuilder(String.format("%s %s{%d} at physical address 0x%x",
                error.severity() == null ? "A" : capitalize(error.severity()), error.sectionType() == null ? "hardware error " : error.sectionType() + " ",
                error.record(), error.physicalAddress()));
        if (!error.location().isEmpty()) {
            text.append(" (").append(String.join(" ", error.location().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList())).append(')');
        }
        if (error.errorTypeText() != null) {
            text.append(", ").append(error.errorTypeText());
        }
        VendorRange range = vendorRange(event, error.physicalAddress());
        if (range != null) {
            text.append(String.format("; record {%d} (same event) names the range 0x%x-0x%x", range.record, range.from, range.to));
        }
        List<Integer> lines = new ArrayList<>();
        event.forEach(e -> lines.add(e.span().first()));
        if (oops != null && oops.timestamp() != null && error.timestamp() != null) {
            double dt = oops.timestamp() - error.timestamp();
            text.append(String.format(Locale.ROOT, "; %.1f ms %s the oops", Math.abs(dt) * 1000, dt >= 0 ? "before" : "after"));
            lines.add(oops.line());
        }
        return Finding.of("hardware-error", text.toString(), Confidence.HIGH, lines.toArray(Integer[]::new));
    }

    private record VendorRange(int record, long from, long to) {
    }

    /** A vendor section that holds two little-endian 64-bit addresses around the error address (a page range). */
    private static VendorRange vendorRange(List<HardwareError> event, long pa) {
        for (HardwareError e : event) {
            List<Integer> b = e.vendorData();
            List<Long> words = new ArrayList<>();
            for (int i = 0; i + 8 <= b.size(); i += 8) {
                long w = 0;
                for (int k = 7; k >= 0; k--) {
                    w = (w << 8) | b.get(i + k);
                }
                words.add(w);
            }
            for (int i = 0; i < words.size(); i++) {
                for (int j = i + 1; j < words.size(); j++) {
                    long from = words.get(i);
                    long to = words.get(j);
                    if (from <= pa && pa <= to && to - from < (1L << 30) && from != 0) {
                        return new VendorRange(e.record(), from, to);
                    }
                }
            }
        }
        return null;
    }

    /**
     * Finds the fault's user address in a virtual range. Candidates are the values in the range
     * found in stack words, exception-frame registers and vtop walks; the best-supported wins: a
     * walked address counts most, then a saved register, then a register of the exception frame,
     * then a plain stack word.
     */
    private static Long userAddressIn(List<Finding> out, ParsedTranscript parsed, List<AnnotatedSlot> slots, long from, long to) {
        java.util.Map<Long, Double> score = new java.util.HashMap<>();
        for (AnnotatedSlot s : slots) {
            Long v = s.slot().value();
            if (v != null && v >= from && v < to) {
                score.merge(v, s.kind() == AnnotatedSlot.Kind.SAVED_REGISTER ? 2.0 : 0.1, Double::sum);
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
        for (AnnotatedSlot s : slots) {
            if (s.slot().value() != null && s.slot().value() == address && s.kind() == AnnotatedSlot.Kind.SAVED_REGISTER) {
                where.add(String.format("%s at 0x%x", s.label(), s.slot().address()));
                lines.add(s.slot().line());
            }
        }
        for (Walk w : parsed.walks()) {
            if (w.virtual() != null && w.virtual() == address) {
                where.add("vtop at line " + w.span().first());
                lines.add(w.span().first());
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
        out.add(Finding.of("user-address", String.format("The faulting user address 0x%x lies in it: %s", address, String.join(", ", where)),
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
                out.add(Finding.of("vma", String.format("It belongs to VMA 0x%x-0x%x%s%s", w.vma().start(), w.vma().end(),
                        file.isEmpty() ? ", anonymous" : " backed by " + file, what), Confidence.HIGH, w.vma().line()));
                return;
            }
        }
        out.add(Finding.gap(String.format("No VMA of 0x%x is shown.", userAddress),
                String.format("vtop -c %s %x", oops == null || oops.pid() == null ? "<pid>" : oops.pid(), userAddress)));
    }

    private static void addTail(List<Finding> out, ParsedTranscript parsed, Oops oops, FaultingInstruction fault, Long userAddress) {
        if (oops != null && oops.pid() != null) {
            out.add(Finding.of("task", String.format("Task PID %d \"%s\" on CPU %d faulted%s", oops.pid(), oops.comm(), oops.cpu(),
                    oops.rip() == null ? "" : " in " + oops.rip()), Confidence.HIGH, oops.line() + 1));
        }
        if (fault != null && fault.trapping() != null && oops != null) {
            String text = String.format("It executed %s", fault.trapping().text());
            if (fault.faultAddress() != null) {
                text += String.format(" with %s = 0x%x, %s", fault.faultRegister().toUpperCase(Locale.ROOT), fault.faultAddress(),
                        fault.canonical() ? "a canonical address" : "a non-canonical address: a general protection fault, not a page fault");
            }
            out.add(Finding.of("faulting-instruction", text, Confidence.HIGH, oops.code() == null ? null : oops.code().line()));
        } else if (fault != null && fault.problem() != null) {
            out.add(new Finding("faulting-instruction", "The Code: bytes were not decoded: " + fault.problem(), Confidence.LOW,
                    oops == null || oops.code() == null ? List.of() : List.of(oops.code().line()), null));
        }
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

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
