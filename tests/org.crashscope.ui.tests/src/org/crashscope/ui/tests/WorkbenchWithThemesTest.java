package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.crashscope.diagram.DiagnosisDiagram;
import org.crashscope.ui.views.DiagnosisView;
import org.crashscope.ui.preferences.Preferences;
import org.crashscope.ui.editor.TranscriptEditor;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole window on the seed at 1280x800 and 1920x1080, light and dark. It runs last (its
 * {@code @Order}, with the class orderer of {@code junit-platform.properties}): GTK keeps some dark
 * colours after a switch back to light until a restart, which would tint the other tests' screenshots.
 */
@org.junit.jupiter.api.Order(Integer.MAX_VALUE)
class WorkbenchWithThemesTest {

    private final IWorkbenchWindow window = Seed.window();
    private final IWorkbenchPage page = window.getActivePage();

    @AfterEach
    void lightAgain() {
        Preferences.setDark(false);
        UiWait.idle();
    }

    private static boolean isDark(StyledText text) {
        var background = text.getBackground().getRGB();
        return background.red + background.green + background.blue < 3 * 128;
    }

    private static StyledText text(TranscriptEditor editor) {
        return (StyledText) editor.getAdapter(org.eclipse.swt.widgets.Control.class);
    }

    @Test
    void theWholeWorkbenchOnTheSeedInBothThemesAtBothScreenSizes() throws Exception {
        for (boolean dark : new boolean[] {false, true}) {
            Preferences.setDark(dark);
            UiWait.idle();
            assertEquals(dark, Preferences.isDark());
            for (int[] size : new int[][] {{1280, 800}, {1920, 1080}}) {
                page.resetPerspective();
                TranscriptEditor editor = Seed.openIn(window);
                window.getShell().setSize(size[0], size[1]);
                window.getShell().setLocation(0, 0);
                DiagnosisView diagnosis = (DiagnosisView) page.showView(DiagnosisView.ID);
                UiWait.until("the Diagnosis view's diagram", () -> diagnosis.canvas().diagram() != null);
                var step = diagnosis.canvas().diagram().box(DiagnosisDiagram.key(2));
                UiWait.click(diagnosis.canvas(), step, 20, 10);
                UiWait.until("the editor in the " + (dark ? "dark" : "light") + " theme", () -> isDark(text(editor)) == dark);
                var background = text(editor).getBackground().getRGB();
                boolean darkEditor = background.red + background.green + background.blue < 3 * 128;
                assertEquals(dark, darkEditor, "the editor follows the theme: " + background);
                Screenshots.take(window.getShell(), "workbench-" + (dark ? "dark" : "light") + "-" + size[0] + "x" + size[1]);
            }
        }
    }
}
