package org.crashscope.transcript.model;

import java.util.List;

/**
 * A struct page row of vtop or {@code kmem -p}: {@code ffffd02382be2180 10af886000 0 0 1 17ffffc0400000 hwpoison}.
 *
 * @param flags     the flags word as printed (hex)
 * @param flagNames the decoded flag names crash printed after it
 */
public record PageRow(int line, long page, long physical, Long mapping, Long index, Integer count, Long flags, List<String> flagNames) {

    public PageRow {
        mapping = Shared.number(mapping);
        flags = Shared.number(flags);
        flagNames = Shared.texts(flagNames);
    }
}
