package org.crashscope.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;

import org.crashscope.analysis.AnalysisSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every store of the case library does, run on the embedded one ({@link EmbeddedLibraryTest})
 * and on a real PostgreSQL ({@link PostgresLibraryTest}).
 */
abstract class LibraryContract {

    @TempDir
    Path temp;

    /** A fresh, empty library. */
    abstract CaseLibrary fresh() throws IOException;

    /** Another handle on the library {@code of} (another analyst of the same account). */
    abstract CaseLibrary again(CaseLibrary of) throws IOException;

    @Test
    void aFileIsOneCaseHoweverOftenItIsAdded() throws Exception {
        try (CaseLibrary lib = fresh()) {
            Case first = lib.add(Sessions.facts("ck-gpf"));
            Case second = lib.add(Sessions.facts("ck-gpf"));
            assertEquals(first.id(), second.id());
            assertEquals(1, lib.count());
            assertEquals(2, lib.find(first.id()).orElseThrow().seenCount());
            assertEquals(Signature.VERSION, second.signatureVersion());
        }
    }

    @Test
    void oneBugOnTwoKernelsIsOneBucketAndAnotherBugAnother() throws Exception {
        try (CaseLibrary lib = fresh()) {
            Case a = lib.add(Sessions.facts("ck-gpf"));
            Case b = lib.add(Sessions.facts("k612-ck-gpf"));
            Case c = lib.add(Sessions.facts("ck-null"));
            List<Bucket> buckets = lib.buckets();
            assertEquals(2, buckets.size());
            Bucket gpf = buckets.get(0);
            assertEquals(List.of(a.id(), b.id()), gpf.caseIds());
            assertEquals("general-protection-fault", gpf.kind());
            assertEquals(List.of("6.1.0-57-amd64", "6.12.117+deb13-amd64"), gpf.kernels());
            assertEquals(List.of(c.id()), buckets.get(1).caseIds());
        }
    }

    @Test
    void similarNamesTheBucketOfAKnownCrashAndNoneForANewKind() throws Exception {
        try (CaseLibrary lib = fresh()) {
            Case gpf = lib.add(Sessions.facts("ck-gpf"));
            lib.add(Sessions.facts("ck-null"));
            Similar known = lib.similar(Sessions.facts("k612-ck-gpf"), 5);
            assertEquals(gpf.bucket(), known.bucket());
            assertEquals(gpf.id(), known.nearest().get(0).caseId());
            assertEquals(0.0, known.nearest().get(0).distance());
            Similar fresh = lib.similar(Sessions.facts("seed"), 5);
            assertNull(fresh.bucket());
            assertEquals(List.of(), fresh.nearest());
        }
    }

    @Test
    void peopleMergeAndSplitBuckets() throws Exception {
        try (CaseLibrary lib = fresh()) {
            Case gpf = lib.add(Sessions.facts("ck-gpf"));
            Case gpf2 = lib.add(Sessions.facts("k612-ck-gpf"));
            Case nul = lib.add(Sessions.facts("ck-null"));
            lib.merge(nul.signature(), gpf.signature());
            assertEquals(1, lib.buckets().size());
            assertEquals(3, lib.bucket(nul.signature()).count());
            lib.split(gpf2.id(), lib.find(gpf2.id()).orElseThrow().version(), "gpf on 6.12", "alice");
            assertEquals(2, lib.buckets().size());
            assertEquals(List.of(gpf2.id()), lib.bucket("gpf on 6.12").caseIds());
            lib.unmerge(nul.signature());
            assertEquals(3, lib.buckets().size());
        }
    }

    @Test
    void aFingerprintRuleRegroupsTheCasesItMatches() throws Exception {
        try (CaseLibrary lib = fresh()) {
            lib.add(Sessions.facts("ck-gpf"));
            lib.add(Sessions.facts("ck-null"));
            lib.add(Sessions.facts("seed"));
            assertEquals(2, lib.addRule(new FingerprintRule("walks", "", "ck_walk_.*", "ck walkers")));
            assertEquals(2, lib.bucket("custom: ck walkers").count());
            assertEquals(2, lib.buckets().size());
            // a new case is signed by the rule too
            assertEquals("custom: ck walkers", lib.add(Sessions.facts("k612-ck-null")).signature());
            lib.removeRule("walks");
            assertEquals(3, lib.buckets().size());
        }
    }

    @Test
    void casesOfAnOlderSignatureVersionAreRegrouped() throws Exception {
        try (CaseLibrary lib = fresh()) {
            Case c = lib.add(Sessions.facts("ck-gpf"));
            try (Statement s = lib.connection().createStatement()) {
                s.executeUpdate("UPDATE cases SET signature = 'old algorithm', signature_version = 0");
            }
            assertEquals(0, lib.find(c.id()).orElseThrow().signatureVersion());
            assertEquals(1, lib.regroup());
            assertEquals(c.signature(), lib.find(c.id()).orElseThrow().signature());
            assertEquals(Signature.VERSION, lib.find(c.id()).orElseThrow().signatureVersion());
        }
    }

    @Test
    void twoAnalystsEditingOneCaseLoseNothing() throws Exception {
        try (CaseLibrary alice = fresh(); CaseLibrary bob = again(alice)) {
            Case c = alice.add(Sessions.facts("ck-gpf"));
            Case seenByBob = bob.find(c.id()).orElseThrow();
            Case saved = alice.update(c.id(), c.version(), CaseStatus.IN_PROGRESS, null, "looking at ck_walk_gpf", "alice");
            assertEquals(c.version() + 1, saved.version());
            ConflictException conflict = assertThrows(ConflictException.class,
                    () -> bob.update(c.id(), seenByBob.version(), CaseStatus.SOLVED, "fixed by reverting", null, "bob"));
            assertTrue(conflict.getMessage().contains("changed by alice"), conflict.getMessage());
            assertTrue(conflict.getMessage().contains("nothing was saved"), conflict.getMessage());
            Case now = bob.find(c.id()).orElseThrow();
            assertEquals(CaseStatus.IN_PROGRESS, now.status());
            assertEquals("looking at ck_walk_gpf", now.notes());
            // bob reads again and applies his change: both are kept
            Case both = bob.update(c.id(), now.version(), CaseStatus.SOLVED, "fixed by reverting", null, "bob");
            assertEquals("looking at ck_walk_gpf", both.notes());
            assertEquals("fixed by reverting", both.resolution());
        }
    }

    @Test
    void aCaseCanBeDeleted() throws Exception {
        try (CaseLibrary lib = fresh()) {
            Case c = lib.add(Sessions.facts("ck-gpf"));
            assertTrue(lib.delete(c.id()));
            assertFalse(lib.delete(c.id()));
            assertEquals(0, lib.count());
        }
    }

    @Test
    void anExportImportedElsewhereHasTheSameBucketsAndWhatPeopleSaid() throws Exception {
        String lines;
        String before;
        try (CaseLibrary lib = fresh()) {
            Case c = lib.add(Sessions.facts("ck-gpf"));
            lib.add(Sessions.facts("k612-ck-gpf"));
            Case n = lib.add(Sessions.facts("ck-null"));
            lib.update(c.id(), c.version(), CaseStatus.SOLVED, "reverted the walker", "note\nwith a \"quote\"", "alice");
            lib.merge(n.signature(), c.signature());
            StringWriter w = new StringWriter();
            assertEquals(4, LibraryJson.export(lib, w));
            lines = w.toString();
            before = LibraryJson.buckets(lib.buckets());
        }
        try (CaseLibrary other = CaseLibrary.open(temp.resolve("other").toString())) {
            LibraryJson.Imported r = LibraryJson.importFrom(other, new StringReader(lines + "not json\n"));
            assertEquals(3, r.added());
            assertEquals(1, r.problems().size());
            assertEquals(before, LibraryJson.buckets(other.buckets()));
            assertEquals(0, LibraryJson.importFrom(other, new StringReader(lines)).added());
        }
    }

    @Test
    void aSolvedBucketMadeAKnownIssueIsNamedByLaterMatches() throws Exception {
        try (CaseLibrary lib = fresh()) {
            Case c = lib.add(Sessions.facts("ck-gpf"));
            assertThrows(KnownIssues.NotSolved.class, () -> KnownIssues.make(lib, c.bucket(), List.of(), List.of(), null));
            lib.update(c.id(), c.version(), CaseStatus.SOLVED, "crashkinds' walker reads a freed list: fixed in crashkinds 2", null, "alice");
            KnownIssues.Made made = KnownIssues.make(lib, c.bucket(), List.of("6.12.117"), List.of("https://example.invalid/KB-1"), null);
            assertTrue(lib.knownIssues().containsKey(made.id()));
            Path rules = KnownIssues.materialize(lib, temp.resolve("rules"));
            assertTrue(Files.isRegularFile(rules.resolve(made.id() + ".json")));
            // a later crash of the bucket (the other kernel's) is diagnosed with it; another bug is not
            try (AnalysisSession s = AnalysisSession.open(Sessions.path("k612-ck-gpf"), AnalysisSession.Settings.defaults().withRules(List.of(rules)))) {
                assertTrue(s.analysis().diagnoses().stream().anyMatch(d -> d.rule().id().equals(made.id())), s.analysis().ruleProblems().toString());
            }
            try (AnalysisSession s = AnalysisSession.open(Sessions.path("ck-null"), AnalysisSession.Settings.defaults().withRules(List.of(rules)))) {
                assertFalse(s.analysis().diagnoses().stream().anyMatch(d -> d.rule().id().equals(made.id())));
            }
        }
    }
}
