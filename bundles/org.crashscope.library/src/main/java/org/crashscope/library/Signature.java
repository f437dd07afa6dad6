package org.crashscope.library;

import java.util.ArrayList;
import java.util.List;

/**
 * The signature of a case, the key of its bucket, computed from its facts (never from raw text):
 * the crash's kind, its guilty frame and the next {@value #CALLERS} normalised frames below it (its
 * callers), as ABRT/FAF hash a kernel oops and syzbot title a bug; for a hardware case the
 * mechanism the evidence chain shows (a huge page remapped after a memory error) with the function
 * that faulted, since its callers say which program touched the page, not what broke. A custom
 * fingerprint rule ({@link FingerprintRule}) that matches replaces it. Signatures carry the
 * version of this algorithm ({@link #VERSION}): cases are stored with the version they were
 * grouped by, and {@link CaseLibrary#regroup()} recomputes those of an older one.
 *
 * <p>Version 1: {@code KIND: GUILTY < CALLER < CALLER < CALLER}, or {@code hardware: MECHANISM: GUILTY},
 * or {@code KIND: TITLE} when no frame is known (a title in syzkaller's form has its numbers and
 * addresses replaced), or {@code no-crash: CASE} (a bucket of its own) when the text shows no crash.
 */
public final class Signature {

    /** The version of the algorithm below; raise it when it changes. */
    public static final int VERSION = 1;
    /** How many callers of the guilty frame a signature holds. */
    public static final int CALLERS = 3;

    private Signature() {
    }

    /** The signature of a case's facts by this version's algorithm and the custom rules (the first that matches wins). */
    public static String of(CaseFacts facts, List<FingerprintRule> rules) {
        for (FingerprintRule r : rules) {
            if (r.matches(facts)) {
                return "custom: " + r.fingerprint();
            }
        }
        return of(facts);
    }

    /** The signature by this version's algorithm alone. */
    public static String of(CaseFacts facts) {
        if (facts.kind() == null) {
            // nothing to group by: a transcript that shows no crash is a bucket of its own
            return "no-crash: " + Case.idOf(facts.contentHash());
        }
        String guilty = facts.guiltyFrame();
        if (facts.mechanism() != null) {
            return "hardware: " + facts.mechanism() + ": " + (guilty != null ? guilty : facts.kind());
        }
        List<String> path = stack(facts);
        if (path.isEmpty()) {
            return facts.kind() + ": " + (facts.title() != null ? facts.title() : "?");
        }
        return facts.kind() + ": " + String.join(" < ", path);
    }

    /** The frames from the guilty one on (all of them when it is not among them): what frame distance compares. */
    public static List<String> fromGuilty(CaseFacts facts) {
        return fromGuilty(facts.guiltyFrame(), facts.frames());
    }

    static List<String> fromGuilty(String guilty, List<String> frames) {
        int at = guilty == null ? -1 : frames.indexOf(guilty);
        if (at >= 0) {
            return frames.subList(at, frames.size());
        }
        if (guilty == null) {
            return frames;
        }
        List<String> out = new ArrayList<>();
        out.add(guilty);
        out.addAll(frames);
        return out;
    }

    /** The guilty frame and up to {@value #CALLERS} of its callers, as the frames show them. */
    public static List<String> stack(CaseFacts facts) {
        List<String> frames = facts.frames();
        String guilty = facts.guiltyFrame();
        List<String> out = new ArrayList<>();
        int at = guilty == null ? -1 : frames.indexOf(guilty);
        if (at < 0) {
            if (guilty != null) {
                out.add(guilty);
            }
            return out;
        }
        for (int i = at; i < frames.size() && out.size() <= CALLERS; i++) {
            out.add(frames.get(i));
        }
        return out;
    }
}
