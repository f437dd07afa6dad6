package org.crashscope.library;

import java.util.List;

/**
 * What the library knows of a crash not yet added: the bucket of its signature when one exists, and
 * the nearest cases by frame distance (one per bucket, nearest first).
 *
 * @param signature the crash's signature
 * @param bucket    the bucket it falls in, or {@code null} when no case has its signature
 */
public record Similar(String signature, String bucket, List<Near> nearest) {

    /** A case near it: {@code distance} 0 (the same frames) to 1. */
    public record Near(String caseId, String signature, String bucket, double distance) {
    }
}
