package org.crashscope.arch.paging;

import java.util.List;

import org.crashscope.arch.Arch;
import org.crashscope.arch.Architectures;
import org.crashscope.transcript.model.Walk;

/**
 * The walks of an architecture whose paging Crashscope does not model (ppc64, s390x, riscv64,
 * loongarch64, mips64) or of an unknown one: every level as crash printed it, with its own flag
 * text, and no judgement.
 */
final class UncheckedPaging implements PagingModel {

    private final Arch arch;

    UncheckedPaging(Arch arch) {
        this.arch = arch;
    }

    @Override
    public CheckedWalk check(Walk walk, Long cr3) {
        String why = Architectures.of(arch).shownAsPrinted();
        List<WalkStep> steps = walk.levels().stream()
                .map(l -> new WalkStep(l.level(), l.line(), null, null, l.entryAddress(), null, new RawEntry(l.value(), l.level()), null, l.flagText())).toList();
        return new CheckedWalk(walk, arch, null, why, steps, List.of(), List.of());
    }
}
