package org.crashscope.transcript.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A kernel event's form is tried only on messages that start with its pattern's literal text: that text must never be too long. */
class KernelEventParserTest {

    @Test
    void theLiteralPrefixStopsAtThePatternsFirstSyntax() {
        assertEquals("Soft offlining pfn ", KernelEventParser.literalPrefix("^Soft offlining pfn (0x[0-9a-f]+)"));
        assertEquals("soft", KernelEventParser.literalPrefix("^soft[ _]offline: "));
        assertEquals("EDAC ", KernelEventParser.literalPrefix("^EDAC \\S+: \\d+ CE .*$"));
        assertEquals("", KernelEventParser.literalPrefix("^(?:sysrq|SysRq) ?: Trigger a crash.*$"));
    }

    @Test
    void aCharacterAQuantifierMayDropIsNoPartOfIt() {
        assertEquals("SysRq", KernelEventParser.literalPrefix("^SysRq ?: Trigger"));
        assertEquals("Kille", KernelEventParser.literalPrefix("^Killed*"));
        assertEquals("a", KernelEventParser.literalPrefix("^ab{0,2}c"));
        assertEquals("ab", KernelEventParser.literalPrefix("^ab+c"));
    }

    @Test
    void aPatternNotAnchoredHasNone() {
        assertEquals("", KernelEventParser.literalPrefix("EDAC .*"));
    }
}
