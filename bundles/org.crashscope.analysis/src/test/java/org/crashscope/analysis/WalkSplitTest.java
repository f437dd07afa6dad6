package org.crashscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.crashscope.arch.paging.CheckedWalk;
import org.crashscope.arch.paging.IndexField;
import org.crashscope.arch.paging.PagingAnalysis;
import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.TranscriptParser;
import org.junit.jupiter.api.Test;

/** A walk's address is split for the page it reached: the views draw these fields and no others. */
class WalkSplitTest {

    @Test
    void aWalkThatEndsAtA1GiBPudLeafHasNoPmdOrPteFieldAndA30BitOffset() throws Exception {
        try (Transcript t = Transcript.open(org.crashscope.fixtures.SharedFixtures.path("vmcore/soft1g-hugetlb.txt"))) {
            CheckedWalk walk = PagingAnalysis.of(TranscriptParser.parse(t)).walks().get(0);
            assertEquals(0x7f5400000000L, walk.walk().virtual());
            assertEquals(List.of("sign", "PGD", "PUD", "offset"), walk.fields().stream().map(IndexField::name).toList());
            IndexField offset = walk.fields().get(3);
            assertEquals(30, offset.bits());
            assertEquals(List.of("PGD", "PUD"), walk.steps().stream().map(s -> s.level()).toList());
            assertEquals(Boolean.TRUE, walk.consistent());
        }
    }
}
