package org.crashscope.ui.tests;

import org.eclipse.swt.widgets.Display;

/** Asks the UI thread to run a tick every {@value #PERIOD_MS} ms and remembers the longest wait beyond that. */
final class LatencyProbe {
    static final int PERIOD_MS = 10;
    private final Display display;
    private long last = System.nanoTime();
    private long worst;
    private int count;
    private boolean running = true;

    LatencyProbe(Display display) {
        this.display = display;
        display.timerExec(PERIOD_MS, this::tick);
    }

    private void tick() {
        long now = System.nanoTime();
        worst = Math.max(worst, (now - last) / 1_000_000 - PERIOD_MS);
        last = now;
        count++;
        if (running) {
            display.timerExec(PERIOD_MS, this::tick);
        }
    }

    /** How many ticks ran. */
    int count() {
        return count;
    }

    long stop() {
        running = false;
        return worst;
    }
}
