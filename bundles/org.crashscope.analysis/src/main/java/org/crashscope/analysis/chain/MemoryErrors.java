package org.crashscope.analysis.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.arch.paging.CheckedWalk;
import org.crashscope.arch.paging.NonPresent;
import org.crashscope.arch.paging.PageTable;
import org.crashscope.arch.paging.PagingAnalysis;
import org.crashscope.arch.paging.TableSlot;
import org.crashscope.arch.paging.WalkStep;
import org.crashscope.arch.x86.Mca;
import org.crashscope.transcript.model.HardwareError;
import org.crashscope.transcript.model.KernelEvent;
import org.crashscope.transcript.model.KmemPages;
import org.crashscope.transcript.model.MachineCheck;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.PageRow;
import org.crashscope.transcript.model.Walk;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.analysis.Confidence;
import org.crashscope.analysis.Finding;
import org.crashscope.analysis.FindingKind;

/**
 * The evidence that memory failed, wherever the transcript shows it, most direct first: a CPER
 * record with a physical address (GHES, firmware first), an x86 machine check with a valid address,
 * the kernel's own memory-failure lines (an injected failure, the memory-failure handler, EDAC, a
 * soft offline), then a {@code hwpoison} struct page and a hwpoison page-table entry, which say a
 * page was taken out of use without saying why.
 */
final class MemoryErrors {

    /** CPER records of one event are logged within this many seconds of each other. */
    private static final double SAME_EVENT_SECONDS = 0.1;
    private static final Pattern SIGBUS = Pattern.compile("Sending SIGBUS to (.+?):(\\d+) ");

    /** A memory error at {@code physical}, and the finding that states it. */
    record MemoryError(long physical, Finding finding, Object source) {
    }

    private MemoryErrors() {
    }

    /** At most this many errors get a chain of their own (a log of thousands of corrected errors is not a thousand chains). */
    static final int MAX_CHAINS = 8;

    /**
     * The distinct memory errors, most direct evidence first: one per page (an error record and the
     * kernel's line for the same page, or for the huge page that contains it, are one error), at
     * most {@link #MAX_CHAINS}.
     */
    static List<MemoryError> all(ParsedTranscript parsed, PagingAnalysis paging, Oops oops) {
        List<MemoryError> out = new ArrayList<>();
        List<HardwareError> cperEvent = new ArrayList<>();
        for (HardwareError e : parsed.hardwareErrors()) {
            boolean sameEvent = cperEvent.stream().anyMatch(c -> c.timestamp() != null && e.timestamp() != null
                    && Math.abs(c.timestamp() - e.timestamp()) <= SAME_EVENT_SECONDS);
            if (e.physicalAddress() != null && !sameEvent && add(out, new MemoryError(e.physicalAddress(), cper(parsed, e, oops), e))) {
                cperEvent.add(e);
            }
        }
        for (MachineCheck m : parsed.machineChecks()) {
            if (m.address() != null && m.status() != null && Mca.decode(m.status()).addressValid()) {
                add(out, new MemoryError(m.address(), machineCheck(m, oops), m));
            }
        }
        for (KernelEvent.Kind kind : new KernelEvent.Kind[] {KernelEvent.Kind.EDAC_UNCORRECTED, KernelEvent.Kind.EDAC_CORRECTED,
                KernelEvent.Kind.INJECTED_MEMORY_FAILURE, KernelEvent.Kind.MEMORY_FAILURE, KernelEvent.Kind.SOFT_OFFLINE,
                KernelEvent.Kind.SOFT_OFFLINE_FAILED}) {
            for (KernelEvent e : parsed.kernelEvents()) {
                if (e.kind() == kind && e.physical() != null) {
                    add(out, new MemoryError(e.physical(), event(e, oops), e));
                }
            }
        }
        for (KmemPages k : parsed.kmemPages()) {
            for (PageRow r : k.pages()) {
                if (r.flagNames().contains("hwpoison")) {
                    add(out, new MemoryError(r.physical(), Finding.of(FindingKind.HARDWARE_ERROR, String.format("The struct page 0x%x of physical 0x%x is marked hwpoison "
                            + "(line %d): the kernel took the page out of use after a memory error; no error record in the transcript names it",
                            r.page(), r.physical(), r.line()), Confidence.MEDIUM, r.line()), r));
                }
            }
        }
        for (PageTable t : paging.tables()) {
            for (TableSlot s : t.slots()) {
                if (s.nonPresent() != null && s.nonPresent().kind() == NonPresent.Kind.HWPOISON) {
                    add(out, new MemoryError(s.nonPresent().physical(), Finding.of(FindingKind.HARDWARE_ERROR, String.format("Slot 0x%x of the %s table at 0x%x holds %s "
                            + "(%s): the kernel unmapped that page after a memory error; no error record in the transcript names it", s.index(), t.level(),
                            t.base(), s.nonPresent().describe(), s.nonPresent().evidence()), Confidence.MEDIUM, s.line()), s));
                }
            }
        }
        for (CheckedWalk w : paging.walks()) {
            for (WalkStep s : w.steps()) {
                if (s.nonPresent() != null && s.nonPresent().kind() == NonPresent.Kind.HWPOISON) {
                    add(out, new MemoryError(s.nonPresent().physical(), Finding.of(FindingKind.HARDWARE_ERROR, String.format("The walk of 0x%x ends in %s at its %s "
                            + "(%s): the kernel unmapped that page after a memory error", w.walk().virtual(), s.nonPresent().describe(), s.level(),
                            s.nonPresent().evidence()), Confidence.MEDIUM, s.line()), s));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Every line of a span, at most 64 (a record is a few lines; a damaged one is cited by its start). */
    static List<Integer> spanLines(org.crashscope.transcript.model.Span span) {
        List<Integer> out = new ArrayList<>();
        for (int l = span.first(); l <= span.last() && out.size() < 64; l++) {
            out.add(l);
        }
        return out;
    }

    /** Adds an error unless one of the same page is there already (or the list is full); whether it was added. */
    private static boolean add(List<MemoryError> out, MemoryError error) {
        if (out.size() >= MAX_CHAINS || out.stream().anyMatch(e -> samePage(e.physical(), error.physical()) || samePage(error.physical(), e.physical()))) {
            return false;
        }
        out.add(error);
        return true;
    }

    private static Finding machineCheck(MachineCheck m, Oops oops) {
        Mca mca = Mca.decode(m.status());
        StringBuilder text = new StringBuilder(String.format("A%s %s at physical address 0x%x (machine check: CPU %d bank %d, MCi_STATUS 0x%x: %s",
                mca.corrected() ? " corrected" : "n uncorrected", mca.description(), m.address(), m.cpu(), m.bank(), m.status(),
                String.join(" ", mca.flags())));
        if (m.misc() != null) {
            text.append(String.format(", MISC 0x%x", m.misc()));
        }
        text.append(')');
        List<Integer> lines = new ArrayList<>(spanLines(m.span()));
        timing(text, lines, m.timestamp(), oops);
        return Finding.of(FindingKind.HARDWARE_ERROR, text.toString(), Confidence.HIGH, lines.toArray(Integer[]::new));
    }

    private static Finding event(KernelEvent e, Oops oops) {
        String at = e.virtual() == null ? "" : String.format(" at process virtual address 0x%x", e.virtual());
        StringBuilder text = new StringBuilder(switch (e.kind()) {
            case EDAC_UNCORRECTED, EDAC_CORRECTED -> String.format("The memory controller (EDAC) reports a%s memory error in page frame 0x%x: \"%s\"",
                    e.kind() == KernelEvent.Kind.EDAC_CORRECTED ? " corrected" : "n uncorrected", e.pfn(), e.message());
            case INJECTED_MEMORY_FAILURE -> String.format("A memory failure was injected into page frame 0x%x%s (madvise MADV_HWPOISON or hwpoison-inject): "
                    + "a test of the kernel's handling, not a hardware error", e.pfn(), at);
            case MEMORY_FAILURE -> String.format("The kernel's memory-failure handler reports page frame 0x%x: \"%s\"", e.pfn(), e.message());
            case SOFT_OFFLINE -> String.format("The kernel soft-offlined page frame 0x%x%s: it migrates the content of a page that had corrected "
                    + "errors (or was asked to, with MADV_SOFT_OFFLINE) to a new page and takes the old one out of use", e.pfn(), at);
            default -> String.format("The kernel's log names page frame 0x%x: \"%s\"", e.pfn(), e.message());
        });
        List<Integer> lines = new ArrayList<>(List.of(e.span().first()));
        timing(text, lines, e.timestamp(), oops);
        // what the kernel did or was asked to do is not a hardware error; the kind stays (rules match memory errors by it)
        String heading = switch (e.kind()) {
            case SOFT_OFFLINE -> "SOFT OFFLINE";
            case INJECTED_MEMORY_FAILURE -> "INJECTED MEMORY FAILURE";
            case MEMORY_FAILURE -> "MEMORY FAILURE";
            case EDAC_UNCORRECTED, EDAC_CORRECTED -> "MEMORY ERROR (EDAC)";
            default -> "MEMORY FAILURE";
        };
        return Finding.of(FindingKind.HARDWARE_ERROR, text.toString(), Confidence.HIGH, lines.toArray(Integer[]::new)).headed(heading);
    }

    private static void timing(StringBuilder text, List<Integer> lines, Double at, Oops oops) {
        if (oops != null && oops.timestamp() != null && at != null) {
            double dt = oops.timestamp() - at;
            text.append(String.format(Locale.ROOT, "; %s %s the crash report", seconds(Math.abs(dt)), dt >= 0 ? "before" : "after"));
            lines.add(oops.line());
        }
    }

    private static String seconds(double s) {
        return s < 1 ? String.format(Locale.ROOT, "%.1f ms", s * 1000) : String.format(Locale.ROOT, "%.1f s", s);
    }

    /**
     * What the kernel did about the error: its memory-failure and soft-offline lines for the same
     * page (the same 4 KiB frame, or the head frame of a huge page that contains it), or {@code null}.
     */
    static Finding handling(ParsedTranscript parsed, MemoryError error) {
        List<String> parts = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (KernelEvent e : parsed.kernelEvents()) {
            if (e == error.source() || e.physical() == null || !samePage(e.physical(), error.physical())) {
                continue;
            }
            String what = switch (e.kind()) {
                case SOFT_OFFLINE -> String.format("soft-offlined page frame 0x%x%s (its content migrated to a new page)", e.pfn(),
                        e.virtual() == null ? "" : String.format(", mapped at 0x%x", e.virtual()));
                case SOFT_OFFLINE_FAILED -> String.format("could not soft-offline page frame 0x%x: %s", e.pfn(), e.result());
                case MEMORY_FAILURE -> String.format("handled page frame 0x%x: %s", e.pfn(), e.result());
                case INJECTED_MEMORY_FAILURE -> String.format("had a memory failure injected into page frame 0x%x", e.pfn());
                default -> null;
            };
            if (what != null) {
                parts.add(what + " (line " + e.span().first() + ")");
                lines.add(e.span().first());
            }
        }
        return parts.isEmpty() ? null
                : Finding.of(FindingKind.MEMORY_FAILURE, "The kernel " + String.join("; then ", parts), Confidence.HIGH, lines.toArray(Integer[]::new));
    }

    /** The same 4 KiB frame, or {@code head} is the 2 MiB- or 1 GiB-aligned head of a huge page that contains {@code pa}. */
    private static boolean samePage(long head, long pa) {
        if ((head & ~0xfffL) == (pa & ~0xfffL)) {
            return true;
        }
        for (long size : new long[] {2L << 20, 1L << 30}) {
            if ((head & (size - 1)) == 0 && pa >= head && pa - head < size) {
                return true;
            }
        }
        return false;
    }

    /** A struct page marked hwpoison in {@code [base, base + span)}, or {@code null}. */
    static PageRow poisonedRow(ParsedTranscript parsed, long base, long span) {
        for (KmemPages k : parsed.kmemPages()) {
            for (PageRow r : k.pages()) {
                if (r.flagNames().contains("hwpoison") && r.physical() >= base && r.physical() - base < span) {
                    return r;
                }
            }
        }
        for (Walk w : parsed.walks()) {
            PageRow r = w.pageRow();
            if (r != null && r.flagNames().contains("hwpoison") && r.physical() >= base && r.physical() - base < span) {
                return r;
            }
        }
        return null;
    }

    /** The first frame of the page that holds {@code pa} as the kernel's lines name it (a huge page's head), else the 4 KiB frame. */
    static long headOf(ParsedTranscript parsed, long pa) {
        for (KernelEvent e : parsed.kernelEvents()) {
            if (e.physical() != null && samePage(e.physical(), pa)) {
                return e.physical();
            }
        }
        return pa & ~0xfffL;
    }

    /** The process virtual address a log line names for the page of {@code pa}, or {@code null}. */
    static Long virtualOf(ParsedTranscript parsed, long pa) {
        for (KernelEvent e : parsed.kernelEvents()) {
            if (e.virtual() != null && e.physical() != null && (samePage(e.physical(), pa) || samePage(pa, e.physical()))) {
                return e.virtual();
            }
        }
        return null;
    }

    /** The PID of the process that mapped the page, as the memory-failure handler names it ({@code Sending SIGBUS to comm:PID}), else {@code <pid>}. */
    static String pidOf(ParsedTranscript parsed, long pa) {
        for (KernelEvent e : parsed.kernelEvents()) {
            Matcher m = SIGBUS.matcher(e.message());
            if (e.physical() != null && (samePage(pa, e.physical()) || samePage(e.physical(), pa)) && m.find()) {
                return m.group(2);
            }
        }
        return "<pid>";
    }

    private static Finding cper(ParsedTranscript parsed, HardwareError error, Oops oops) {
        List<HardwareError> event = parsed.hardwareErrors().stream().filter(e -> e.timestamp() != null && error.timestamp() != null
                && Math.abs(e.timestamp() - error.timestamp()) <= SAME_EVENT_SECONDS).toList();
        StringBuilder text = new StringBuilder(String.format("%s %s{%d} at physical address 0x%x",
                error.severity() == null ? "A" : Correlation.capitalize(error.severity()), error.sectionType() == null ? "hardware error " : error.sectionType() + " ",
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
        // every line of the records of the event: the address, the location and the vendor bytes are on lines of their own
        List<Integer> lines = new ArrayList<>();
        event.forEach(e -> lines.addAll(spanLines(e.span())));
        if (oops != null && oops.timestamp() != null && error.timestamp() != null) {
            double dt = oops.timestamp() - error.timestamp();
            text.append(String.format(Locale.ROOT, "; %.1f ms %s the oops", Math.abs(dt) * 1000, dt >= 0 ? "before" : "after"));
            lines.add(oops.line());
        }
        return Finding.of(FindingKind.HARDWARE_ERROR, text.toString(), Confidence.HIGH, lines.toArray(Integer[]::new));
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

}
