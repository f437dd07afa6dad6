package org.crashscope.ui;

import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.x86.PagingAnalysis;

/** What the views show about one open transcript: its records and the paging analyses. */
public record TranscriptAnalysis(ParsedTranscript parsed, PagingAnalysis paging) {

    public static TranscriptAnalysis of(ParsedTranscript parsed) {
        return new TranscriptAnalysis(parsed, PagingAnalysis.of(parsed));
    }
}
