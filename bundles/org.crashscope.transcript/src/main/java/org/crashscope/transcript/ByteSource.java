package org.crashscope.transcript;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Read-only random access to the bytes of a transcript: a file read with positional reads (never
 * memory-mapped, so that a file truncated while it is read gives short reads, not a fault of the
 * JVM), bytes in memory, or a stream spooled to memory and, beyond a limit, to a temporary file.
 * Reads at or after the end, or after the file shrank, copy nothing.
 */
abstract sealed class ByteSource implements AutoCloseable permits ByteSource.Heap, ByteSource.Channel, ByteSource.Slice {

    /** Streams up to this size are kept in memory; larger ones are spooled to a temporary file. */
    static final int SPOOL_IN_MEMORY = 32 << 20;

    abstract long size();

    /** Copies up to {@code len} bytes starting at {@code offset}; returns the number copied (0 at the end). */
    abstract int read(long offset, byte[] dst, int dstOff, int len);

    @Override
    public void close() {
        // nothing to release by default
    }

    static ByteSource of(byte[] bytes) {
        return new Heap(bytes, bytes.length);
    }

    /** A regular file, read in place. */
    static ByteSource open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        return new Channel(channel, channel.size());
    }

    /** Writes bytes somewhere. */
    interface Producer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Everything {@code in} gives until its end, in memory or in a temporary file that has no name (gone with the process). */
    static ByteSource spool(InputStream in) throws IOException {
        return spool(in::transferTo);
    }

    /** What {@code producer} writes, in memory up to {@value #SPOOL_IN_MEMORY} bytes, beyond that in a temporary file that has no name (gone with the process). */
    static ByteSource spool(Producer producer) throws IOException {
        Spool spool = new Spool();
        try (spool) {
            producer.writeTo(spool);
        } catch (IOException | RuntimeException e) {
            spool.discard();
            throw e;
        }
        return spool.source();
    }

    /** A stream spooled past {@link Limits#spoolLimit()}: what was spooled is gone, the message says how to raise the limit. */
    static final class SpoolLimitException extends IOException {
        private static final long serialVersionUID = 1L;

        SpoolLimitException(long limit) {
            super(String.format("the stream goes on past the spool limit of %s: it is not read; raise the limit with "
                    + "--spool-limit SIZE (or CRASHSCOPE_SPOOL_LIMIT=SIZE, e.g. 16g), or give a regular file", Limits.human(limit)));
        }
    }

    /**
     * Memory first, a temporary file when that grows too big, never more than {@link Limits#spoolLimit()}.
     * The temporary file is unlinked as soon as it is open, so that it never outlives the process
     * (not even a killed one): it is reached through its channel only.
     */
    private static final class Spool extends OutputStream {
        private final long limit = Limits.spoolLimit();
        private ByteArrayOutputStream memory = new ByteArrayOutputStream();
        private FileChannel channel;
        private OutputStream out;
        private long written;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (written + len > limit) {
                throw new SpoolLimitException(limit);
            }
            written += len;
            if (memory != null && memory.size() + (long) len > SPOOL_IN_MEMORY) {
                channel = unlinkedTemporaryFile();
                out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 20);
                memory.writeTo(out);
                memory = null;
            }
            if (memory != null) {
                memory.write(b, off, len);
            } else {
                out.write(b, off, len);
            }
        }

        /** A new temporary file (created exclusively, private to the user), open for reading and writing, its name already gone. */
        private static FileChannel unlinkedTemporaryFile() throws IOException {
            Path file = Files.createTempFile("crashscope-", ".spool");
            FileChannel ch;
            try {
                ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            } finally {
                Files.deleteIfExists(file);
            }
            return ch;
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.flush();
            }
        }

        void discard() throws IOException {
            memory = null;
            if (channel != null) {
                channel.close();
            }
        }

        ByteSource source() throws IOException {
            if (memory != null) {
                byte[] bytes = memory.toByteArray();
                return new Heap(bytes, bytes.length);
            }
            return new Channel(channel, channel.size());
        }
    }

    /** The bytes from {@code skip} on (a byte-order mark left out). */
    ByteSource from(long skip) {
        return new Slice(this, skip);
    }

    /** Why a read stopped short of the end, or {@code null}: an I/O error the reads met. */
    String failure() {
        return null;
    }

    static final class Slice extends ByteSource {
        private final ByteSource whole;
        private final long skip;

        Slice(ByteSource whole, long skip) {
            this.whole = whole;
            this.skip = skip;
        }

        @Override
        long size() {
            return Math.max(0, whole.size() - skip);
        }

        @Override
        int read(long offset, byte[] dst, int dstOff, int len) {
            return offset < 0 ? 0 : whole.read(offset + skip, dst, dstOff, len);
        }

        @Override
        String failure() {
            return whole.failure();
        }

        @Override
        public void close() {
            whole.close();
        }
    }

    static final class Heap extends ByteSource {
        private final byte[] bytes;
        private final int length;

        Heap(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        @Override
        long size() {
            return length;
        }

        @Override
        int read(long offset, byte[] dst, int dstOff, int len) {
            if (offset >= length || offset < 0) {
                return 0;
            }
            int n = (int) Math.min(len, length - offset);
            System.arraycopy(bytes, (int) offset, dst, dstOff, n);
            return n;
        }
    }

    /**
     * A file read with positional reads. Small reads (one line) go through a per-thread block of
     * {@value #BLOCK} bytes, so that reading a block of lines one by one costs a read per block.
     */
    static final class Channel extends ByteSource {
        static final int BLOCK = 64 << 10;
        private final FileChannel channel;
        private final long size;
        private final ThreadLocal<Block> cache = ThreadLocal.withInitial(Block::new);
        private volatile String failure;

        private static final class Block {
            final byte[] buf = new byte[BLOCK];
            long start = -1;
            int length;
        }

        Channel(FileChannel channel, long size) {
            this.channel = channel;
            this.size = size;
        }

        @Override
        long size() {
            return size;
        }

        @Override
        int read(long offset, byte[] dst, int dstOff, int len) {
            if (offset < 0 || offset >= size || len <= 0) {
                return 0;
            }
            len = (int) Math.min(len, size - offset);
            if (len >= BLOCK) {
                return direct(offset, dst, dstOff, len);
            }
            int copied = 0;
            Block b = cache.get();
            while (copied < len) {
                long at = offset + copied;
                if (b.start < 0 || at < b.start || at >= b.start + b.length) {
                    b.start = at - at % BLOCK;
                    b.length = direct(b.start, b.buf, 0, (int) Math.min(BLOCK, size - b.start));
                    if (at >= b.start + b.length) {
                        b.start = -1;
                        break; // the file ends (or shrank) here
                    }
                }
                int inBlock = (int) (at - b.start);
                int n = Math.min(len - copied, b.length - inBlock);
                System.arraycopy(b.buf, inBlock, dst, dstOff + copied, n);
                copied += n;
            }
            return copied;
        }

        private int direct(long offset, byte[] dst, int dstOff, int len) {
            ByteBuffer buffer = ByteBuffer.wrap(dst, dstOff, len);
            try {
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, offset + buffer.position() - dstOff);
                    if (n <= 0) {
                        break; // the end of what is there: a file that shrank since it was opened
                    }
                }
            } catch (IOException e) {
                failure = String.format("reading stopped at byte %,d: %s", offset + buffer.position() - dstOff, e.getMessage());
            }
            return buffer.position() - dstOff;
        }

        @Override
        String failure() {
            return failure;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a read-only channel: nothing was written that could be lost
            }
        }
    }

    /** The first {@code n} bytes (or fewer), for sniffing the encoding. */
    byte[] head(int n) {
        byte[] b = new byte[(int) Math.min(n, size())];
        int got = read(0, b, 0, b.length);
        return got == b.length ? b : Arrays.copyOf(b, got);
    }
}
