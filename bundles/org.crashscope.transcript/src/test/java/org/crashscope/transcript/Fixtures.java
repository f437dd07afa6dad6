package org.crashscope.transcript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Fixture transcripts of this bundle's {@code src/test/resources/fixtures}. */
final class Fixtures {
    private Fixtures() {
    }

    static Path path(String name) {
        try {
            var url = Fixtures.class.getResource("/fixtures/" + name);
            if (url == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Transcript open(String name) {
        try {
            return Transcript.open(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
