package org.crashscope.transcript.model;

/**
 * A line an analyst added to the transcript ({@code <<<----}, {@code [...cut...]}, a label row
 * under a dump such as {@code %rbx  %rbp}): kept with the record it stands beside, never read as data.
 */
public record Annotation(int line, String text) {
}
