package org.crashscope.arch;

import org.crashscope.arch.paging.PagingModel;

/**
 * An architecture Crashscope shows as crash printed it (ppc64, s390x, riscv64, loongarch64,
 * mips64): its walks are listed level by level and never judged, its Code: is not decoded, no
 * register of a frame is guessed; only its usual user/kernel split is known.
 *
 * @param arch      the architecture
 * @param userLimit where its user space ends (addresses at or above it, and negative ones, are the
 *                  kernel's), or {@code null} when the split is not modelled (s390x, whose user and
 *                  kernel address spaces overlap)
 */
record AsPrinted(Arch arch, Long userLimit) implements Architecture {

    @Override
    public boolean modelled() {
        return false;
    }

    @Override
    public PagingModel paging() {
        return PagingModel.unchecked(arch);
    }

    @Override
    public Boolean isUserAddress(long value) {
        return userLimit == null ? null : value >= 0 && Long.compareUnsigned(value, userLimit) < 0;
    }
}
