package org.crashscope.transcript.model;

import java.util.List;

/**
 * What crash said of itself in a block or between blocks (see {@code CrashVoice}): warnings,
 * errors, its own death. Kept apart from the records so that no analysis takes it for the kernel's.
 */
public record CrashOutput(Span span, List<Diagnostic> diagnostics) implements ParsedRecord {
}
