package org.crashscope.transcript.parse;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.PageRow;

/** Struct page rows ({@code PAGE PHYSICAL MAPPING INDEX CNT FLAGS}), whose columns shift width between crash versions. */
final class PageRows {
    private static final Pattern ROW = Pattern.compile(
            "^\\s*([0-9a-fA-F]{8,16})\\s+([0-9a-fA-F]{1,16})\\s+([0-9a-fA-F]{1,16})?\\s+([0-9a-fA-F]{1,16})\\s+(-?\\d{1,9})\\s+([0-9a-fA-F]{1,16})"
                    // the flag names: words and commas only, so that a column too wide for its pattern never becomes a flag
                    + "(?:\\s+([A-Za-z_][\\w,]*(?:\\s+[A-Za-z_][\\w,]*)*))?\\s*\\\\?\\s*$");
    static final Pattern HEADER = Pattern.compile("^[\\s>]*PAGE\\s+PHYSICAL\\s+(?:MAPPING\\s+INDEX|INODE\\s+OFFSET)\\s+CNT\\s+FLAGS\\s*$");

    private PageRows() {
    }

    static PageRow parse(String line, int lineNo) {
        Matcher m = ROW.matcher(line);
        if (!m.matches()) {
            return null;
        }
        List<String> names = m.group(7) == null || m.group(7).isBlank() ? List.of()
                : Arrays.stream(m.group(7).split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
        return new PageRow(lineNo, Hex.parse(m.group(1)), Hex.parse(m.group(2)), m.group(3) == null ? null : Hex.parse(m.group(3)),
                Hex.parse(m.group(4)), Integer.valueOf(m.group(5)), Hex.parse(m.group(6)), names);
    }
}
