package org.crashscope.ui.tests;

import java.util.function.BooleanSupplier;

import org.crashscope.ui.editor.TranscriptEditor;
import org.eclipse.swt.widgets.Display;
import org.opentest4j.AssertionFailedError;

/**
 * How a test waits for the workbench: it runs the UI event loop until what it waits for is there,
 * never for a fixed time, and fails saying what it waited for when that never comes.
 */
final class UiWait {

    /**
     * The longest a test waits for one thing: far beyond what anything awaited here takes on a
     * loaded 2-core machine (the slowest, a 256 MiB transcript's analysis, takes seconds), so
     * reaching it means the thing never came.
     */
    static final long TIMEOUT_MS = 60_000;

    private UiWait() {
    }

    /** Runs the event loop until {@code condition} holds; fails after {@link #TIMEOUT_MS} naming {@code what}. */
    static void until(String what, BooleanSupplier condition) {
        until(what, TIMEOUT_MS, condition);
    }

    /** Runs the event loop until {@code condition} holds, checking it after every event; fails after {@code timeoutMs} naming {@code what}. */
    static void until(String what, long timeoutMs, BooleanSupplier condition) {
        Display display = Display.getCurrent();
        long end = System.nanoTime() + timeoutMs * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionFailedError("waited " + timeoutMs + " ms for " + what);
            }
            if (!display.readAndDispatch()) {
                // woken by the next event, or after 5 ms to look again (a job's result, a file written by crash)
                display.timerExec(5, () -> { });
                display.sleep();
            }
        }
    }

    /** Like {@link #until(String, long, BooleanSupplier)} but says whether it came, for a test that words its own failure. */
    static boolean until(Display display, long timeoutMs, BooleanSupplier condition) {
        long end = System.nanoTime() + timeoutMs * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                return false;
            }
            if (!display.readAndDispatch()) {
                display.timerExec(5, () -> { });
                display.sleep();
            }
        }
        return true;
    }

    /**
     * Runs everything the UI thread has queued (the editor's and views' asyncExecs, layouts,
     * paints) until nothing is left, then flushes the paints to the screen.
     */
    static void idle() {
        Display display = Display.getCurrent();
        long end = System.nanoTime() + TIMEOUT_MS * 1_000_000;
        while (display.readAndDispatch()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionFailedError("the UI thread was still busy after " + TIMEOUT_MS + " ms");
            }
        }
        display.update();
    }

    /** Waits until {@code editor} holds its analysis (made by the opening job), then for what that queued. */
    static TranscriptEditor analysed(TranscriptEditor editor) {
        until(editor.getTitle() + "'s analysis", () -> editor.presentation() != null && !editor.isAnalysing());
        idle();
        return editor;
    }

    /**
     * Waits until row {@code row} of a virtual table holds its element: SWT asks the view for a
     * virtual row's element when the row is first drawn or read ({@code getText} below asks).
     */
    static void rowFilled(org.eclipse.swt.widgets.Table table, int row, String what) {
        until(what + ": row " + row + " filled", () -> {
            if (table.getItemCount() <= row) {
                return false;
            }
            org.eclipse.swt.widgets.TableItem item = table.getItem(row);
            item.getText(0);
            return item.getData() != null;
        });
    }

    /** Waits until the command {@code id} is enabled (handlers follow the active part a moment after it changes). */
    static void enabled(String id) {
        var commands = org.eclipse.ui.PlatformUI.getWorkbench().getService(org.eclipse.ui.commands.ICommandService.class);
        until("command " + id + " enabled", () -> commands.getCommand(id).isEnabled());
    }

    /** Waits until the editor's selection starts at 1-based {@code line} (a view selected its evidence). */
    static void selects(TranscriptEditor editor, int line) {
        until("the editor's selection at line " + line + " (it is at " + selectedLine(editor) + ")", () -> selectedLine(editor) == line);
    }

    static int selectedLine(TranscriptEditor editor) {
        return ((org.eclipse.jface.text.ITextSelection) editor.getSelectionProvider().getSelection()).getStartLine() + 1;
    }

    /** A real left click {@code dx, dy} pixels into a box of a diagram view, then the events it causes. */
    static void click(org.crashscope.ui.views.DiagramCanvas canvas, org.crashscope.diagram.Diagram.Box box, int dx, int dy) {
        org.eclipse.swt.widgets.Event down = new org.eclipse.swt.widgets.Event();
        down.button = 1;
        down.x = box.x() + dx;
        down.y = box.y() + dy;
        canvas.canvas().notifyListeners(org.eclipse.swt.SWT.MouseDown, down);
        idle();
    }
}
