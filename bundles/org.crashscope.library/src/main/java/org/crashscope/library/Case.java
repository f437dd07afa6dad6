package org.crashscope.library;

import java.time.OffsetDateTime;

/**
 * One case of the library: the facts of an analysis, keyed by the content hash of its input, and
 * what people did with it.
 *
 * @param id         {@code c} and the first 16 hex digits of the content hash: the same file is the same case in every library
 * @param bucket     the bucket it is listed under: its signature, or where a person merged or split it
 * @param seenCount  how often it was added (opened, analysed)
 * @param version    raised by every change people make (status, resolution, notes, bucket): the optimistic lock
 */
public record Case(String id, String account, CaseFacts facts, String signature, int signatureVersion, String bucket, CaseStatus status,
        String resolution, String notes, OffsetDateTime firstSeen, OffsetDateTime lastSeen, int seenCount, OffsetDateTime changedAt,
        String changedBy, int version) {

    /** The id of the case of a file with this content hash. */
    public static String idOf(String contentHash) {
        return "c" + contentHash.substring(0, Math.min(16, contentHash.length()));
    }
}
