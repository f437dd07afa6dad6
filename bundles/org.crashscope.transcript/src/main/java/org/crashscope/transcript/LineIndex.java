package org.crashscope.transcript;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where each line of a transcript starts. Only every {@value #STRIDE}th line offset is kept, so a
 * gigabyte transcript costs a few megabytes of index; a line in between is found by a short scan.
 * Lines are numbered from 1, as editors and analysts number them.
 */
final class LineIndex {
    static final int STRIDE_BITS = 6;
    static final int STRIDE = 1 << STRIDE_BITS;
    private static final int BUFFER = 1 << 20;
    /** The read size of single-line lookups: {@value #STRIDE} typical lines. */
    private static final int LOOKUP = 8 << 10;
    /** The first read of a scan: a few lines; each further read is four times larger, up to the scan's buffer. */
    private static final int FIRST_READ = 512;
    /** From this size on, one thread reads and finds line ends while the caller's thread visits lines. */
    static final long PIPELINE_THRESHOLD = 16L << 20;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Lines are read whole up to this many bytes; the rest of a longer line is counted, not read. */
    static final int MAX_LINE = 1 << 20;

    private final ByteSource bytes;
    private final java.nio.charset.Charset charset;
    private long[] checkpoints = new long[1024];
    private int lineCount;
    private final List<long[]> longLines = new ArrayList<>();
    private volatile boolean building = true;

    private LineIndex(ByteSource bytes, java.nio.charset.Charset charset) {
        this.bytes = bytes;
        this.charset = charset;
    }

    /** Scans all bytes once, building the index and handing every line to {@code visitor}. */
    static LineIndex build(ByteSource bytes, java.nio.charset.Charset charset, LineVisitor visitor) {
        LineIndex index = new LineIndex(bytes, charset);
        LineVisitor recording = (lineNo, offset, buf, from, to) -> {
            index.record(lineNo, offset);
            visitor.line(lineNo, offset, buf, from, to);
        };
        if (bytes.size() < PIPELINE_THRESHOLD || Runtime.getRuntime().availableProcessors() < 2) {
            index.scan(0, 1, Long.MAX_VALUE, BUFFER, recording);
        } else {
            new PipelinedScan(bytes).run(recording, index);
        }
        index.building = false;
        return index;
    }

    /**
     * Lines whose offsets the scan kept besides the checkpoints, ascending: the log markers, which a
     * parser reads one by one (a gigabyte log has tens of thousands), each then read from where it
     * starts rather than from its checkpoint up to {@value #STRIDE} lines before.
     */
    private int[] knownLines = new int[0];
    private long[] knownOffsets = new long[0];

    /** Keeps where lines {@code lines} (ascending) start: {@code offsets}. */
    void know(int[] lines, long[] offsets) {
        knownLines = lines;
        knownOffsets = offsets;
    }

    private void record(int lineNo, long offset) {
        if (((lineNo - 1) & (STRIDE - 1)) == 0) {
            int slot = (lineNo - 1) >>> STRIDE_BITS;
            if (slot == checkpoints.length) {
                checkpoints = Arrays.copyOf(checkpoints, slot * 2);
            }
            checkpoints[slot] = offset;
        }
        lineCount = lineNo;
    }

    int lineCount() {
        return lineCount;
    }

    long size() {
        return bytes.size();
    }

    /**
     * The byte offset at which line {@code lineNo} starts: the nearest checkpoint, then a count of
     * at most {@value #STRIDE} line ends in small reads (an editor asks this for every line it paints).
     */
    long offsetOf(int lineNo) {
        checkLine(lineNo);
        int slot = (lineNo - 1) >>> STRIDE_BITS;
        long offset = checkpoints[slot];
        int toSkip = (lineNo - 1) & (STRIDE - 1);
        if (toSkip == 0) {
            return offset;
        }
        byte[] buf = new byte[LOOKUP];
        long size = bytes.size();
        while (offset < size) {
            int n = bytes.read(offset, buf, 0, buf.length);
            int from = 0;
            int nl;
            while ((nl = indexOfNewline(buf, from, n)) >= 0) {
                from = nl + 1;
                if (--toSkip == 0) {
                    return offset + from;
                }
            }
            offset += n;
        }
        return size; // a file that shrank since it was indexed: its lines end where it ends
    }

    /** The line (1-based) that holds byte {@code offset}; the last line for the offset at the end. */
    int lineAt(long offset) {
        if (lineCount == 0) {
            return 0;
        }
        long size = bytes.size();
        if (offset < 0 || offset > size) {
            throw new IndexOutOfBoundsException("offset " + offset + " of " + size);
        }
        int slots = (lineCount - 1) / STRIDE + 1;
        int slot = Arrays.binarySearch(checkpoints, 0, slots, offset);
        if (slot < 0) {
            slot = -slot - 2;
        }
        int lineNo = slot * STRIDE + 1;
        long pos = checkpoints[slot];
        byte[] buf = new byte[LOOKUP];
        while (pos < offset) {
            int n = bytes.read(pos, buf, 0, (int) Math.min(buf.length, offset - pos));
            if (n == 0) {
                break;
            }
            int from = 0;
            int nl;
            while ((nl = indexOfNewline(buf, from, n)) >= 0) {
                from = nl + 1;
                lineNo++;
            }
            pos += n;
        }
        return Math.min(lineNo, lineCount);
    }

    /** Copies up to {@code len} bytes from {@code offset}; returns how many were copied. */
    int read(long offset, byte[] dst, int dstOff, int len) {
        return bytes.read(offset, dst, dstOff, len);
    }

    /** Where the last line read on this thread starts: reading a block line by line then costs one line per line, not a stride. */
    private final ThreadLocal<long[]> cursor = ThreadLocal.withInitial(() -> new long[] {0, 0});

    /** The text of line {@code lineNo} without its terminator, decoded as UTF-8. */
    String line(int lineNo) {
        checkLine(lineNo);
        String[] text = new String[1];
        long[] at = cursor.get();
        int slot = (lineNo - 1) / STRIDE;
        int start = slot * STRIDE + 1;
        long offset = checkpoints[slot];
        int known = Arrays.binarySearch(knownLines, lineNo);
        if (known >= 0) {
            start = lineNo;
            offset = knownOffsets[known];
        } else if (at[0] > start && at[0] <= lineNo) { // a line between the checkpoint and this one, read before
            start = (int) at[0];
            offset = at[1];
        }
        scan(offset, start, lineNo - start + 1, LOOKUP, (no, off, buf, from, to) -> {
            if (no == lineNo) {
                text[0] = new String(buf, from, to - from, charset);
                at[0] = no;
                at[1] = off;
            }
        });
        return text[0] == null ? "" : text[0]; // a file that shrank since it was indexed
    }

    /** Hands lines {@code first..last} (inclusive) to {@code visitor}. */
    void visit(int first, int last, LineVisitor visitor) {
        checkLine(first);
        checkLine(last);
        long[] at = cursor.get();
        int slot = (first - 1) / STRIDE;
        int start = slot * STRIDE + 1;
        long offset = checkpoints[slot];
        if (at[0] > start && at[0] <= first) { // the blocks of a transcript are read in order: go on from the last line read
            start = (int) at[0];
            offset = at[1];
        }
        long lines = last - start + 1;
        scan(offset, start, lines, lines <= 2 * STRIDE ? LOOKUP : BUFFER, (no, off, buf, from, to) -> {
            if (no >= first) {
                visitor.line(no, off, buf, from, to);
            }
            if (no == last) {
                at[0] = no;
                at[1] = off;
            }
        });
    }

    private void checkLine(int lineNo) {
        if (lineNo < 1 || lineNo > lineCount) {
            throw new IndexOutOfBoundsException("line " + lineNo + " of " + lineCount);
        }
    }

    /**
     * Reads lines from {@code offset} on, numbering the first one {@code firstLine}, and stops
     * after {@code maxLines}. A line longer than the buffer is assembled in a growing carry array.
     */
    private void scan(long offset, int firstLine, long maxLines, int bufferSize, LineVisitor visitor) {
        long size = bytes.size();
        // the buffer starts at a few lines and grows with what is read: a one-line block reads one line, not a megabyte
        int limit = (int) Math.min(bufferSize, Math.max(256, size - offset));
        byte[] buf = new byte[Math.min(limit, FIRST_READ)];
        int lineNo = firstLine;
        long emitted = 0;
        long lineStart = offset;
        Carry carry = new Carry();
        long pos = offset;
        while (pos < size && emitted < maxLines) {
            int n = bytes.read(pos, buf, 0, buf.length);
            if (n <= 0) {
                break; // the end, or a file that shrank since it was indexed
            }
            int from = 0;
            while (emitted < maxLines) {
                int nl = indexOfNewline(buf, from, n);
                if (nl < 0) {
                    break;
                }
                if (carry.active()) {
                    carry.add(buf, from, nl);
                    carry.emit(visitor, lineNo, lineStart, this);
                } else {
                    emit(visitor, lineNo, lineStart, buf, from, nl);
                }
                lineNo++;
                emitted++;
                from = nl + 1;
                lineStart = pos + from;
            }
            if (emitted < maxLines && from < n) {
                carry.add(buf, from, n);
            }
            pos += n;
            if (buf.length < limit) {
                buf = new byte[Math.min(limit, buf.length * 4)];
            }
        }
        if (emitted < maxLines && carry.active()) {
            carry.emit(visitor, lineNo, lineStart, this);
        }
    }

    /** Lines longer than {@link #MAX_LINE} met while indexing: {line, length}. */
    List<long[]> longLines() {
        synchronized (longLines) {
            return List.copyOf(longLines);
        }
    }

    void noteLongLine(int lineNo, long length) {
        if (building) {
            synchronized (longLines) {
                if (longLines.size() < 100) {
                    longLines.add(new long[] {lineNo, length});
                }
            }
        }
    }

    /**
     * The part of a line that spans reads: kept up to {@link #MAX_LINE} bytes (a 50 MB line of
     * binary data or an unbroken log is cut, not held whole), its true length counted.
     */
    static final class Carry {
        private byte[] buf;
        private int length;
        private long total;

        boolean active() {
            return buf != null;
        }

        void add(byte[] src, int from, int to) {
            if (buf == null) {
                buf = new byte[Math.max(256, Math.min(MAX_LINE, to - from))];
            }
            total += to - from;
            int keep = (int) Math.min(to - from, MAX_LINE - length);
            if (keep > 0) {
                if (buf.length < length + keep) {
                    buf = Arrays.copyOf(buf, (int) Math.min(MAX_LINE, Math.max(length + keep, (long) buf.length * 2)));
                }
                System.arraycopy(src, from, buf, length, keep);
                length += keep;
            }
        }

        void emit(LineVisitor visitor, int lineNo, long offset, LineIndex index) {
            if (total > MAX_LINE && index != null) {
                index.noteLongLine(lineNo, total);
            }
            LineIndex.emit(visitor, lineNo, offset, buf, 0, length);
            buf = null;
            length = 0;
            total = 0;
        }
    }

    /**
     * The index of the first {@code \n} in {@code b[from..to)}, or -1. Eight bytes at a time: the
     * scan of a gigabyte transcript spends most of its time here.
     */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    static void emit(LineVisitor visitor, int lineNo, long offset, byte[] buf, int from, int to) {
        int end = to > from && buf[to - 1] == '\r' ? to - 1 : to;
        visitor.line(lineNo, offset, buf, from, end);
    }

}
