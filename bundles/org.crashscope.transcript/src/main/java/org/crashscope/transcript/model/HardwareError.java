package org.crashscope.transcript.model;

import java.util.List;
import java.util.Map;

/**
 * One GHES/CPER record of a log: the lines {@code {N}[Hardware Error]: ...}.
 *
 * @param record     the N of {@code {N}}
 * @param sourceId   the {@code Generic Hardware Error Source: 4} id, or {@code null}
 * @param location   node, card, module, rank, bank, device, row, column, ... as printed
 * @param vendorData the bytes of a vendor section hex dump (empty when none)
 */
public record HardwareError(Span span, int record, Double timestamp, Integer sourceId, String severity, String sectionType,
        Long errorStatus, Long physicalAddress, Long physicalAddressMask, Map<String, Long> location, Integer errorType,
        String errorTypeText, String fruId, String fruText, String dimm, List<Integer> vendorData, List<Diagnostic> diagnostics)
        implements ParsedRecord {
}
