package org.crashscope.transcript.model;

import java.util.List;

/**
 * The {@code Code:} line of an oops: the bytes around the faulting instruction.
 *
 * @param trapIndex the index of the byte in {@code <xx>} (x86) or the word in {@code (xxxxxxxx)}
 *                  (arm64), or -1 when the line has no marker (old klogd)
 */
public record CodeBytes(int line, List<Integer> bytes, int trapIndex) {
}
