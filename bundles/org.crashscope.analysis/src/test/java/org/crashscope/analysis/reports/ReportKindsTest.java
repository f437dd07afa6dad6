package org.crashscope.analysis.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.crashscope.analysis.AnalysisSession;
import org.crashscope.analysis.chain.CrashReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of report the kernel prints, one small log each (src/test/resources/reports, written
 * for this test): the crash of the log has the kind, the title in syzkaller's form and the guilty
 * function a kernel engineer would name. expected.tsv holds the truth; a row whose fifth column
 * says {@code known: ...} is a case Crashscope still gets wrong: it is reported as skipped with what
 * Crashscope says, and fails once Crashscope gets it right, so that the note is removed.
 */
class ReportKindsTest {

    /** One row of expected.tsv. */
    record Expected(String file, String kind, String title, String guilty, String known) {
        @Override
        public String toString() {
            return file;
        }
    }

    /**
     * Frames that report, trap, sanitize, lock or schedule: never the function to blame, whatever
     * the report (the kernel's printing and trap paths, the sanitizers' runtimes, lock and wait
     * primitives, the checks that found the fault).
     */
    private static final Pattern HELPER = Pattern.compile("^(?:dump_stack.*|show_stack|show_regs|panic|vpanic|nmi_panic|__warn|warn_slowpath.*|report_bug"
            + "|handle_bug|exc_.*|asm_exc_.*|do_trap|do_error_trap|die|__die|die_addr|oops_end|page_fault_oops|kasan_.*|__kasan_.*|print_report"
            + "|print_address_description|kmsan_report|__msan_.*|kcsan_.*|__tsan_.*|__ubsan_handle_.*|ubsan_epilogue|__sanitizer_.*"
            + "|refcount_warn_saturate|usercopy_abort|__check_heap_object|__check_object_size|debug_print_object|debug_check_no_obj_freed"
            + "|__list_del_entry_valid.*|__list_add_valid.*|bad_page|free_page_is_bad_report|__stack_chk_fail|lockdep_rcu_suspicious"
            + "|print_usage_bug|print_deadlock_bug|check_noncircular|mark_lock.*|__lock_acquire|lock_acquire|lock_release|_raw_spin_.*"
            + "|do_raw_spin_.*|native_queued_spin_lock_slowpath|queued_spin_lock_slowpath|mutex_lock.*|__mutex_lock.*|down_read.*|down_write.*"
            + "|percpu_down_.*|__schedule|schedule|schedule_timeout|schedule_preempt_disabled|io_schedule|__schedule_bug|__might_resched"
            + "|__might_sleep|__wait_for_common|wait_for_completion.*|bit_wait_io|__wait_on_bit|out_of_line_wait_on_bit|kfree|strlen|memcpy"
            + "|memset|kmemleak_alloc|__kmalloc.*|kvmalloc_node|post_alloc_hook|get_page_from_freelist|__alloc_pages|alloc_pages"
            + "|nmi_cpu_backtrace|rcu_dump_cpu_stacks|watchdog_timer_fn)$");

    static Path dir() {
        try {
            return Path.of(Objects.requireNonNull(ReportKindsTest.class.getResource("/reports/expected.tsv"), "reports/expected.tsv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Expected> expectations() throws IOException {
        List<Expected> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir().resolve("expected.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            assertTrue(f.length == 4 || f.length == 5, "four or five tab-separated columns: " + line);
            String known = f.length == 5 ? f[4].strip() : null;
            assertTrue(known == null || known.startsWith("known: "), "the fifth column starts with 'known: ': " + line);
            out.add(new Expected(f[0], f[1], f[2], f[3].equals("-") ? null : f[3], known));
        }
        return out;
    }

    static CrashReport crashOf(String file) {
        try (AnalysisSession s = AnalysisSession.open(dir().resolve(file), AnalysisSession.Settings.defaults())) {
            return s.analysis().crash();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String said(CrashReport c) {
        return c == null ? "no crash" : c.kindId() + " | " + c.title() + " | " + (c.guiltyFrame() == null ? "-" : c.guiltyFrame());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void eachReportHasTheKindTitleAndGuiltyFrameAKernelEngineerWouldGiveIt(Expected e) {
        CrashReport crash = crashOf(e.file());
        String want = e.kind() + " | " + e.title() + " | " + (e.guilty() == null ? "-" : e.guilty());
        boolean right = crash != null && e.kind().equals(crash.kindId()) && e.title().equals(crash.title()) && Objects.equals(e.guilty(), crash.guiltyFrame());
        if (e.known() != null) {
            if (right) {
                fail(e.file() + " is now read right (" + want + "): remove its '" + e.known() + "' from expected.tsv");
            }
            Assumptions.abort(e.known() + " (now: " + said(crash) + "; right: " + want + ")");
        }
        assertNotNull(crash, "a crash in " + e.file());
        assertEquals(want, said(crash), crash.evidence());
    }

    @Test
    void everyFixtureHasOneExpectationAndEveryExpectationAFixture() throws IOException {
        TreeSet<String> logs = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir())) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")).forEach(logs::add);
        }
        List<String> rows = expectations().stream().map(Expected::file).toList();
        assertEquals(rows.size(), new TreeSet<>(rows).size(), "no fixture twice in expected.tsv");
        assertEquals(logs, new TreeSet<>(rows));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void theGuiltyFrameIsNeverAReportingLockingOrSchedulingHelper(Expected e) {
        CrashReport crash = crashOf(e.file());
        String guilty = crash == null ? null : crash.guiltyFrame();
        assertFalse(guilty != null && HELPER.matcher(guilty).matches(), e.file() + " blames a helper: " + said(crash));
    }

    /** The reading of a crash that blames a frame after passing over others; the tests that need one do not apply otherwise. */
    private static ReportReader.Reading passingOver(CrashReport crash) {
        Assumptions.assumeTrue(crash != null && crash.oops() != null && crash.guiltyFrame() != null, "no frame blamed");
        ReportReader.Reading reading = ReportReader.linux().read(crash.oops().body());
        Assumptions.assumeTrue(reading != null && reading.guilty() != null && !reading.skipped().isEmpty(), "nothing passed over");
        return reading;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void theEvidenceNamesEveryFramePassedOverBeforeTheGuiltyOne(Expected e) {
        CrashReport crash = crashOf(e.file());
        ReportReader.Reading reading = passingOver(crash);
        assertTrue(crash.evidence().contains("passed over"), crash.evidence());
        for (ReportReader.Skipped s : reading.skipped().subList(0, Math.min(6, reading.skipped().size()))) {
            assertTrue(crash.evidence().contains(s.function() + " (" + s.why() + ")"), s.function() + " missing in: " + crash.evidence());
        }
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void theEvidencePassesOverOnlyFramesAboveTheGuiltyOne(Expected e) {
        CrashReport crash = crashOf(e.file());
        ReportReader.Reading reading = passingOver(crash);
        // the blamed function may be named on a header line and printed again in its stack (KASAN): the frames above its last printing are passed over
        Pattern frame = Pattern.compile("^\\s*(?:\\[<?[0-9a-f]+>?\\]\\s*){0,2}" + Pattern.quote(reading.guiltyRaw()) + "[.+]");
        int last = crash.oops().body().stream().filter(l -> frame.matcher(l.text()).find()).mapToInt(l -> l.line()).max().orElse(reading.guiltyLine());
        int guiltyLast = Math.max(last, reading.guiltyLine());
        List<String> below = reading.skipped().stream().filter(s -> s.line() > guiltyLast).map(s -> s.function() + "@" + s.line()).toList();
        assertTrue(below.isEmpty(), "passed over 'before' line " + reading.guiltyLine() + " but printed after it: " + below + " in " + crash.evidence());
    }

    @ParameterizedTest(name = "{0} passes over {1}")
    @CsvSource(delimiter = '|', value = {
        "kasan-slab-use-after-free.log | strlen",
        "warning-refcount.log | refcount_warn_saturate",
        "warning-odebug.log | debug_print_object",
        "list-del-corruption.log | __list_del_entry_valid_or_report",
        "usercopy.log | __check_object_size",
        "soft-lockup.log | native_queued_spin_lock_slowpath",
        "sleeping-function.log | __might_resched",
        "kmemleak.log | kmemleak_alloc",
        "pasted-without-timestamps.log | __flush_work",
    })
    void theEvidenceSaysWhichHelperWasPassedOverAndWhy(String file, String helper) {
        CrashReport crash = crashOf(file);
        assertNotNull(crash, file);
        Assumptions.assumeTrue(crash.guiltyFrame() != null, "no frame blamed in " + file + " (see its row of expected.tsv)");
        assertTrue(crash.evidence().contains("passed over") && Pattern.compile("\\b" + Pattern.quote(helper) + " \\(").matcher(crash.evidence()).find(),
                "the evidence of " + file + " names " + helper + ": " + crash.evidence());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "kasan-slab-use-after-free.log | bad-access in ",
        "soft-lockup.log | stall in ",
        "hung-task.log | hang in ",
        "guard-page.log | stack-overflow in ",
    })
    void aReportAlsoHasTheAlternativeTitlesItsBugIsKnownBy(String file, String prefix) {
        CrashReport crash = crashOf(file);
        assertTrue(crash.altTitles().stream().anyMatch(t -> t.startsWith(prefix) && t.length() > prefix.length()), crash.altTitles().toString());
        assertFalse(crash.altTitles().contains(crash.title()), "an alternative differs from the title");
    }
}
