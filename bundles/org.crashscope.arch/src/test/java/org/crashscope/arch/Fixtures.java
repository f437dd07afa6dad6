package org.crashscope.arch;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.transcript.parse.TranscriptParser;

public final class Fixtures {
    private Fixtures() {
    }

    public static ParsedTranscript parse(String name) {
        try (Transcript t = Transcript.open(org.crashscope.fixtures.SharedFixtures.path(Fixtures.class, name))) {
            return TranscriptParser.parse(t);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
