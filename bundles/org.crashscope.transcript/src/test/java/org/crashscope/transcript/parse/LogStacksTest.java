package org.crashscope.transcript.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.crashscope.transcript.model.Frame;
import org.crashscope.transcript.model.LogStack;
import org.crashscope.transcript.model.Oops;
import org.junit.jupiter.api.Test;

/** The stacks of a kernel report read into bt's frame model, in the shapes the kernel prints them. */
class LogStacksTest {

    private static Oops only(String log) {
        ParsedTranscript parsed = Parse.text(log);
        List<Oops> oopses = parsed.oopses();
        assertEquals(1, oopses.size(), oopses.toString());
        return oopses.get(0);
    }

    @Test
    void aKasanReportHasItsAccessStackAndTheAllocationAndFreeStacksWithSourcesInlinedFramesAndModules() {
        Oops o = only("""
                [  212.402113][ T8312] ==================================================================
                [  212.402190][ T8312] BUG: KASAN: slab-use-after-free in ax25_dev_put+0x2e/0x70
                [  212.402201][ T8312] Read of size 4 at addr ffff88802c4b9e00 by task ax25d/8312
                [  212.402210][ T8312]
                [  212.402215][ T8312] CPU: 1 PID: 8312 Comm: ax25d Not tainted 6.6.0-rc4 #2
                [  212.402221][ T8312] Call Trace:
                [  212.402225][ T8312]  <TASK>
                [  212.402229][ T8312]  __dump_stack lib/dump_stack.c:88 [inline]
                [  212.402233][ T8312]  dump_stack_lvl+0x125/0x1b0 lib/dump_stack.c:106
                [  212.402240][ T8312]  kasan_report+0xda/0x110 mm/kasan/report.c:588
                [  212.402245][ T8312]  ax25_dev_put+0x2e/0x70 net/ax25/ax25_dev.c:121
                [  212.402251][ T8312]  ? ax25_release+0x33/0x60 [ax25]
                [  212.402258][ T8312]  ax25_release+0x3f4/0x920 [ax25]
                [  212.402262][ T8312]  __sock_release+0xae/0x260 net/socket.c:659
                [  212.402266][ T8312]  </TASK>
                [  212.402270][ T8312]
                [  212.402274][ T8312] Allocated by task 8301:
                [  212.402278][ T8312]  kasan_save_stack+0x33/0x50 mm/kasan/common.c:45
                [  212.402282][ T8312]  ax25_dev_device_up+0x5c/0x5b0 net/ax25/ax25_dev.c:55
                [  212.402286][ T8312]
                [  212.402290][ T8312] Freed by task 8305:
                [  212.402294][ T8312]  kfree+0x10c/0x2b0 mm/slab_common.c:1046
                [  212.402298][ T8312]  ax25_dev_device_down+0x1c5/0x2e0 net/ax25/ax25_dev.c:150
                [  212.402302][ T8312]
                [  212.402306][ T8312] The buggy address belongs to the object at ffff88802c4b9e00
                """);
        assertEquals(List.of("Call Trace:", "Allocated by task 8301:", "Freed by task 8305:"), o.stacks().stream().map(LogStack::heading).toList());
        List<Frame> trace = o.stacks().get(0).frames();
        assertEquals("__dump_stack", trace.get(0).function());
        assertEquals("lib/dump_stack.c:88", trace.get(0).source());
        assertEquals(0, trace.get(0).offset(), "an inlined frame has no offset");
        assertEquals(0x125, trace.get(1).offset());
        Frame unreliable = trace.get(4);
        assertTrue(unreliable.unreliable() && unreliable.function().equals("ax25_release") && "ax25".equals(unreliable.module()), unreliable.toString());
        assertEquals("TASK", o.stacks().get(0).sections().get(0));
        assertEquals(List.of("kfree", "ax25_dev_device_down"), o.stacks().get(2).frames().stream().map(Frame::function).toList());
        assertEquals(8312L, o.pid(), "the task line after the access line is read from the report's lines");
        assertEquals(List.of("__dump_stack", "dump_stack_lvl", "kasan_report", "ax25_dev_put", "ax25_release", "__sock_release"), o.callTrace());
    }

    @Test
    void anOldTraceWithAddressesAndAnIrqSectionKeepsTheAddressesAndTheSections() {
        Oops o = only("""
                [ 1801.110522] BUG: soft lockup - CPU#3 stuck for 22s! [kworker/3:1:211]
                [ 1801.110530] CPU: 3 PID: 211 Comm: kworker/3:1 Not tainted 4.9.0 #1
                [ 1801.110560] Call Trace:
                [ 1801.110563]  <IRQ>
                [ 1801.110566]  [<ffffffff810b3a1e>] watchdog_timer_fn+0x1be/0x1e0
                [ 1801.110570]  [<ffffffff810e2c43>] __hrtimer_run_queues+0xf3/0x270
                [ 1801.110574]  <EOI>
                [ 1801.110578]  [<ffffffffa01c2e10>] ? e1000_clean+0x40/0x890 [e1000]
                [ 1801.110582]  [<ffffffffa01c3114>] e1000_clean+0x344/0x890 [e1000]
                [ 1801.110586]  [<ffffffff8107b5a2>] process_one_work+0x1d2/0x430
                """);
        LogStack trace = o.stacks().get(0);
        assertEquals(5, trace.frames().size());
        assertEquals(0xffffffff810b3a1eL, trace.frames().get(0).address());
        assertEquals("IRQ", trace.sections().get(0));
        assertEquals("", trace.sections().get(2), "after <EOI> the task's own frames");
        assertTrue(trace.frames().get(2).unreliable());
        assertEquals("e1000", trace.frames().get(3).module());
    }

    @Test
    void arm64sCallTraceAndLockdepsChainLinksAreStacks() {
        Oops o = only("""
                [  88.412000] Unable to handle kernel paging request at virtual address dead000000000108
                [  88.412100] Internal error: Oops: 0000000096000044 [#1] PREEMPT SMP
                [  88.412200] CPU: 2 PID: 977 Comm: bluetoothd Not tainted 6.1.0 #1
                [  88.412300] pc : hci_conn_del+0x9c/0x2a0
                [  88.412400] lr : hci_conn_del+0x44/0x2a0
                [  88.412500] Call trace:
                [  88.412600]  hci_conn_del+0x9c/0x2a0
                [  88.412700]  hci_conn_hash_flush+0x88/0x100
                [  88.412800]  hci_dev_close_sync+0x1f4/0x480
                """);
        assertEquals(List.of("hci_conn_del", "hci_conn_hash_flush", "hci_dev_close_sync"),
                o.stacks().get(0).frames().stream().map(Frame::function).toList());
        assertNull(o.stacks().get(0).frames().get(0).address());
        assertFalse(o.stacks().get(0).frames().get(0).unreliable());
    }

    @Test
    void powerpcsAndS390sFrameShapesAreFramesAndPowerpcsUnreliableMarkIsKept() {
        Oops ppc = only("""
                [  301.228110] BUG: Kernel NULL pointer dereference on read at 0x00000010
                [  301.228190] CPU: 3 PID: 2210 Comm: nvme Not tainted 6.5.0 #1
                [  301.228260] Call Trace:
                [  301.228290] [c00000000b1bfa30] [c0000000001b3a40] nvme_queue_rq+0x30/0x80 (unreliable)
                [  301.228330] [c00000000b1bfa90] [c0000000008e17cc] blk_mq_dispatch_rq_list+0x1fc/0xa50
                """);
        List<Frame> frames = ppc.stacks().get(0).frames();
        assertEquals(List.of("nvme_queue_rq", "blk_mq_dispatch_rq_list"), frames.stream().map(Frame::function).toList());
        assertTrue(frames.get(0).unreliable() && !frames.get(1).unreliable());
        Oops s390 = only("""
                [   77.101840] Unable to handle kernel pointer dereference in virtual kernel address space
                [   77.101910] CPU: 0 PID: 981 Comm: modprobe Not tainted 6.1.0 #1
                [   77.102010] Call Trace:
                [   77.102040]  [<000000000012f6fa>] dasd_int_handler+0x8a/0x120
                [   77.102080] ([<000000000012f650>] dasd_int_handler+0x30/0x120)
                [   77.102120]  [<0000000000a1c3e4>] ccw_device_irq+0x74/0x140
                """);
        assertEquals(List.of("dasd_int_handler", "dasd_int_handler", "ccw_device_irq"),
                s390.stacks().get(0).frames().stream().map(Frame::function).toList());
    }
}
