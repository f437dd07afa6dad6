package org.crashscope.transcript.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.Walk;
import org.junit.jupiter.api.Test;

/** What the text does not say stays absent; a number out of range is a diagnostic, never a value. */
class NothingInventedTest {

    private final ParsedTranscript p = Parse.fixture("invented-values.txt");

    private List<String> diagnostics() {
        return p.diagnostics().stream().map(d -> d.line() + ": " + d.message()).toList();
    }

    @Test
    void aWalkWithoutAReadableAddressHasNone() {
        Walk w = p.walks().get(0);
        assertNull(w.virtual());
        assertNull(w.physical());
        assertTrue(diagnostics().contains("2: vtop output without a virtual address"), diagnostics().toString());
    }

    @Test
    void sizeTagsThatAreNoPageSizeGiveNoSize() {
        assertEquals(0, p.walks().get(0).pageSize(), "(-1GB): no size");
        assertEquals(0, p.walks().get(1).pageSize(), "(99999999999999999999GB): no size, not 4 KiB");
        assertTrue(diagnostics().contains("2: page size tag is not a page size: -1GB"), diagnostics().toString());
        assertTrue(diagnostics().contains("10: page size tag is not a page size: 99999999999999999999GB"), diagnostics().toString());
    }

    @Test
    void aCountTooWideForItsColumnIsNoFlag() {
        assertTrue(p.kmemPages().get(0).pages().isEmpty(), "the row is not read: " + p.kmemPages().get(0).pages());
        assertTrue(p.diagnostics().stream().map(Diagnostic::message).anyMatch(m -> m.startsWith("page row not understood")), diagnostics().toString());
    }

    @Test
    void anAddressWiderThan64BitsIsADiagnostic() {
        assertTrue(p.memoryDumps().get(0).rows().isEmpty());
        assertTrue(diagnostics().contains("21: the address 123456789012345678901 is wider than 64 bits: the row is not read"), diagnostics().toString());
    }
}
