package org.crashscope.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PaletteTest {

    private static double lightness(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return (Math.max(r, Math.max(g, b)) + Math.min(r, Math.min(g, b))) / 510.0;
    }

    @Test
    void theDarkPaletteSwapsPaperAndInkAndKeepsWhatAColourMeans() {
        assertTrue(lightness(Palette.onDark(Palette.BACKGROUND)) < 0.15, "white paper turns near-black");
        assertTrue(lightness(Palette.onDark(Palette.INK)) > 0.8, "dark ink turns near-white");
        int anomaly = Palette.onDark(Palette.ANOMALY);
        assertTrue(((anomaly >> 16) & 0xff) > (anomaly & 0xff) + 20, "the anomaly stays red: " + Integer.toHexString(anomaly));
        int leaf = Palette.onDark(Palette.LEAF);
        assertTrue((leaf & 0xff) > ((leaf >> 16) & 0xff), "the leaf stays blue: " + Integer.toHexString(leaf));
        assertTrue(lightness(Palette.onDark(Palette.ANOMALY)) < lightness(Palette.onDark(Palette.ANOMALY_EDGE)),
                "a fill stays darker than its edge is light against it");
        assertEquals(Palette.onDark(0x808080) & 0xff, (Palette.onDark(0x808080) >> 8) & 0xff, "grey stays grey");
    }
}
