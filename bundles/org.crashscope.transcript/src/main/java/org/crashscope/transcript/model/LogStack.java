package org.crashscope.transcript.model;

import java.util.List;

/**
 * A stack a kernel report printed, in the frame model of {@code bt}: the {@code Call Trace:} (or
 * arm64's {@code Call trace:}), KASAN's {@code Allocated by task 1:} and {@code Freed by task 1:},
 * kmemleak's {@code backtrace:}, KMSAN's origins, lockdep's {@code -> #1 (...):} chain links.
 *
 * @param heading the line that opens it, as printed ({@code Call Trace:}, {@code Freed by task 512:});
 *                {@code Report} for frames printed right under the report's first line (KMSAN)
 * @param frames  innermost first; {@code ? } entries are unreliable, inlined frames ({@code [inline]}) have
 *                no offset, {@code <IRQ>}/{@code <NMI>} sections are kept apart by {@link #sections}
 * @param sections the section each frame was printed in ({@code TASK}, {@code IRQ}, {@code NMI}, {@code SOFTIRQ}), or empty
 *                 strings where the kernel printed none; index for index with {@code frames}
 */
public record LogStack(Span span, String heading, List<Frame> frames, List<String> sections) {
}
