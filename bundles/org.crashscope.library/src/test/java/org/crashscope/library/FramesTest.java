package org.crashscope.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

class FramesTest {

    @Test
    void offsetsClonesModulesAndAddressesAreDropped() {
        assertEquals("gup_pgd_range", Frames.normal("gup_pgd_range+0x24c/0xc50"));
        assertEquals("tcp_sendmsg_locked", Frames.normal("tcp_sendmsg_locked.isra.0+0x12/0x40"));
        assertEquals("intel_pmu_enable", Frames.normal("intel_pmu_enable.constprop.3.cold"));
        assertEquals("nvkm_fifo_chan", Frames.normal("nvkm_fifo_chan.part.1 [nouveau]"));
        assertEquals("vmx_vcpu_run", Frames.normal("vmx_vcpu_run+0x3a [kvm_intel 5.14.0]"));
        assertEquals("do_exit", Frames.normal("? do_exit"));
        assertNull(Frames.normal("0xffffffffc0a1b2c3"));
        assertNull(Frames.normal("ffffffffc0a1b2c3"));
        assertNull(Frames.normal("??"));
        assertNull(Frames.normal("<IRQ>"));
    }

    @Test
    void framesWithoutAFunctionAndRepeatsInARowAreLeftOut() {
        assertEquals(List.of("a", "b", "a"), Frames.normal(List.of("a+0x1/0x2", "a.isra.0+0x5/0x9", "0xffffffff81000000", "b", "a")));
    }
}
