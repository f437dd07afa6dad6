package org.crashscope.library;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class FrameDistanceTest {

    @Test
    void theSameFramesAreZeroApartAndNothingInCommonOne() {
        assertEquals(0.0, FrameDistance.between(List.of("a", "b", "c"), List.of("a", "b", "c")));
        assertEquals(1.0, FrameDistance.between(List.of("a", "b"), List.of("x", "y")));
    }

    @Test
    void aSwapOfNeighboursOrAnInlinedFrameCostsOneEdit() {
        assertEquals(0.25, FrameDistance.between(List.of("a", "b", "c", "d"), List.of("a", "c", "b", "d")));
        assertEquals(0.25, FrameDistance.between(List.of("a", "b", "c", "d"), List.of("a", "c", "d")));
    }

    @Test
    void crashesOfAnotherKindAreOneApart() {
        assertEquals(1.0, FrameDistance.between("warning", List.of("a"), "bug", List.of("a")));
    }

    @Test
    void onlyTheFirstSixteenFramesCount() {
        List<String> a = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            a.add("f" + i);
        }
        List<String> b = new java.util.ArrayList<>(a.subList(0, 16));
        b.add("other");
        assertEquals(0.0, FrameDistance.between(a, b));
    }
}
