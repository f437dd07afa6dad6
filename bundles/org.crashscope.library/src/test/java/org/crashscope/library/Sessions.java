package org.crashscope.library;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.crashscope.analysis.AnalysisSession;
import org.crashscope.fixtures.SharedFixtures;

/**
 * The facts of the test sessions, analysed once: real crash sessions the project's generator made
 * ({@code releng/vmcore}: two bugs on the kernels 6.1 and 6.12, a memory error under a 2 MiB huge page),
 * the seed and the seed gathered without its table dump (the fixture catalogue's {@code vmcore/} sessions and seeds).
 */
final class Sessions {

    private static final Map<String, CaseFacts> FACTS = new HashMap<>();

    private Sessions() {
    }

    static Path path(String name) {
        if (name.equals("seed")) {
            return SharedFixtures.seed();
        }
        return SharedFixtures.path(name.startsWith("seed") ? name + ".txt" : "vmcore/" + name + ".txt");
    }

    static synchronized CaseFacts facts(String name) {
        return FACTS.computeIfAbsent(name, n -> {
            Path p = path(n);
            try (AnalysisSession s = AnalysisSession.open(p, AnalysisSession.Settings.defaults())) {
                return CaseFacts.of(s.analysis(), p.toString(), CaseFacts.hash(p));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
