package org.crashscope.library;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.crashscope.analysis.Finding;
import org.crashscope.analysis.FindingKind;
import org.crashscope.analysis.Session;
import org.crashscope.analysis.TranscriptAnalysis;
import org.crashscope.analysis.chain.CrashReport;
import org.crashscope.analysis.rules.Diagnosis;
import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.Frame;
import org.crashscope.transcript.model.Oops;

/**
 * What a case records of one analysis, read from the analysis and never from the raw text: the
 * kernel release, architecture and machine of {@code sys}, the crash's kind, title and guilty
 * frame, its frames (normalised, innermost first, from the crash's report or else the panic task's
 * {@code bt}), the mechanism of a hardware case (the chain of the evidence from a memory error), the
 * best diagnosis and its known issue.
 *
 * @param contentHash SHA-256 of the input's bytes, hex: a file is one case however often it is opened
 * @param file        where the input was read, or {@code null}
 * @param kind        the crash kind's id ({@code general-protection-fault}), or {@code null} when the text shows no crash
 * @param frames      the crash's frames, innermost first, normalised ({@link Frames})
 * @param mechanism   for a hardware case, what the evidence chain shows happened ({@link #mechanismOf}), else {@code null}
 * @param knownIssue  the id of the best known issue matched (not a rule that explains a kind), or {@code null}
 */
public record CaseFacts(String contentHash, String file, String release, String arch, String machine, String kind, String title,
        String guiltyFrame, List<String> frames, String mechanism, String diagnosis, String knownIssue, boolean deliberate) {

    public CaseFacts {
        frames = List.copyOf(frames);
    }

    /** The facts of an analysis of {@code file}, whose content hash is {@code contentHash}. */
    public static CaseFacts of(TranscriptAnalysis analysis, String file, String contentHash) {
        Session session = analysis.session();
        CrashReport crash = analysis.crash();
        List<String> frames = Frames.normal(rawFrames(analysis));
        String release = first(session.get("release"), crash != null && crash.oops() != null ? kernelOf(crash.oops().kernel()) : null);
        String arch = analysis.arch() != null && analysis.arch().arch() != null ? analysis.arch().arch().id() : null;
        String machine = first(session.get("nodename"), crash != null && crash.oops() != null ? crash.oops().hardware() : null);
        Diagnosis best = analysis.diagnoses().isEmpty() ? null : analysis.diagnoses().get(0);
        String knownIssue = analysis.diagnoses().stream().filter(d -> !d.rule().explainsAKind()).map(d -> d.rule().id()).findFirst().orElse(null);
        return new CaseFacts(contentHash, file, release, arch, machine, crash == null ? null : crash.kind().id(), crash == null ? null : crash.title(),
                crash == null ? null : Frames.normal(crash.guiltyFrame()), frames, mechanismOf(analysis.findings(), analysis.diagnoses()),
                best == null ? null : best.rule().title(), knownIssue, crash != null && crash.deliberate());
    }

    /** SHA-256 of a file's bytes, in hex. */
    public static String hash(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * The mechanism of a hardware case, from the kinds of the evidence chain's steps that hold: a
     * memory error (a CPER record, a machine check, the memory-failure handler, a soft offline) and
     * what it did to the faulting address (a huge page split or migrated: the page-table slot that
     * breaks its run; a page taken out of use). A known issue that matched and names the broken run
     * among its symptoms says it too, when the transcript lacks the table dump that shows it (the same
     * bug gathered with fewer commands stays in its bucket). {@code null} when the chain starts from no memory error.
     */
    public static String mechanismOf(List<Finding> findings, List<Diagnosis> diagnoses) {
        boolean error = false;
        boolean slot = false;
        boolean page = false;
        for (Finding f : findings) {
            FindingKind k = f.kind();
            if (k == FindingKind.HARDWARE_ERROR || k == FindingKind.MEMORY_FAILURE) {
                error = true;
            } else if (k == FindingKind.TABLE_SLOT) {
                slot = true;
            } else if (k == FindingKind.ERROR_PAGE) {
                page = true;
            }
        }
        if (!error) {
            return null;
        }
        slot |= diagnoses.stream().filter(d -> !d.rule().explainsAKind() && !d.rule().id().startsWith("case-") && d.confidence() >= 0.5)
                .anyMatch(d -> d.rule().symptoms().stream().anyMatch(sy -> "finding".equals(sy.test()) && FindingKind.TABLE_SLOT.id().equals(sy.value())));
        // what the error did, not how it was reported: a CPER record, a machine check and a soft offline of the same page are one mechanism
        return slot ? "huge page remapped after a memory error" : page ? "page taken out of use after a memory error" : "memory error";
    }

    /** The crash's frames as printed: its report's RIP and call trace, else the panic task's bt, else none. */
    private static List<String> rawFrames(TranscriptAnalysis analysis) {
        List<String> out = new ArrayList<>();
        CrashReport crash = analysis.crash();
        Oops oops = crash != null ? crash.oops() : null;
        if (oops != null && (oops.rip() != null || !oops.callTrace().isEmpty())) {
            if (oops.rip() != null) {
                out.add(oops.rip().name());
            }
            out.addAll(oops.callTrace());
            return out;
        }
        Backtrace bt = panicTrace(analysis);
        if (bt != null) {
            for (Frame f : bt.frames()) {
                if (!f.unreliable()) {
                    out.add(f.function());
                }
            }
        }
        return out;
    }

    private static Backtrace panicTrace(TranscriptAnalysis analysis) {
        List<Backtrace> all = analysis.parsed().backtraces();
        Long pid = analysis.session().pid();
        for (Backtrace b : all) {
            if (b.task() != null && pid != null && b.task().pid() == pid && !b.frames().isEmpty()) {
                return b;
            }
        }
        return all.stream().filter(b -> !b.frames().isEmpty() && (b.task() == null || !b.task().idle())).findFirst().orElse(null);
    }

    private static String kernelOf(String oopsKernel) {
        // an oops's head line: "6.1.0-31-amd64 #1 Debian 6.1.128-1": the release is the first word
        if (oopsKernel == null || oopsKernel.isBlank()) {
            return null;
        }
        String s = oopsKernel.strip();
        int space = s.indexOf(' ');
        return space < 0 ? s : s.substring(0, space);
    }

    private static String first(String a, String b) {
        return known(a) ? a : known(b) ? b : null;
    }

    /** A value that names something: the kernel's "(none)" (a machine without a host name) names nothing. */
    private static boolean known(String v) {
        return v != null && !v.isBlank() && !v.equals("(none)");
    }
}
