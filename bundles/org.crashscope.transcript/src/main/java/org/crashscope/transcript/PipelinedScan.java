package org.crashscope.transcript;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The scan of a large transcript on three threads: two readers copy the file in 1 MiB chunks, every
 * other chunk each, and find their line ends; the calling thread hands the lines to the visitor in
 * order. Line ends are the readers' whole job, so the visitor's per-line work and the byte scan
 * overlap, and a transcript of short lines (a dump, kmem -p) is not held back by the one reader.
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

    /** How many threads read: chunk k is read by reader k % READERS, and the lines are handed on in chunk order. */
    private static final int READERS = 2;

    private final ByteSource bytes;
    private final java.util.List<BlockingQueue<Slab>> full = new java.util.ArrayList<>();
    private final java.util.List<BlockingQueue<Slab>> free = new java.util.ArrayList<>();
    private volatile Throwable failure;

    PipelinedScan(ByteSource bytes) {
        this.bytes = bytes;
        for (int r = 0; r < READERS; r++) {
            full.add(new ArrayBlockingQueue<>(IN_FLIGHT + 1));
            free.add(new ArrayBlockingQueue<>(IN_FLIGHT + 1));
            for (int i = 0; i < IN_FLIGHT / READERS; i++) {
                free.get(r).add(new Slab());
            }
        }
    }

    void run(LineVisitor visitor, LineIndex index) {
        Thread[] readers = new Thread[READERS];
        for (int r = 0; r < READERS; r++) {
            int reader = r;
            readers[r] = Thread.ofPlatform().daemon().name("crashscope-scan-" + r).start(() -> read(reader));
        }
        try {
            visit(visitor, index);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scan interrupted", e);
        } finally {
            for (Thread reader : readers) {
                reader.interrupt();
            }
        }
        if (failure != null) {
            throw new IllegalStateException("scan failed", failure);
        }
    }

    /** Reads chunks {@code reader}, {@code reader + READERS} ... until the end, or a chunk that comes short (the end, or a file cut under the reader). */
    private void read(int reader) {
        BlockingQueue<Slab> out = full.get(reader);
        try {
            long size = bytes.size();
            for (long chunk = reader; chunk * CHUNK < size; chunk += READERS) {
                Slab slab = free.get(reader).take();
                long pos = chunk * CHUNK;
                slab.position = pos;
                slab.length = bytes.read(pos, slab.buf, 0, CHUNK);
                if (slab.length <= 0) {
                    free.get(reader).add(slab);
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
                out.put(slab);
                if (slab.length < CHUNK) {
                    break; // (what follows a short chunk is not read: the next chunk would not start where this one ends)
                }
            }
        } catch (InterruptedException e) {
            return;
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        try {
            out.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void visit(LineVisitor visitor, LineIndex index) throws InterruptedException {
        int lineNo = 1;
        long lineStart = 0;
        LineIndex.Carry carry = new LineIndex.Carry();
        for (int turn = 0;; turn = (turn + 1) % READERS) {
            Slab slab = full.get(turn).take();
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
            boolean last = slab.length < CHUNK;
            free.get(turn).put(slab);
            if (last) {
                break; // the last chunk read
            }
        }
        if (carry.active()) {
            carry.emit(visitor, lineNo, lineStart, index);
        }
    }
}
