package org.crashscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.crashscope.transcript.parse.ParsedTranscript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.crashscope.analysis.rules.Diagnosis;
import org.crashscope.analysis.rules.KernelStatus;
import org.crashscope.analysis.rules.KnownIssues;
import org.crashscope.analysis.rules.Rule;
import org.crashscope.analysis.rules.Rules;

class DiagnosisTest {

    private static List<Finding> chain(ParsedTranscript parsed) {
        return TranscriptAnalysis.of(parsed, Rules.load(List.of())).findings();
    }

    private static List<Diagnosis> diagnoses(ParsedTranscript parsed) {
        shipped();
        return TranscriptAnalysis.of(parsed, Rules.load(List.of())).diagnoses();
    }

    private static Finding kind(List<Finding> findings, String kind) {
        return findings.stream().filter(f -> f.kind().id().equals(kind)).findFirst().orElseThrow(() -> new AssertionError("no " + kind + " in " + findings));
    }

    private static List<Rule> shipped() {
        Rules.Loaded loaded = Rules.load(List.of());
        assertEquals(List.of(), loaded.problems());
        return loaded.rules();
    }

    @Test
    void seedChainLinksTheErrorToTheFaultingUserAddress() {
        List<Finding> findings = chain(StackSlotAnnotatorTest.parse("seed-kcs-ghes-hugepage-gpf.txt"));
        assertEquals(List.of("hardware-error", "error-page", "table-slot", "virtual-range", "user-address", "vma", "task", "faulting-instruction",
                "crash"), findings.stream().map(f -> f.kind().id()).toList());
        assertTrue(kind(findings, "crash").text().startsWith("general protection fault in gup_pgd_range"), kind(findings, "crash").text());
        Finding error = findings.get(0);
        assertTrue(error.text().contains("0x10af886040"), error.text());
        assertTrue(error.text().contains("8.9 ms before the oops"), error.text());
        assertTrue(error.text().contains("0x10af886000-0x10af886fff"), error.text());
        assertTrue(error.evidence().containsAll(List.of(102, 113, 123)) && error.evidence().stream().allMatch(l -> l >= 102 && l <= 123),
                "every line of the two records of the event (the address and the vendor bytes are on lines of their own) and the oops: " + error.evidence());
        assertTrue(kind(findings, "error-page").text().contains("1 GiB page 0x1080000000"));
        assertTrue(kind(findings, "error-page").text().contains("hwpoison"));
        assertTrue(kind(findings, "table-slot").text().contains("0x2d49ef2228"));
        assertTrue(kind(findings, "table-slot").evidence().containsAll(List.of(102, 160, 194, 197, 225)),
                "the slot, the error record, the hwpoison page, the walk that reads it: " + kind(findings, "table-slot").evidence());
        assertTrue(kind(findings, "virtual-range").text().contains("0x7f1140000000-0x7f1180000000"));
        Finding user = kind(findings, "user-address");
        assertTrue(user.text().contains("0x7f1148cdf000"), user.text());
        assertTrue(user.text().contains("saved rbx"), user.text());
        assertTrue(user.evidence().contains(175) && user.evidence().contains(194) && user.evidence().contains(68), "the saved rbx, the line of the vtop that prints the address, the exception frame: " + user.evidence());
        assertTrue(kind(findings, "vma").text().contains("0x7f0a40000000-0x7f1240000000"));
        assertTrue(kind(findings, "vma").text().contains("/dev/hugepages/"));
        assertTrue(kind(findings, "task").text().contains("PID 20191 \"CPU 3/KVM\""));
        assertTrue(kind(findings, "faulting-instruction").text().contains("non-canonical"));
        assertTrue(findings.stream().noneMatch(Finding::isGap));
    }

    @Test
    void withoutTheRdDumpTheChainStillReachesTheUserAddressAndAsksForTheDump() {
        List<Finding> findings = chain(StackSlotAnnotatorTest.parse("seed-without-rd-dump.txt"));
        Finding gap = findings.stream().filter(Finding::isGap).findFirst().orElseThrow();
        assertEquals("rd -p 2d49ef2000 512", gap.nextCommand());
        assertTrue(gap.text().contains("slot 0x45"), gap.text());
        assertTrue(kind(findings, "user-address").text().contains("0x7f1148cdf000"));
        assertTrue(kind(findings, "vma").text().contains("hugetlbfs"));
    }

    @Test
    void seedIsDiagnosedAsTheGhesHugepageIssueWithItsFixes() {
        ParsedTranscript seed = StackSlotAnnotatorTest.parse("seed-kcs-ghes-hugepage-gpf.txt");
        List<Diagnosis> diagnoses = diagnoses(seed);
        assertEquals(1, diagnoses.size(), diagnoses.toString());
        Diagnosis d = diagnoses.get(0);
        assertEquals("ghes-hugepage-migration-gup-gpf", d.rule().id());
        assertEquals(List.of("kernel-4.18.0-348.el8", "kernel-4.18.0-305.91.1.el8_4"), d.rule().fixedIn());
        assertEquals("ghes.disable=y", d.rule().workaround());
        assertEquals(KernelStatus.AFFECTED, d.kernelStatus());
        assertEquals("4.18.0-305.34.2.el8_4.x86_64", d.kernel());
        assertEquals(1.0, d.confidence());
        assertTrue(d.missing().isEmpty());
        assertTrue(d.evidence().contains(123));
    }

    @Test
    void theOtherRulesMatchTheirOwnFixturesAndNotTheSeed() {
        ParsedTranscript mce = StackSlotAnnotatorTest.parse("mce-fatal.txt");
        List<Diagnosis> mceDiagnoses = diagnoses(mce);
        assertEquals("fatal-machine-check", mceDiagnoses.get(0).rule().id());
        assertEquals(1.0, mceDiagnoses.get(0).confidence());

        ParsedTranscript hung = StackSlotAnnotatorTest.parse("hung-task.txt");
        List<Diagnosis> hungDiagnoses = diagnoses(hung);
        assertEquals(List.of("hung-task-panic"), hungDiagnoses.stream().map(d -> d.rule().id()).toList());
        assertEquals(KernelStatus.UNKNOWN, hungDiagnoses.get(0).kernelStatus(), "no fix to compare with");

        ParsedTranscript seed = StackSlotAnnotatorTest.parse("seed-kcs-ghes-hugepage-gpf.txt");
        assertFalse(diagnoses(seed).stream()
                .anyMatch(d -> d.rule().id().equals("fatal-machine-check") || d.rule().id().equals("hung-task-panic")));
    }

    @Test
    void kernelStatusUsesStreamsAndRpmOrder() {
        List<String> fixes = List.of("kernel-4.18.0-348.el8", "kernel-4.18.0-305.91.1.el8_4");
        assertEquals(KernelStatus.AFFECTED, KnownIssues.kernelStatus("4.18.0-305.34.2.el8_4.x86_64", fixes));
        assertEquals(KernelStatus.FIXED, KnownIssues.kernelStatus("4.18.0-305.91.1.el8_4.x86_64", fixes));
        assertEquals(KernelStatus.FIXED, KnownIssues.kernelStatus("4.18.0-305.100.1.el8_4.x86_64", fixes), "numeric, not string, order");
        assertEquals(KernelStatus.FIXED, KnownIssues.kernelStatus("4.18.0-372.9.1.el8.x86_64", fixes), "a later minor release has the main-line fix");
        assertEquals(KernelStatus.AFFECTED, KnownIssues.kernelStatus("4.18.0-240.22.1.el8_3.x86_64", fixes), "8.3 has neither fix");
        assertEquals(KernelStatus.UNKNOWN, KnownIssues.kernelStatus(null, fixes));
    }

    @Test
    void userRulesAreLoadedAndBrokenOnesReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mine.json"), """
                {"id": "my-rule", "title": "My rule", "symptoms": [{"id": "s", "text": "a GPF", "oops": "general protection"}]}
                """);
        Files.writeString(dir.resolve("broken.json"), "{\"id\": \"x\", ");
        Rules.Loaded loaded = Rules.load(List.of(dir));
        assertTrue(loaded.rules().stream().anyMatch(r -> r.id().equals("my-rule")));
        assertEquals(1, loaded.problems().size(), loaded.problems().toString());
        assertTrue(loaded.problems().get(0).contains("broken.json"));
        assertNull(loaded.rules().stream().filter(r -> r.id().equals("my-rule")).findFirst().orElseThrow().workaround());
    }
}
