package org.crashscope.transcript;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only random access to the bytes of a transcript. Files are memory-mapped in windows of at
 * most 1 GiB, so that neither the file size nor the line count decides the heap we need.
 */
abstract sealed class ByteSource implements AutoCloseable permits ByteSource.Heap, ByteSource.Mapped {

    abstract long size();

    /** Copies up to {@code len} bytes starting at {@code offset}; returns the number copied. */
    abstract int read(long offset, byte[] dst, int dstOff, int len);

    @Override
    public void close() {
        // mapped buffers are released by the garbage collector; nothing to close by default
    }

    static ByteSource of(byte[] bytes) {
        return new Heap(bytes);
    }

    static ByteSource map(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            List<MappedByteBuffer> windows = new ArrayList<>();
            for (long pos = 0; pos < size; pos += Mapped.WINDOW) {
                windows.add(channel.map(FileChannel.MapMode.READ_ONLY, pos, Math.min(Mapped.WINDOW, size - pos)));
            }
            return new Mapped(size, windows.toArray(MappedByteBuffer[]::new));
        }
    }

    static final class Heap extends ByteSource {
        private final byte[] bytes;

        Heap(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        long size() {
            return bytes.length;
        }

        @Override
        int read(long offset, byte[] dst, int dstOff, int len) {
            if (offset >= bytes.length) {
                return 0;
            }
            int n = (int) Math.min(len, bytes.length - offset);
            System.arraycopy(bytes, (int) offset, dst, dstOff, n);
            return n;
        }
    }

    static final class Mapped extends ByteSource {
        static final long WINDOW = 1L << 30;
        private final long size;
        private final MappedByteBuffer[] windows;

        Mapped(long size, MappedByteBuffer[] windows) {
            this.size = size;
            this.windows = windows;
        }

        @Override
        long size() {
            return size;
        }

        @Override
        int read(long offset, byte[] dst, int dstOff, int len) {
            int copied = 0;
            while (copied < len && offset < size) {
                MappedByteBuffer window = windows[(int) (offset / WINDOW)];
                int inWindow = (int) (offset % WINDOW);
                int n = Math.min(len - copied, window.limit() - inWindow);
                window.get(inWindow, dst, dstOff + copied, n);
                copied += n;
                offset += n;
            }
            return copied;
        }
    }
}
