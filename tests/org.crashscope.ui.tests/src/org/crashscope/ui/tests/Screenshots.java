package org.crashscope.ui.tests;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Saves a shell as it is drawn on screen, to {@code target/screenshots/NAME.png}. */
final class Screenshots {
    private Screenshots() {
    }

    /**
     * Saves what a window shows. Xvfb has no window manager, so GTK leaves the room of a title bar
     * it never draws at the bottom of the shell's bounds: the picture ends where the client area
     * does (menu bar included).
     */
    static Path take(Shell shell, String name) throws Exception {
        Rectangle bounds = shell.getBounds();
        var area = shell.getClientArea();
        int bottom = shell.toDisplay(area.x, area.y).y + area.height;
        return take(shell, new Rectangle(bounds.x, bounds.y, bounds.width, Math.min(bounds.height, bottom - bounds.y)), name);
    }

    /** Saves the part of the screen a control covers. */
    static Path take(Control control, String name) throws Exception {
        Rectangle area = control.getBounds();
        org.eclipse.swt.graphics.Point origin = control.getParent() == null ? new org.eclipse.swt.graphics.Point(area.x, area.y)
                : control.getParent().toDisplay(area.x, area.y);
        return take(control.getShell(), new Rectangle(origin.x, origin.y, area.width, area.height), name);
    }

    private static Path take(Shell shell, Rectangle bounds, String name) throws Exception {
        Path dir = Path.of(System.getProperty("crashscope.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        Display display = shell.getDisplay();
        UiWait.idle(); // what the test's last step queued (layouts, fills, paints) is on screen
        // the capture and the PNG encoding are the test's own work, not a stall of the workbench
        return UiWatchdog.testsOwn(() -> {
            Image image = new Image(display, bounds.width, bounds.height);
            GC gc = new GC(display);
            try {
                gc.copyArea(image, bounds.x, bounds.y);
            } finally {
                gc.dispose();
            }
            try {
                ImageLoader loader = new ImageLoader();
                loader.data = new ImageData[] {image.getImageData()};
                loader.save(file.toString(), SWT.IMAGE_PNG);
            } finally {
                image.dispose();
            }
            return file;
        });
    }
}
