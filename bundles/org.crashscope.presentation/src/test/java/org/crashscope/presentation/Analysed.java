package org.crashscope.presentation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.crashscope.analysis.TranscriptAnalysis;
import org.crashscope.analysis.rules.Rules;
import org.crashscope.fixtures.SharedFixtures;
import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.transcript.parse.TranscriptParser;

/** The shared fixtures parsed and analysed as the front ends do it (shipped rules only). */
final class Analysed {

    private Analysed() {
    }

    static ParsedTranscript parse(String name) {
        try (Transcript t = Transcript.open(SharedFixtures.path(Analysed.class, name))) {
            return TranscriptParser.parse(t);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TranscriptAnalysis analysis(String name) {
        return TranscriptAnalysis.of(parse(name), Rules.load(List.of()));
    }

    static Presentation presentation(String name) {
        return Presentation.of(analysis(name));
    }
}
