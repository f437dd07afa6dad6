package org.crashscope.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Signatures of real sessions: one bug on two kernels is one signature, two bugs are two. */
class SignatureTest {

    @Test
    void theSameBugOnAnotherKernelAndBootHasOneSignature() {
        assertEquals(Signature.of(Sessions.facts("ck-gpf")), Signature.of(Sessions.facts("k612-ck-gpf")));
        assertEquals("general-protection-fault: ck_walk_gpf < ck_fail < ck_trigger_write < full_proxy_write", Signature.of(Sessions.facts("ck-gpf")));
        assertEquals(Signature.of(Sessions.facts("ck-null")), Signature.of(Sessions.facts("k612-ck-null")));
    }

    @Test
    void differentBugsHaveDifferentSignatures() {
        assertNotEquals(Signature.of(Sessions.facts("ck-gpf")), Signature.of(Sessions.facts("ck-null")));
        assertNotEquals(Signature.of(Sessions.facts("seed")), Signature.of(Sessions.facts("both2m-hugetlb")));
    }

    @Test
    void aHardwareCaseIsSignedByItsMechanismAndTheFaultingFunction() {
        assertEquals("hardware: huge page remapped after a memory error: gup_pgd_range", Signature.of(Sessions.facts("seed")));
        assertEquals(Signature.of(Sessions.facts("both2m-hugetlb")), Signature.of(Sessions.facts("k612-both2m-hugetlb")));
        assertTrue(Signature.of(Sessions.facts("both2m-hugetlb")).startsWith("hardware: huge page remapped after a memory error: "));
    }

    @Test
    void theSeedGatheredWithoutItsTableDumpStaysInTheSeedsBucket() {
        // no rd of the PUD table: the broken run is not shown, but the known issue that matched names it
        assertEquals(Signature.of(Sessions.facts("seed")), Signature.of(Sessions.facts("seed-without-rd-dump")));
    }

    @Test
    void aCustomFingerprintRuleReplacesTheSignature() {
        FingerprintRule rule = new FingerprintRule("gpf-walks", "general-protection-fault|null-pointer-dereference", "ck_walk_.*", "ck walkers");
        assertEquals("custom: ck walkers", Signature.of(Sessions.facts("ck-gpf"), List.of(rule)));
        assertEquals("custom: ck walkers", Signature.of(Sessions.facts("ck-null"), List.of(rule)));
        assertEquals(Signature.of(Sessions.facts("seed")), Signature.of(Sessions.facts("seed"), List.of(rule)));
    }
}
