package org.crashscope.transcript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Fixture transcripts of this bundle's {@code src/test/resources/fixtures}. */
final class Fixtures {
    private Fixtures() {
    }

    static Path path(String name) {
        return org.crashscope.fixtures.SharedFixtures.path(Fixtures.class, name);
    }

    static Transcript open(String name) {
        try {
            return Transcript.open(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
