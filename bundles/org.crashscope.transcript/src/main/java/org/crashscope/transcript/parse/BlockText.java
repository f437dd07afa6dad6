package org.crashscope.transcript.parse;

import java.util.List;

/** The decoded lines of one block and the number of its first line. */
record BlockText(int first, List<String> lines) {

    int lineNo(int i) {
        return first + i;
    }

    int last() {
        return first + lines.size() - 1;
    }

    int size() {
        return lines.size();
    }

    String get(int i) {
        return lines.get(i);
    }
}
