package org.crashscope.transcript;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The scan of a large transcript on two threads: a reader copies the file in 1 MiB chunks and
 * finds their line ends; the calling thread hands the lines to the visitor in order. Line ends
 * are the reader's whole job, so the visitor's per-line work and the byte scan overlap.
 */
final class PipelinedScan {

    private static final int CHUNK = 1 << 20;
    private static final int IN_FLIGHT = 4;

    /** A chunk of the file and the positions of its {@code \\n} bytes. */
    private static final class Slab {
        final byte[] buf = new byte[CHUNK];
        int[] newlines = new int[CHUNK / 32];
        long position;
        int length;
        int count;
    }

    private static final Slab END = new Slab();

    private final ByteSource bytes;
    private final BlockingQueue<Slab> full = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
    private final BlockingQueue<Slab> free = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
    private volatile Throwable failure;

    PipelinedScan(ByteSource bytes) {
        this.bytes = bytes;
        for (int i = 0; i < IN_FLIGHT; i++) {
            free.add(new Slab());
        }
    }

    void run(LineVisitor visitor, LineIndex index) {
        Thread reader = Thread.ofPlatform().daemon().name("crashscope-scan").start(this::read);
        try {
            visit(visitor, index);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scan interrupted", e);
        } finally {
            reader.interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("scan failed", failure);
        }
    }

    private void read() {
        try {
            long size = bytes.size();
            long pos = 0;
            while (pos < size) {
                Slab slab = free.take();
                slab.position = pos;
                slab.length = bytes.read(pos, slab.buf, 0, CHUNK);
                if (slab.length <= 0) {
                    free.add(slab);
                    break;
                }
                slab.count = 0;
                int from = 0;
                int nl;
                while ((nl = LineIndex.indexOfNewline(slab.buf, from, slab.length)) >= 0) {
                    if (slab.count == slab.newlines.length) {
                        slab.newlines = Arrays.copyOf(slab.newlines, slab.count * 2);
                    }
                    slab.newlines[slab.count++] = nl;
                    from = nl + 1;
                }
                full.put(slab);
                pos += slab.length;
            }
        } catch (InterruptedException e) {
            return;
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        try {
            full.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void visit(LineVisitor visitor, LineIndex index) throws InterruptedException {
        int lineNo = 1;
        long lineStart = 0;
        LineIndex.Carry carry = new LineIndex.Carry();
        while (true) {
            Slab slab = full.take();
            if (slab == END) {
                break;
            }
            int from = 0;
            for (int k = 0; k < slab.count; k++) {
                int nl = slab.newlines[k];
                if (carry.active()) {
                    carry.add(slab.buf, from, nl);
                    carry.emit(visitor, lineNo, lineStart, index);
                } else {
                    LineIndex.emit(visitor, lineNo, lineStart, slab.buf, from, nl);
                }
                lineNo++;
                from = nl + 1;
                lineStart = slab.position + from;
            }
            if (from < slab.length) {
                carry.add(slab.buf, from, slab.length);
            }
            free.put(slab);
        }
        if (carry.active()) {
            carry.emit(visitor, lineNo, lineStart, index);
        }
    }
}
