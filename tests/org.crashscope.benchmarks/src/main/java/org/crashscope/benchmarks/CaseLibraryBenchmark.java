package org.crashscope.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.crashscope.analysis.AnalysisSession;
import org.crashscope.fixtures.SharedFixtures;
import org.crashscope.library.CaseFacts;
import org.crashscope.library.CaseLibrary;

/**
 * The case library at scale (a benchmark, not a test): imports N cases (default 100,000) made by
 * varying the facts of real sessions (the generator's crashes on two kernels, the seed, a memory
 * error under a huge page: other content, kernel, machine and date; a third of them another bug: a
 * guilty frame of its own, callers dropped or swapped), and times {@code similar} at 1k, 10k and
 * 100k cases (20 queries of crashes not in the library, median and worst). Run by
 * {@code releng/bench/cases-bench.sh [N] [LIBRARY]} (LIBRARY: a folder, default a new temporary one,
 * or a jdbc:postgresql: URL).
 */
public final class CaseLibraryBenchmark {

    private static final String[] SESSIONS = {"ck-gpf", "k612-ck-gpf", "ck-null", "k612-ck-null", "both2m-hugetlb", "k612-both2m-hugetlb", "seed-without-rd-dump"};
    private static final String[] RELEASES = {"4.18.0-305.34.2.el8_4.x86_64", "4.18.0-348.el8.x86_64", "5.14.0-70.13.1.el9_0.x86_64", "5.14.0-427.13.1.el9_4.x86_64",
        "6.1.0-57-amd64", "6.1.0-31-amd64", "6.12.117+deb13-amd64", "6.12.0-124.56.1.el10_1.x86_64", "6.8.0-45-generic", "6.11.0-19-generic"};

    private CaseLibraryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String location = args.length > 1 ? args[1] : Files.createTempDirectory("crashscope-cases-bench").toString();
        List<CaseFacts> bases = new ArrayList<>();
        for (String s : SESSIONS) {
            bases.add(analyse(SharedFixtures.path(s.startsWith("seed") ? s + ".txt" : "vmcore/" + s + ".txt")));
        }
        bases.add(analyse(SharedFixtures.seed()));
        Random random = new Random(20261207);
        System.out.printf("case library benchmark: %,d cases from %d real sessions into %s%n", n, bases.size(), location);
        try (CaseLibrary library = CaseLibrary.open(location)) {
            long start = System.nanoTime();
            long mark = start;
            int[] checkpoints = {1_000, 10_000, 100_000, 1_000_000};
            int next = 0;
            for (int to = 0; to < n;) {
                int from = to + 1;
                to = Math.min(n, to + 1000);
                // an import commits per thousand cases
                int last = to;
                library.transaction(() -> {
                    for (int k = from; k <= last; k++) {
                        library.add(variant(bases.get(random.nextInt(bases.size())), random, "case " + k),
                                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(random.nextInt(365 * 24 * 60)));
                    }
                    return null;
                });
                if (next < checkpoints.length && to == checkpoints[next] || to == n) {
                    double secs = (System.nanoTime() - mark) / 1e9;
                    int since = to - (next == 0 ? 0 : checkpoints[next - 1]);
                    System.out.printf("  import: %,d cases, the last %,d at %,.0f cases/s (%.1f s in all)%n", to, since, since / secs, (System.nanoTime() - start) / 1e9);
                    similar(library, bases, random, to);
                    mark = System.nanoTime();
                    next++;
                }
            }
            System.out.printf("  %,d buckets%n", library.buckets().size());
        }
    }

    private static void similar(CaseLibrary library, List<CaseFacts> bases, Random random, int size) throws Exception {
        double[] ms = new double[20];
        for (int q = 0; q < ms.length; q++) {
            CaseFacts probe = variant(bases.get(q % bases.size()), random, "probe " + size + " " + q);
            long t = System.nanoTime();
            library.similar(probe, 5);
            ms[q] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("  similar at %,d cases: median %.1f ms, worst %.1f ms (20 queries)%n", size, ms[ms.length / 2], ms[ms.length - 1]);
    }

    /** Another case of the same or of another bug: other content, kernel and machine; a third of them another guilty frame or other callers. */
    private static CaseFacts variant(CaseFacts base, Random random, String salt) {
        String hash;
        try {
            hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest((base.contentHash() + salt).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<String> frames = new ArrayList<>(base.frames());
        String guilty = base.guiltyFrame();
        int change = random.nextInt(6);
        if (change == 0 && guilty != null) {
            // another bug of the same kind: a guilty frame of its own (one of 5,000)
            String other = "drv_fn_" + random.nextInt(5_000);
            frames.replaceAll(f -> f.equals(base.guiltyFrame()) ? other : f);
            guilty = other;
        } else if (change == 1 && frames.size() > 3) {
            frames.remove(1 + random.nextInt(frames.size() - 2));
        } else if (change == 2 && frames.size() > 3) {
            int at = 1 + random.nextInt(frames.size() - 2);
            String f = frames.get(at);
            frames.set(at, frames.get(at + 1));
            frames.set(at + 1, f);
        }
        return new CaseFacts(hash, "/cases/" + salt.replace(' ', '-') + ".txt", RELEASES[random.nextInt(RELEASES.length)], base.arch(),
                "host-" + random.nextInt(500), base.kind(), base.title(), guilty, frames, base.mechanism(), base.diagnosis(), base.knownIssue(), base.deliberate());
    }

    private static CaseFacts analyse(Path p) throws Exception {
        try (AnalysisSession s = AnalysisSession.open(p, AnalysisSession.Settings.defaults())) {
            return CaseFacts.of(s.analysis(), p.toString(), CaseFacts.hash(p));
        }
    }
}
