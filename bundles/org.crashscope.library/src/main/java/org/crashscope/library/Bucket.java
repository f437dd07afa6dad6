package org.crashscope.library;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The cases listed under one signature (with those merged into it), for the Cases view, the
 * CLI and the seen-before section.
 *
 * @param caseIds   its cases, oldest first
 * @param kernels   the kernel releases its cases ran, sorted
 * @param machines  how many machines (by {@code sys}'s node name) its cases come from; cases that name none count as one
 * @param status    the most advanced status of its cases (solved over in progress over new)
 * @param solved    the latest solved case, or {@code null}
 */
public record Bucket(String signature, String title, String kind, List<String> caseIds, OffsetDateTime firstSeen, OffsetDateTime lastSeen,
        List<String> kernels, int machines, CaseStatus status, Case solved) {

    public int count() {
        return caseIds.size();
    }
}
