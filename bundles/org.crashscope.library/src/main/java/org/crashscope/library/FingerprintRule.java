package org.crashscope.library;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A custom fingerprint, as Sentry lets people set one: cases whose kind matches {@code kindPattern}
 * and one of whose frames matches {@code framePattern} get the signature {@code custom: FINGERPRINT}
 * instead of the computed one, so one bug reached by several paths is one bucket. Patterns are RE2
 * (linear time: no rule can hang the library) and match a whole kind id or a whole normalised frame;
 * an empty pattern matches anything.
 */
public record FingerprintRule(String id, String kindPattern, String framePattern, String fingerprint) {

    public FingerprintRule {
        if (fingerprint == null || fingerprint.isBlank()) {
            throw new IllegalArgumentException("a fingerprint rule needs a fingerprint");
        }
        try {
            compile(kindPattern);
            compile(framePattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a pattern: " + e.getMessage(), e);
        }
    }

    public boolean matches(CaseFacts facts) {
        Pattern kind = compile(kindPattern);
        if (kind != null && (facts.kind() == null || !kind.matches(facts.kind()))) {
            return false;
        }
        Pattern frame = compile(framePattern);
        return frame == null || facts.frames().stream().anyMatch(frame::matches)
                || facts.guiltyFrame() != null && frame.matches(facts.guiltyFrame());
    }

    private static Pattern compile(String p) {
        return p == null || p.isBlank() ? null : Pattern.compile(p);
    }
}
