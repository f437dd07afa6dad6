package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.crashscope.analysis.AnalysisSession;
import org.crashscope.library.Bucket;
import org.crashscope.library.Case;
import org.crashscope.library.CaseFacts;
import org.crashscope.library.CaseLibrary;
import org.crashscope.library.CaseStatus;
import org.crashscope.ui.cases.CaseLibraries;
import org.crashscope.ui.cases.CasesView;
import org.crashscope.ui.views.DiagnosisView;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The case library in the workbench, on real sessions of one bug on two kernels: a library that has
 * the 6.12 session solved; opening the 6.1 session records it and the Diagnosis view says it was
 * seen before and how it was solved; the Cases view lists the bucket and charts its cases.
 */
class CaseLibraryViewsTest {

    private IWorkbenchWindow window;
    private IWorkbenchPage page;
    private Display display;
    private Path library;

    @BeforeEach
    void window() throws Exception {
        display = Display.getCurrent();
        window = Seed.window();
        page = window.getActivePage();
        window.getShell().setSize(1600, 1000);
        page.closeAllEditors(false);
        library = Files.createTempDirectory("crashscope-cases-ui");
        InstanceScope.INSTANCE.getNode("org.crashscope.ui").put("cases.library", library.toString());
    }

    @AfterEach
    void back() throws Exception {
        InstanceScope.INSTANCE.getNode("org.crashscope.ui").remove("cases.library");
        try (java.util.stream.Stream<Path> files = Files.walk(library)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static Path resource(String path) throws Exception {
        return org.crashscope.fixtures.SharedFixtures.path(path);
    }

    /** The library holds the 6.12 session, solved. */
    private Case solvedOn612() throws Exception {
        Path other = resource("vmcore/k612-both2m-hugetlb.txt");
        try (CaseLibrary lib = CaseLibraries.open(); AnalysisSession s = AnalysisSession.open(other, AnalysisSession.Settings.defaults())) {
            Case c = lib.add(CaseFacts.of(s.analysis(), other.toString(), CaseFacts.hash(other)));
            return lib.update(c.id(), c.version(), CaseStatus.SOLVED, "the soft offline raced the huge page's PMD: hugetlb pages pinned", null, "alice");
        }
    }

    @Test
    void theDiagnosisViewSaysTheCrashWasSeenBeforeAndHowItWasSolved() throws Exception {
        Case solved = solvedOn612();
        Seed.openFixture(window, "vmcore/both2m-hugetlb.txt");
        DiagnosisView view = (DiagnosisView) page.showView(DiagnosisView.ID);
        UiWait.until(display, 20_000, () -> view.seenBefore().text().startsWith("Seen"));
        String text = view.seenBefore().text();
        assertTrue(text.startsWith("Seen 1 time before, since "), text);
        assertTrue(text.contains("on 1 machine, kernels 6.1.0-57-amd64, 6.12.117+deb13-amd64"), text);
        assertTrue(text.contains("<a href=\"" + solved.id() + "\">"), text);
        assertTrue(text.contains("; solved on ") && text.contains(": the soft offline raced the huge page's PMD: hugetlb pages pinned (case "), text);
        // opening it recorded it, once
        try (CaseLibrary lib = CaseLibraries.open()) {
            assertEquals(2, lib.count());
            Bucket b = lib.bucket(solved.bucket());
            assertEquals(2, b.count());
        }
        page.activate(view);
        UiWait.idle();
        Screenshots.take(window.getShell(), "cases-diagnosis-seen-before");
    }

    @Test
    void theCasesViewListsBucketsAndChartsCasesPerWeekAndKernel() throws Exception {
        solvedOn612();
        Seed.openFixture(window, "vmcore/both2m-hugetlb.txt");
        Seed.openFixture(window, "vmcore/ck-softlockup.txt");
        page.showView(DiagnosisView.ID);
        try (CaseLibrary lib = CaseLibraries.open()) {
            UiWait.until(display, 20_000, () -> {
                try {
                    return lib.count() == 3;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }
        CasesView view = (CasesView) page.showView(CasesView.ID);
        view.refresh();
        UiWait.until(display, 20_000, () -> view.buckets().size() == 2 && view.viewer().getTable().getItemCount() == 2);
        Bucket top = view.buckets().get(0);
        assertEquals(2, top.count());
        assertTrue(top.signature().startsWith("hardware: huge page remapped after a memory error: "), top.signature());
        assertEquals("solved", view.viewer().getTable().getItem(0).getText(5).substring(0, 6));
        assertTrue(view.summary().startsWith("2 buckets of 3 cases"), view.summary());
        page.activate(view);
        UiWait.idle();
        Screenshots.take(window.getShell(), "cases-view");
    }
}
