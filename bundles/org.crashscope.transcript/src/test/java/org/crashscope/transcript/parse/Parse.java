package org.crashscope.transcript.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.crashscope.transcript.Transcript;

/** Parses fixtures and inline text for tests. */
final class Parse {
    private Parse() {
    }

    static ParsedTranscript fixture(String name) {
        try (Transcript t = Transcript.open(org.crashscope.fixtures.SharedFixtures.path(Parse.class, name))) {
            return TranscriptParser.parse(t);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedTranscript text(String text) {
        try (Transcript t = Transcript.of("inline", text.getBytes(StandardCharsets.UTF_8))) {
            return TranscriptParser.parse(t);
        }
    }
}
