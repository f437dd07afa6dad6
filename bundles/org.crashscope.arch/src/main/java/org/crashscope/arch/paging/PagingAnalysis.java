package org.crashscope.arch.paging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.crashscope.arch.ArchDetector;
import org.crashscope.arch.ArchFacts;
import org.crashscope.transcript.model.KmemPages;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.PageRow;
import org.crashscope.transcript.model.SoftList;
import org.crashscope.transcript.model.Walk;
import org.crashscope.transcript.parse.ParsedTranscript;

/**
 * The paging analyses of a transcript, by its architecture: its walks read with that
 * architecture's paging model (x86-64 also with the CR3 of an oops), its dumped page tables with
 * their anomalies (confirmed or completed by the kernel's memory-failure lines), and every non-present entry decoded (swap, hwpoison, migration, PROT_NONE) as
 * far as the transcript supports it.
 */
public record PagingAnalysis(ArchFacts arch, List<CheckedWalk> walks, List<PageTable> tables) {

    /**
     * The special swap types whose meaning is known for a kernel, keyed by its release: Debian 12's
     * 6.1 kernels have no DEVICE_PRIVATE, so MAX_SWAPFILES is 32 - 3 (migration) - 1 (hwpoison) -
     * 1 (PTE marker) - 1 (swapin error) = 26 (include/linux/swap.h of 6.1).
     */
    private static final List<Numbering> NUMBERINGS = List.of(new Numbering(Pattern.compile("^6\\.1\\.0-\\d+-(?:cloud-|rt-)?amd64$"), 26, 3,
            "Debian 12's 6.1 kernel: MAX_SWAPFILES 26 (no DEVICE_PRIVATE), so type 26 is SWP_HWPOISON and 27..29 migration"));

    private record Numbering(Pattern release, int hwpoison, int migrationTypes, String source) {
    }

    /** The analyses with the architecture the transcript shows. */
    public static PagingAnalysis of(ParsedTranscript parsed) {
        return of(parsed, ArchDetector.detect(parsed));
    }

    public static PagingAnalysis of(ParsedTranscript parsed, ArchFacts arch) {
        Long cr3 = parsed.oopses().stream().map(Oops::registers).map(r -> r.get("cr3")).filter(v -> v != null).findFirst().orElse(null);
        PagingModel model = arch.architecture().paging();
        Classifier classify = new Classifier(parsed);
        boolean fromCr3 = arch.architecture().topTableFromCr3();
        // checked when asked and held softly: the checks of 200,000 vtops are three times their text, one needs no other
        List<CheckedWalk> walks = SoftList.of(parsed.walks(),
                w -> withNonPresent(model.check(w, w.pgdDirectory() == null && fromCr3 ? cr3 : null), classify));
        List<RetiredPage> retired = retired(parsed);
        List<PageTable> tables = PageTables.reconstruct(parsed.memoryDumps(), walks, arch.architecture(), classify::of).stream()
                .map(t -> LoggedPages.confirm(t, parsed.kernelEvents())).map(t -> RetiredPages.judge(t, retired, walks)).toList();
        return new PagingAnalysis(arch, walks, List.copyOf(tables));
    }

    /**
     * The pages the transcript says were taken out of use or had a memory error, each with its line:
     * hwpoison struct pages, the kernel's memory-failure and soft-offline lines, error records.
     */
    static List<RetiredPage> retired(ParsedTranscript parsed) {
        List<RetiredPage> out = new ArrayList<>();
        for (KmemPages k : parsed.kmemPages()) {
            for (PageRow r : k.pages()) {
                if (r.flagNames().contains("hwpoison")) {
                    out.add(new RetiredPage(r.physical(), r.line(), String.format("kmem -p shows the struct page 0x%x of 0x%x hwpoison", r.page(), r.physical())));
                }
            }
        }
        for (Walk w : parsed.walks()) {
            PageRow r = w.pageRow();
            if (r != null && r.flagNames().contains("hwpoison")) {
                out.add(new RetiredPage(r.physical(), r.line(), String.format("the struct page 0x%x of 0x%x is hwpoison", r.page(), r.physical())));
            }
        }
        for (var e : parsed.kernelEvents()) {
            if (e.physical() != null) {
                switch (e.kind()) {
                    case SOFT_OFFLINE, SOFT_OFFLINE_FAILED, MEMORY_FAILURE, INJECTED_MEMORY_FAILURE, EDAC_CORRECTED, EDAC_UNCORRECTED ->
                            out.add(new RetiredPage(e.physical(), e.span().first(), "the kernel's log: \"" + e.message() + "\""));
                    default -> {
                    }
                }
            }
        }
        for (var h : parsed.hardwareErrors()) {
            if (h.physicalAddress() != null) {
                out.add(new RetiredPage(h.physicalAddress(), lines(h.span()), String.format("error record {%d} names physical address 0x%x", h.record(),
                        h.physicalAddress())));
            }
        }
        for (var m : parsed.machineChecks()) {
            if (m.address() != null && m.status() != null && org.crashscope.arch.x86.Mca.decode(m.status()).addressValid()) {
                out.add(new RetiredPage(m.address(), lines(m.span()), String.format("a machine check names physical address 0x%x", m.address())));
            }
        }
        return out;
    }

    /** The lines of a record, at most 64. */
    private static List<Integer> lines(org.crashscope.transcript.model.Span span) {
        List<Integer> out = new ArrayList<>();
        for (int l = span.first(); l <= span.last() && out.size() < 64; l++) {
            out.add(l);
        }
        return out;
    }

    private static CheckedWalk withNonPresent(CheckedWalk c, Classifier classify) {
        List<WalkStep> steps = c.steps().stream().map(s -> {
            NonPresent np = classify.of(s.entry());
            return np == null ? s : new WalkStep(s.level(), s.line(), s.tableBase(), s.index(), s.entryAddress(), s.expectedEntry(), s.entry(), np,
                    s.flagText());
        }).toList();
        return new CheckedWalk(c.walk(), c.arch(), c.paging(), c.notChecked(), steps, c.checks(), c.fields());
    }

    /**
     * What a non-present entry is: a swap slot when its type is a swap file's; for the special
     * types at the top of the range, hwpoison when a struct page in the frame it names is marked
     * hwpoison (kmem -p, vtop) or when the kernel's numbering is known, migration by that numbering,
     * else only "special"; PROT_NONE by its bit.
     */
    static final class Classifier {
        private final TreeMap<Long, PageRow> poisoned = new TreeMap<>();
        private final Numbering numbering;

        Classifier(ParsedTranscript parsed) {
            for (KmemPages k : parsed.kmemPages()) {
                k.pages().forEach(this::page);
            }
            parsed.walks().stream().map(Walk::pageRow).filter(r -> r != null).forEach(this::page);
            String release = release(parsed);
            this.numbering = release == null ? null : NUMBERINGS.stream().filter(n -> n.release.matcher(release).matches()).findFirst().orElse(null);
        }

        private void page(PageRow row) {
            if (row.flagNames().contains("hwpoison")) {
                poisoned.putIfAbsent(row.physical(), row);
            }
        }

        private static String release(ParsedTranscript parsed) {
            for (var s : parsed.sysInfos()) {
                if (s.get("RELEASE") != null) {
                    return s.get("RELEASE").strip();
                }
            }
            return parsed.oopses().stream().map(Oops::kernel).filter(k -> k != null).findFirst().orElse(null);
        }

        NonPresent of(Entry entry) {
            SwapEntry swap = entry.swap();
            if (swap == null) {
                return null;
            }
            long frame = swap.offset() << 12;
            if (swap.protNone()) {
                return new NonPresent(NonPresent.Kind.PROT_NONE, swap, frame, "bit 8 (PROTNONE) without PRESENT");
            }
            if (!swap.specialRange()) {
                return new NonPresent(NonPresent.Kind.SWAP, swap, null, "type " + swap.type() + " is a swap file's index");
            }
            long span = spanOf(entry.level());
            Map.Entry<Long, PageRow> hit = poisoned.ceilingEntry(frame);
            if (hit != null && hit.getKey() < frame + span) {
                return new NonPresent(NonPresent.Kind.HWPOISON, swap, frame, String.format("its page frame 0x%x holds page 0x%x, marked hwpoison (line %d)",
                        swap.offset(), hit.getKey(), hit.getValue().line()));
            }
            if (numbering != null && swap.type() == numbering.hwpoison) {
                return new NonPresent(NonPresent.Kind.HWPOISON, swap, frame, numbering.source);
            }
            if (numbering != null && swap.type() > numbering.hwpoison && swap.type() <= numbering.hwpoison + numbering.migrationTypes) {
                return new NonPresent(NonPresent.Kind.MIGRATION, swap, frame, numbering.source);
            }
            return new NonPresent(NonPresent.Kind.SPECIAL, swap, frame, "type " + swap.type()
                    + " is among the kernel's special types; which one depends on its configuration (MAX_SWAPFILES)");
        }

        /** How much memory an entry of a level maps: what a page frame it names may be the head of. */
        private static long spanOf(String level) {
            return switch (level) {
                case "PUD" -> 1L << 30;
                case "PMD" -> 2L << 20;
                default -> 4096;
            };
        }
    }
}
