package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.crashscope.presentation.Outline;
import org.crashscope.report.notes.Note;
import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.editor.Transcripts;
import org.crashscope.ui.notes.NoteOperation;
import org.crashscope.ui.views.BacktraceView;
import org.crashscope.ui.views.HardwareErrorsView;
import org.crashscope.ui.views.RegistersView;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an analyst who uses Eclipse every day expects of the workbench, on the reference case and on a {@code bt -a} session. */
class DailyUseTest {

    @TempDir
    Path dir;

    @Test
    void activatingAViewKeepsTheEditorWhereTheAnalystReads() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        TranscriptEditor editor = Seed.openIn(window);
        editor.revealLines(100, 100);
        page.activate(editor);
        UiWait.idle();
        int before = ((ITextSelection) editor.getSelectionProvider().getSelection()).getStartLine();
        for (String id : new String[] {BacktraceView.ID, HardwareErrorsView.ID, RegistersView.ID, BacktraceView.ID}) {
            page.activate(page.showView(id));
            UiWait.idle(); // everything the activation queued has run
            int now = ((ITextSelection) editor.getSelectionProvider().getSelection()).getStartLine();
            assertEquals(before, now, "activating " + id + " moved the editor's selection");
        }
    }

    @Test
    void theOutlineHasEveryBlockTheLogsRecordsAndTheTitleAndStatusSayWhatIsOpen() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        TranscriptEditor editor = Seed.openIn(window);
        List<String> labels = new ArrayList<>();
        collect(editor.getAdapter(org.eclipse.ui.views.contentoutline.IContentOutlinePage.class) instanceof org.crashscope.ui.editor.TranscriptOutlinePage p
                ? p.nodes() : List.of(), labels);
        assertTrue(labels.contains("backtrace (no prompt)  :62"), labels.toString());
        assertTrue(labels.contains("memory dump (no prompt)  :211"), labels.toString());
        assertTrue(labels.stream().anyMatch(l -> l.startsWith("{1} corrected hardware error at 0x10af886040")), labels.toString());
        assertTrue(labels.stream().anyMatch(l -> l.startsWith("general protection fault")), labels.toString());

        UiWait.until("the window titled after the seed (it is '" + window.getShell().getText() + "')",
                () -> window.getShell().getText().equals("seed-kcs-ghes-hugepage-gpf.txt - Crashscope"));
        assertTrue(editor.status().matches("\\d+ lines, 5 commands; general-protection-fault: general protection fault in gup_pgd_range; \\d+ findings, .*"),
                editor.status());
        assertTrue(editor.status().contains("page-table anomal"), editor.status());

        // File shows its own commands, named once, without a literal '&' or the IDE's extras
        List<String> file = items(window.getShell().getMenuBar().getItem(0).getMenu());
        assertTrue(file.stream().noneMatch(t -> t.contains("&&")), file.toString());
        assertFalse(file.stream().anyMatch(t -> t.startsWith("Open File") || t.startsWith("Convert Line Delimiters")), file.toString());
    }

    @Test
    void aNoteIsMarkedInTheRulerOnItsLines() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        TranscriptEditor editor = Seed.openCopyIn(window, dir);
        assertEquals(0, editor.annotations("org.crashscope.ui.note").size());
        Note note = new Note("n1", 225, 226, "lines", "the slot of the poisoned page", "analyst", "2026-12-01T00:00:00Z");
        PlatformUI.getWorkbench().getOperationSupport().getOperationHistory().execute(NoteOperation.add(editor, note), null, null);
        UiWait.until("the note marked in the ruler", () -> editor.annotations("org.crashscope.ui.note").size() == 1);
        assertEquals("Note: the slot of the poisoned page", editor.annotations("org.crashscope.ui.note").get(0).getText());
        PlatformUI.getWorkbench().getOperationSupport().getOperationHistory().undo(editor.undoContext(), null, null);
        UiWait.until("the undone note unmarked", () -> editor.annotations("org.crashscope.ui.note").isEmpty());
    }

    @Test
    void aBacktraceOfEveryCpuOpensOnThePanicTaskMarkedAndFindsAFunctionInTheOthers() throws Exception {
        Path file = dir.resolve("bt-a.txt");
        StringBuilder text = new StringBuilder("""
                      KERNEL: /usr/lib/debug/boot/vmlinux-6.1.0-37-amd64
                    DUMPFILE: dump.202612011200
                        CPUS: 4
                     RELEASE: 6.1.0-37-amd64
                       PANIC: "Kernel panic - not syncing: sysrq triggered crash"
                         PID: 731
                     COMMAND: "sh"
                        TASK: ffff888104a5c000  [THREAD_INFO: ffff888104a5c000]
                         CPU: 2
                       STATE: TASK_RUNNING (PANIC)

                crash> bt -a
                """);
        for (int cpu = 0; cpu < 4; cpu++) {
            if (cpu == 2) {
                text.append("""
                        PID: 731      TASK: ffff888104a5c000  CPU: 2    COMMAND: "sh"
                         #0 [ffffc90000a3fc50] machine_kexec at ffffffff8106c2e6
                         #1 [ffffc90000a3fca8] __crash_kexec at ffffffff8115b1fa
                         #2 [ffffc90000a3fd68] panic at ffffffff81b1a2e4
                         #3 [ffffc90000a3fde8] sysrq_handle_crash at ffffffff816f3a21
                         #4 [ffffc90000a3fdf0] __handle_sysrq.cold at ffffffff81b31f0e
                         #5 [ffffc90000a3fe20] write_sysrq_trigger at ffffffff816f4148

                        """);
            } else {
                text.append(String.format(Locale.ROOT, """
                        PID: 0        TASK: ffffffff8261%d940  CPU: %d    COMMAND: "swapper/%d"
                         #0 [fffffe000000%de38] crash_nmi_callback at ffffffff81062f41
                         #1 [fffffe000000%de50] nmi_handle at ffffffff81030cc3
                         #2 [fffffe000000%de98] default_do_nmi at ffffffff81b48a24
                        --- <NMI exception stack> ---
                         #3 [ffffc9000008%de98] default_idle at ffffffff81b4b5e0
                         #4 [ffffc9000008%dea8] default_idle_call at ffffffff81b4b8b8
                         #5 [ffffc9000008%deb8] do_idle at ffffffff810f2c4b

                        """, cpu, cpu, cpu, cpu, cpu, cpu, cpu, cpu, cpu, cpu));
            }
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        window.getActivePage().closeAllEditors(false);
        UiWait.analysed(Transcripts.open(window, file));
        BacktraceView view = (BacktraceView) window.getActivePage().showView(BacktraceView.ID);
        UiWait.until("the Backtrace view's traces", () -> view.chooser().count() > 0);
        UiWait.rowFilled(view.frames().getTable(), 0, "the Backtrace view's frames");
        assertEquals(4, view.chooser().count());
        assertTrue(view.chooser().text().startsWith("\u25b6 panic task: PID 731 \"sh\" CPU 2"), view.chooser().text());
        assertEquals("machine_kexec", ((org.crashscope.transcript.model.Frame) view.frames().getElementAt(0)).function());
        view.filter().setText("do_idle"); // filters at once (a Modify listener)
        assertEquals(3, view.chooser().count(), "the function names the idle CPUs");
        view.filter().setText("swapper/3");
        assertEquals(1, view.chooser().count());
        view.filter().setText("");
        Screenshots.take(window.getShell(), "workbench-bt-a");
    }

    private static void collect(List<Outline.Node> nodes, List<String> into) {
        for (Outline.Node n : nodes) {
            into.add(n.label());
            collect(n.children(), into);
        }
    }

    private static List<String> items(Menu menu) {
        menu.notifyListeners(org.eclipse.swt.SWT.Show, new org.eclipse.swt.widgets.Event()); // contributions fill it when shown
        List<String> out = new ArrayList<>();
        for (MenuItem item : menu.getItems()) {
            if (!item.getText().isEmpty()) {
                out.add(item.getText());
            }
        }
        return out;
    }
}
