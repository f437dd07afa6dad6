package org.crashscope.library;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.crashscope.analysis.AnalysisSession;
import org.crashscope.fixtures.SharedFixtures;

/** The facts of the test sessions (real crash sessions the project's generator made, the seed and a variant), analysed once. */
final class Sessions {

    private static final Map<String, CaseFacts> FACTS = new HashMap<>();

    private Sessions() {
    }

    static Path path(String name) {
        if (name.equals("seed")) {
            return SharedFixtures.seed();
        }
        try {
            return Path.of(Sessions.class.getResource("/cases/" + name + ".txt").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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
