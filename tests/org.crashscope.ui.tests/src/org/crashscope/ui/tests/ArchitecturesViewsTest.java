package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.crashscope.diagram.Diagram;
import org.crashscope.diagram.Palette;
import org.crashscope.ui.views.BacktraceView;
import org.crashscope.ui.views.DiagnosisView;
import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.views.WalkView;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The walk and backtrace views on transcripts of other architectures: right, or shown as crash printed them; never flagged wrong. */
class ArchitecturesViewsTest {

    private IWorkbenchWindow window;
    private IWorkbenchPage page;

    @BeforeEach
    void window() {
        window = Seed.cleanWindow();
        page = window.getActivePage();
    }

    private TranscriptEditor open(String name) throws Exception {
        return Seed.openFixture(window, name);
    }

    private static boolean anyRed(Diagram d) {
        return d.shapes().stream().anyMatch(s -> s instanceof Diagram.Text t && t.color() == Palette.ANOMALY_EDGE
                || s instanceof Diagram.Box b && b.stroke() == Palette.ANOMALY_EDGE);
    }

    private static java.util.List<String> texts(Diagram d) {
        return d.shapes().stream().filter(s -> s instanceof Diagram.Text).map(s -> ((Diagram.Text) s).text()).toList();
    }

    @Test
    void anArm64OneGibBlockWalkChecksOutWithArm64Flags() throws Exception {
        TranscriptEditor editor = open("arch/arm64_vtop-1gb-block.txt");
        assertEquals("arm64", editor.presentation().arch().arch().id());
        WalkView view = (WalkView) page.showView(WalkView.ID);
        UiWait.until("the Walk view's walk", () -> view.walk() != null);
        assertEquals(Boolean.TRUE, view.walk().consistent());
        Diagram d = view.canvas().diagram();
        assertTrue(texts(d).stream().anyMatch(t -> t.startsWith("arm64 4K granule, 4 levels (48-bit VA)") && t.contains("checks out")), texts(d).toString());
        assertTrue(texts(d).stream().anyMatch(t -> t.contains("1 GiB page") && t.contains("VALID SHARED AF PXN UXN")), texts(d).toString());
        assertFalse(anyRed(d), "a correct arm64 walk has nothing in red");
        Screenshots.take(window.getShell(), "arch-arm64-1gb-block-walk");
    }

    @Test
    void anS390xWalkIsShownAsCrashPrintedItAndNotJudged() throws Exception {
        TranscriptEditor editor = open("arch/s390x_vtop-user-5level-region-flags.txt");
        assertEquals("s390x", editor.presentation().arch().arch().id());
        WalkView view = (WalkView) page.showView(WalkView.ID);
        UiWait.until("the Walk view's walk", () -> view.walk() != null);
        assertNull(view.walk().consistent());
        assertEquals(5, view.walk().steps().size(), "RFTE, RSTE, RTTE, STE, PTE");
        Diagram d = view.canvas().diagram();
        assertTrue(texts(d).stream().anyMatch(t -> t.startsWith("not checked: s390x paging is not modelled")), texts(d).toString());
        assertTrue(texts(d).stream().anyMatch(t -> t.contains("flags = 00f; P=0; TF=00; I=0; TT=11; TL=11")), texts(d).toString());
        assertFalse(anyRed(d), "an unmodelled walk is never drawn as wrong");
        assertTrue(editor.presentation().problems().stream().noneMatch(p -> p.severity() == org.crashscope.presentation.Problems.Severity.ERROR));
        Screenshots.take(window.getShell(), "arch-s390x-walk");
    }

    @Test
    void anI386BtDashFHasFourByteWordsAndNoX8664Registers() throws Exception {
        TranscriptEditor editor = open("i386-bt-f.txt");
        assertEquals("i386", editor.presentation().arch().arch().id());
        BacktraceView view = (BacktraceView) page.showView(BacktraceView.ID);
        UiWait.until("the Backtrace view's stack words", () -> view.slots().getTable().getItemCount() > 0);
        TableItem[] rows = view.slots().getTable().getItems();
        assertEquals(34, rows.length, "every 32-bit word of the two frames");
        TableItem second = Arrays.stream(rows).filter(r -> r.getText(0).equals("c0ceded8")).findFirst().orElseThrow();
        assertEquals("c0cec000", second.getText(1), "4-byte words, 8 digits");
        assertTrue(Arrays.stream(rows).noneMatch(r -> r.getText(2).startsWith("saved r")), "no x86-64 register names");
        DiagnosisView diagnosis = (DiagnosisView) page.showView(DiagnosisView.ID);
        assertNotNull(diagnosis);
        assertTrue(DiagnosisView.sessionLine(editor.presentation()).startsWith("Architecture i386"), DiagnosisView.sessionLine(editor.presentation()));
        page.showView(BacktraceView.ID);
        Screenshots.take(window.getShell(), "arch-i386-bt-f");
    }
}
