package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import org.crashscope.arch.paging.PageTable;
import org.crashscope.arch.paging.TableSlot;
import org.crashscope.diagram.PageTableDiagram;
import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.handlers.OpenDumpHandler;
import org.crashscope.ui.live.CrashConsoleView;
import org.crashscope.ui.live.LiveSessions;
import org.crashscope.ui.views.BacktraceView;
import org.crashscope.ui.views.PageTableView;
import org.crashscope.ui.views.WalkView;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live workbench as one piece, on the real dump of releng/vmcore/live-fixture.sh: File > Open
 * Dump, the gatherer, a {@code vtop} and a {@code bt -FFls} typed in the Crash Console, a page-table
 * entry double-clicked; each view shows its new block with no tab switch as soon as crash answers (the
 * milliseconds printed; within the one UI limit of a loaded 2-core machine, a second on a quiet one), no command runs twice, the UI thread is measured throughout, and once the sessions
 * end (File > Exit) no crash is left. What is true of the dump comes from the session's own output,
 * never from one boot's numbers.
 */
class LiveWorkbenchTest {

    /** What the Open dialogs return in a test (FileFilters: native dialogs cannot be driven). */
    private static final String DIALOG_ANSWER = "crashscope.test.fileDialogAnswer";

    @TempDir
    Path dir;

    @Test
    void openDumpGatherTypeAndClickEachViewFollowsAndCrashEndsWithTheWorkbench() throws Exception {
        Path fixture = LiveFixture.require();
        Path dump = LiveFixture.dumpIn(dir, fixture);
        Display display = Display.getCurrent();
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        Path transcript = dir.resolve("vmcore.crashscope-session.txt");
        try {
            window.getShell().setSize(1600, 1000);
            window.getActivePage().closeAllEditors(false);
            // File > Open Dump..., the dialog answered with the dump
            System.setProperty(DIALOG_ANSWER, dump.toString());
            window.getService(IHandlerService.class).executeCommand(OpenDumpHandler.ID, null);
            System.clearProperty(DIALOG_ANSWER);
            assertTrue(UiWait.until(display, 120_000, () -> LiveSessions.of(transcript) != null), "crash started: " + LiveSessions.lastMessage());
            assertTrue(UiWait.until(display, 300_000, () -> editor(window) != null && editor(window).presentation() != null
                    && editor(window).presentation().paging().tables().stream().anyMatch(t -> !t.anomalies().isEmpty())), "the gatherer dumped the PMD table");
            Screenshots.take(window.getShell(), "live-1-gathered");
            WalkView walk = (WalkView) window.getActivePage().showView(WalkView.ID);
            BacktraceView backtrace = (BacktraceView) window.getActivePage().showView(BacktraceView.ID);
            PageTableView tables = (PageTableView) window.getActivePage().showView(PageTableView.ID);
            CrashConsoleView console = (CrashConsoleView) window.getActivePage().showView(CrashConsoleView.ID);
            window.getActivePage().activate(editor(window));
            try (UiWatchdog watchdog = UiWatchdog.start("the live workbench: typed commands, a double click")) {
                // a vtop of the next page after a user address the gatherer walked, of the same task, typed in the console
                var architecture = editor(window).presentation().arch().architecture();
                var known = editor(window).presentation().paging().walks().stream().filter(w -> w.walk().virtual() != null
                        && Boolean.TRUE.equals(architecture.isUserAddress(w.walk().virtual())) && w.walk().command().contains("-c")
                        && w.walk().page() != null && w.steps().size() > 2).findFirst().orElseThrow();
                var pid = java.util.regex.Pattern.compile("-c (\\d+)").matcher(known.walk().command());
                assertTrue(pid.find(), known.walk().command());
                String vtop = String.format("vtop -c %s %x", pid.group(1), known.walk().virtual() + 0x1000);
                int walksBefore = editor(window).presentation().paging().walks().size();
                console.type(vtop);
                // the Walk view, behind the console in its stack, shows the walk when it is brought to the front
                long walkMs = untilShown(display, transcript, () -> broughtToFront(walk) && walk.walk() != null
                        && editor(window).presentation().paging().walks().size() > walksBefore && vtop.equals(walk.walk().walk().command().strip()));
                assertTrue(walkMs >= 0 && walkMs < UiWatchdog.LIMIT_MS, "the Walk view showed the typed vtop " + walkMs + " ms after the command ended");
                System.out.println("live workbench: the typed vtop in the Walk view " + walkMs + " ms after crash answered");
                assertEquals(vtop, walk.walk().walk().command().strip(), "the Walk view shows the walk just typed");
                window.getActivePage().bringToTop(walk);
                Screenshots.take(window.getShell(), "live-2-console-vtop-in-walk");

                int tracesBefore = editor(window).presentation().parsed().backtraces().size();
                console.type("bt -FFls");
                long btMs = untilShown(display, transcript, () -> editor(window).presentation().parsed().backtraces().size() > tracesBefore
                        && broughtToFront(backtrace) && backtrace.chooser().text().contains("bt -FFls"));
                assertTrue(btMs >= 0 && btMs < UiWatchdog.LIMIT_MS, "the Backtrace view showed the typed bt -FFls " + btMs + " ms after the command ended");
                System.out.println("live workbench: the typed bt -FFls in the Backtrace view " + btMs + " ms after crash answered");
                window.getActivePage().bringToTop(backtrace);
                Screenshots.take(window.getShell(), "live-3-console-bt-in-backtrace");

                // the walk's upper tables by double clicks: a step of the walk whose table the transcript lacks is read by crash and
                // drawn in the Page Table view; then, in that table, the entry the walk went through opens the next table
                window.getActivePage().activate(walk);
                walk.chooser().pick(editor(window).presentation().paging().walks().indexOf(known));
                List<Long> dumped = editor(window).presentation().paging().tables().stream().map(PageTable::base).toList();
                int upper = -1;
                for (int i = 0; i < known.steps().size() - 1 && upper < 0; i++) {
                    var e = known.steps().get(i).entry();
                    if (e != null && e.modelled() && e.present() && !e.leaf() && !dumped.contains(e.physical())) {
                        upper = i;
                    }
                }
                assertTrue(upper >= 0, "a table of the walk the gatherer did not dump: " + known.steps());
                long base = known.steps().get(upper).entry().physical();
                long nextBase = known.steps().get(upper + 1).entry().physical();
                int tablesBefore = dumped.size();
                walk.openNextTable(upper);
                // (the Page Table view is made visible, but stays behind the Walk view, the active part, in their stack)
                long tableMs = untilShown(display, transcript, () -> editor(window).presentation().paging().tables().size() > tablesBefore
                        && broughtToFront(tables) && tables.table() != null && tables.table().base() == base);
                assertTrue(tableMs >= 0 && tableMs < UiWatchdog.LIMIT_MS, "the Page Table view drew the table the walk's "
                        + known.steps().get(upper).level() + " entry points to " + tableMs + " ms after rd ended");
                System.out.println("live workbench: the " + tables.table().level() + " table at 0x" + Long.toHexString(base) + " drawn " + tableMs
                        + " ms after crash answered");
                window.getActivePage().bringToTop(tables);
                UiWait.idle(); // the slot the walk reads is scrolled to once the table is drawn
                Screenshots.take(window.getShell(), "live-4-walk-step-opened-its-table");
                TableSlot entry = tables.table().slots().stream().filter(t -> !t.empty() && t.entry().present() && t.entry().physical() == nextBase)
                        .findFirst().orElseThrow(() -> new AssertionError("the walk's next entry in the table read"));
                assertEquals(known.steps().get(upper + 1).index(), entry.index(), "the entry the walk reads is the slot its index names");
                assertTrue(UiWait.until(display, 10_000, () -> tables.getSite().getSelectionProvider().getSelection() instanceof
                        org.eclipse.jface.viewers.IStructuredSelection sel && entry.equals(sel.getFirstElement())), "the view selected the slot the walk reads");
                tables.selectSlot(PageTableDiagram.key(entry));
                tables.openSlot(PageTableDiagram.key(entry));
                assertTrue(UiWait.until(display, 60_000, () -> tables.table() != null && tables.table().base() == nextBase),
                        "the double-clicked " + entry + " opened the table it points to");
                Screenshots.take(window.getShell(), "live-5-entry-opened-the-next-table");
                watchdog.close();
                watchdog.assertWithinLimit();
            }
            // read again after every command, a part at a time from where it changed: the editor holds the session's file
            assertTrue(UiWait.until(display, 60_000, () -> {
                try {
                    return editor(window).getDocumentProvider().getDocument(editor(window).getEditorInput()).get().equals(Files.readString(transcript));
                } catch (java.io.IOException e) {
                    return false;
                }
            }), "the editor's text is the session's file");
            // no command ran twice: each crash> line of the session once, but what the analyst typed on purpose
            Map<String, Integer> runs = new TreeMap<>();
            Files.readAllLines(transcript).stream().filter(l -> l.startsWith("crash> ")).forEach(l -> runs.merge(l.strip(), 1, Integer::sum));
            runs.values().removeIf(n -> n == 1);
            assertEquals(Map.of(), runs, "commands run more than once");
            // File > Exit: the advisor ends every session; crash and what it started are gone (as ps shows them)
            var processes = console.session().processes();
            LiveSessions.endAll();
            for (ProcessHandle p : processes) {
                p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            String crash = fixture.resolve("crash").toString();
            assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().map(c -> c.contains(crash) && c.contains(dump.toString()))
                    .orElse(false)), "a crash on this dump is still running");
        } finally {
            System.clearProperty(DIALOG_ANSWER);
            LiveFixture.reset();
        }
    }

    private static TranscriptEditor editor(IWorkbenchWindow window) {
        return window.getActivePage().getActiveEditor() instanceof TranscriptEditor e ? e : null;
    }

    /**
     * Brings {@code view} to the front of its stack, as the analyst does to read it (a view behind
     * another tab shows the transcript in front when it is seen); always true, to be the first term
     * of a condition on what the view shows.
     */
    private static boolean broughtToFront(org.eclipse.ui.IViewPart view) {
        view.getSite().getPage().bringToTop(view);
        return true;
    }

    /**
     * Waits until the transcript stops growing (the command ended: crash printed its next prompt)
     * and then until {@code shown}; the milliseconds from the command's end to the view, or -1.
     */
    private static long untilShown(Display display, Path transcript, BooleanSupplier shown) throws Exception {
        long[] size = {-1};
        long[] ended = {0};
        boolean done = UiWait.until(display, 120_000, () -> {
            try {
                long now = Files.size(transcript);
                if (now != size[0]) {
                    size[0] = now;
                    ended[0] = System.nanoTime();
                }
            } catch (java.io.IOException e) {
                return false;
            }
            return shown.getAsBoolean();
        });
        return done ? (System.nanoTime() - ended[0]) / 1_000_000 : -1;
    }
}
