package org.crashscope.ui.tests;

import java.util.function.BooleanSupplier;

import org.eclipse.swt.widgets.Display;

/** Runs the UI event loop while a test waits, so that the workbench can do its work. */
final class UiWait {
    private UiWait() {
    }

    static void settle(Display display, long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    static boolean until(Display display, long timeoutMillis, BooleanSupplier condition) {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            settle(display, 50);
        }
        return condition.getAsBoolean();
    }

    /** A real left click {@code dx, dy} pixels into a box of a diagram view, then the events it causes. */
    static void click(org.crashscope.ui.views.DiagramCanvas canvas, org.crashscope.diagram.Diagram.Box box, int dx, int dy) {
        org.eclipse.swt.widgets.Event down = new org.eclipse.swt.widgets.Event();
        down.button = 1;
        down.x = box.x() + dx;
        down.y = box.y() + dy;
        canvas.canvas().notifyListeners(org.eclipse.swt.SWT.MouseDown, down);
        settle(canvas.canvas().getDisplay(), 100);
    }
}
