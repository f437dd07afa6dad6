package org.crashscope.transcript;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.crashscope.transcript.model.Diagnostic;

/**
 * Where a transcript's bytes come from and how they are text: a regular file read in place; a
 * pipe, a FIFO, {@code /dev/stdin}, a {@code /proc} file or {@code -} (standard input) read as a
 * stream and spooled; UTF-16 and UTF-32 (by byte-order mark or by their NUL bytes) decoded to
 * UTF-8; text that is not UTF-8 read as Latin-1. Every such step is said in a diagnostic.
 *
 * @param charset how the source's bytes are decoded into lines
 * @param size    the file's size when it was opened, or -1 for a stream
 * @param time    its modification time then, or {@code null}
 */
record Input(String name, ByteSource source, Charset charset, List<Diagnostic> diagnostics, Path file, long size, FileTime time) {

    /** How long to wait for a FIFO's writer ({@code crashscope.fifoTimeoutSeconds}, default 10). */
    static long fifoTimeoutSeconds() {
        return Long.getLong("crashscope.fifoTimeoutSeconds", 10);
    }

    /** The sample whose UTF-8 validity decides the decoding. */
    static final int UTF8_SAMPLE = 4 << 20;

    static Input open(Path file) throws IOException {
        List<Diagnostic> notes = new ArrayList<>();
        ByteSource source;
        String name;
        long size = -1;
        FileTime time = null;
        if (file.toString().equals("-") && !Files.exists(file)) {
            name = "stdin";
            // a pipe whose writer went silent, or a terminal nobody types into, gives up as a silent FIFO does
            source = spoolWatched(System.in, Path.of("standard input"));
            notes.add(Diagnostic.info(1, String.format("read from standard input (%,d bytes)", source.size())));
        } else {
            name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
            if (Files.isDirectory(file)) {
                throw new IOException("is a directory");
            }
            if (!Files.exists(file)) {
                throw new IOException("no such file");
            }
            if (!Files.isReadable(file)) {
                throw new IOException("permission denied");
            }
            if (Files.isRegularFile(file) && Files.size(file) > 0) {
                size = Files.size(file);
                time = Files.getLastModifiedTime(file);
                source = ByteSource.open(file);
            } else {
                boolean regular = Files.isRegularFile(file);
                try (InputStream in = openStream(file, regular)) {
                    source = regular ? ByteSource.spool(in) : spoolWatched(in, file);
                }
                if (source.size() > 0 || !regular) {
                    notes.add(Diagnostic.info(1, String.format("%s: read as a stream (%,d bytes)", regular ? "the file tells no size (like /proc)"
                            : "not a regular file (a pipe, a FIFO or a device)", source.size())));
                }
            }
        }
        return decode(name, source, notes, size >= 0 ? file : null, size, time);
    }

    /** These bytes decoded as what they are (see {@link #decode}). */
    Input sniffed() throws IOException {
        return decode(name, source, new ArrayList<>(diagnostics), file, size, time);
    }

    /** The encoding of the source: UTF-16/32 re-encoded as UTF-8, a UTF-8 byte-order mark skipped, Latin-1 for what is not UTF-8. */
    private static Input decode(String name, ByteSource source, List<Diagnostic> notes, Path file, long size, FileTime time) throws IOException {
        Charset charset = StandardCharsets.UTF_8;
        byte[] head = source.head(4096);
        Charset wide = wideCharset(head);
        if (wide != null) {
            boolean bom = bomLength(head, wide) > 0;
            ByteSource decoded = transcode(source, wide, bomLength(head, wide));
            source.close();
            source = decoded;
            notes.add(Diagnostic.info(1, "decoded from " + wide.name() + (bom ? " (by its byte-order mark)" : " (by its NUL bytes)")));
        } else if (head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            source = source.from(3); // a UTF-8 byte-order mark is no part of line 1
        } else {
            long bad = firstInvalidUtf8(source);
            if (bad >= 0) {
                charset = StandardCharsets.ISO_8859_1;
                notes.add(Diagnostic.warning(lineOf(source, bad), String.format("not UTF-8 (byte %,d is not): the file is read as Latin-1", bad)));
            }
        }
        return new Input(name, source, charset, List.copyOf(notes), file, size, time);
    }

    /**
     * A FIFO blocks its reader until a writer opens it: wait {@link #fifoTimeoutSeconds()} for it,
     * then release the waiting open (by opening the FIFO for writing ourselves) and give up.
     */
    private static InputStream openStream(Path file, boolean regular) throws IOException {
        if (regular) {
            return Files.newInputStream(file);
        }
        FutureTask<InputStream> open = new FutureTask<>(() -> Files.newInputStream(file));
        Thread t = new Thread(open, "crashscope-open-" + file.getFileName());
        t.setDaemon(true);
        t.start();
        try {
            return open.get(fifoTimeoutSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // WRITE alone: never created, never truncated, never through a link (it may have been swapped since)
            try (OutputStream release = Files.newOutputStream(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                // the blocked open returns now and reads an empty stream; this writer writes nothing
            } catch (IOException ignored) {
                // the stream could not be opened for writing either: the reader thread stays parked (a daemon)
            }
            throw new IOException("nothing writes to " + file + " (waited " + fifoTimeoutSeconds() + " s for a writer)");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening " + file);
        }
    }

    /**
     * A FIFO, a device or standard input read to its end, given up when it gives nothing for
     * {@link Limits#readTimeout()}: a writer that opened the FIFO and went silent, or a pipe whose
     * writer sleeps, must not hang us. Closing a stream does not end a read blocked on a pipe, so a
     * daemon thread reads and this one waits for its chunks with the time limit; when it gives up,
     * the reader is left blocked until the process ends (it holds nothing but the stream).
     */
    private static ByteSource spoolWatched(InputStream in, Path file) throws IOException {
        long idle = Limits.readTimeout().toNanos();
        java.util.concurrent.BlockingQueue<Object> chunks = new java.util.concurrent.ArrayBlockingQueue<>(16);
        Object end = new Object();
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[1 << 16];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (n > 0) {
                        chunks.put(java.util.Arrays.copyOf(buf, n));
                    }
                }
                chunks.put(end);
            } catch (IOException e) {
                chunks.offer(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "crashscope-read");
        reader.setDaemon(true);
        reader.start();
        AtomicBoolean timedOut = new AtomicBoolean();
        try {
            return ByteSource.spool(out -> {
                while (true) {
                    Object chunk;
                    try {
                        chunk = chunks.poll(idle, TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while reading " + file);
                    }
                    if (chunk == null) {
                        timedOut.set(true);
                        throw timedOut(file);
                    }
                    if (chunk == end) {
                        return;
                    }
                    if (chunk instanceof IOException e) {
                        throw e;
                    }
                    out.write((byte[]) chunk);
                }
            });
        } finally {
            if (timedOut.get()) {
                reader.interrupt(); // a reader blocked in put() leaves; one blocked in read() stays until the process ends
            }
        }
    }

    private static IOException timedOut(Path file) {
        return new IOException(String.format("nothing came from %s for %d s (the read timeout): not read; "
                + "raise it with CRASHSCOPE_READ_TIMEOUT=SECONDS", file, Limits.readTimeout().toSeconds()));
    }

    /** UTF-32 or UTF-16 by byte-order mark, else by the NUL bytes of ASCII text in them; {@code null} for anything else. */
    static Charset wideCharset(byte[] b) {
        if (b.length >= 4 && u(b, 0) == 0xff && u(b, 1) == 0xfe && b[2] == 0 && b[3] == 0) {
            return Charset.forName("UTF-32LE");
        }
        if (b.length >= 4 && b[0] == 0 && b[1] == 0 && u(b, 2) == 0xfe && u(b, 3) == 0xff) {
            return Charset.forName("UTF-32BE");
        }
        if (b.length >= 2 && u(b, 0) == 0xff && u(b, 1) == 0xfe) {
            return StandardCharsets.UTF_16LE;
        }
        if (b.length >= 2 && u(b, 0) == 0xfe && u(b, 1) == 0xff) {
            return StandardCharsets.UTF_16BE;
        }
        int n = b.length - b.length % 4;
        if (n < 16) {
            return null;
        }
        int[] zeros = new int[4];
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                zeros[i & 3]++;
            }
        }
        double per = n / 4.0;
        boolean[] mostly = new boolean[4];
        boolean[] rarely = new boolean[4];
        for (int i = 0; i < 4; i++) {
            mostly[i] = zeros[i] > 0.9 * per;
            rarely[i] = zeros[i] < 0.1 * per;
        }
        if (rarely[0] && mostly[1] && mostly[2] && mostly[3]) {
            return Charset.forName("UTF-32LE");
        }
        if (mostly[0] && mostly[1] && mostly[2] && rarely[3]) {
            return Charset.forName("UTF-32BE");
        }
        if (rarely[0] && rarely[2] && zeros[1] + zeros[3] > 1.4 * per) {
            return StandardCharsets.UTF_16LE;
        }
        if (rarely[1] && rarely[3] && zeros[0] + zeros[2] > 1.4 * per) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static int bomLength(byte[] b, Charset c) {
        String n = c.name();
        if (n.startsWith("UTF-32")) {
            return b.length >= 4 && (u(b, 0) == 0xff && u(b, 1) == 0xfe && b[2] == 0 && b[3] == 0 || b[0] == 0 && b[1] == 0 && u(b, 2) == 0xfe
                    && u(b, 3) == 0xff) ? 4 : 0;
        }
        return b.length >= 2 && (u(b, 0) == 0xff && u(b, 1) == 0xfe || u(b, 0) == 0xfe && u(b, 1) == 0xff) ? 2 : 0;
    }

    private static int u(byte[] b, int i) {
        return b[i] & 0xff;
    }

    /** The source's text re-encoded as UTF-8 (malformed units replaced), spooled. */
    private static ByteSource transcode(ByteSource source, Charset from, int skip) throws IOException {
        CharsetDecoder decoder = from.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (Reader in = new InputStreamReader(stream(source, skip), decoder)) {
            return ByteSource.spool(out -> {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                in.transferTo(w);
                w.flush();
            });
        }
    }

    /** The source's bytes from {@code skip} on, as a stream. */
    static InputStream stream(ByteSource source, long skip) {
        return new InputStream() {
            private long pos = skip;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = source.read(pos, b, off, len);
                if (n <= 0) {
                    return len == 0 ? 0 : -1;
                }
                pos += n;
                return n;
            }
        };
    }

    /**
     * The whole lines of a file's first bytes, {@code head}, as the whole file is read when opened (see {@link #decode}:
     * UTF-16 or UTF-32 by a byte-order mark or NUL bytes, a UTF-8 byte-order mark skipped, Latin-1 when the bytes are
     * not UTF-8), lines over {@link LineCut#LIMIT} cut: what an editor shows before the file is indexed. The line
     * {@code head} ends in is left out, unless it is the only one (a file without newlines shows its beginning).
     */
    static String headText(byte[] head) {
        byte[] first = java.util.Arrays.copyOf(head, Math.min(head.length, 4096));
        Charset wide = wideCharset(first);
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        int end = head.length;
        if (wide != null) {
            charset = wide;
            skip = bomLength(first, wide);
        } else {
            while (end > 0 && head[end - 1] != '\n') {
                end--;
            }
            // (a character the head cuts is no sign of Latin-1: without a newline, the line ends before it)
            end = end > 0 ? end : head.length - cutSequence(head);
            if (first.length >= 3 && u(first, 0) == 0xef && u(first, 1) == 0xbb && u(first, 2) == 0xbf) {
                skip = 3;
            } else if (firstInvalidUtf8(ByteSource.of(java.util.Arrays.copyOf(head, end))) >= 0) {
                charset = StandardCharsets.ISO_8859_1;
            }
        }
        String text = LineCut.decoded(java.util.Arrays.copyOfRange(head, skip, Math.max(skip, end)), Math.max(0, end - skip), charset);
        int last = text.lastIndexOf('\n');
        return last < 0 ? text : text.substring(0, last + 1);
    }

    /** How many bytes at the end of {@code b} begin a UTF-8 sequence they do not finish (0-3). */
    private static int cutSequence(byte[] b) {
        for (int back = 1; back <= Math.min(3, b.length); back++) {
            int x = u(b, b.length - back);
            if ((x & 0xc0) != 0x80) { // a lead byte (or ASCII): does the sequence it begins fit in what follows it?
                int needs = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : x >= 0xc0 ? 2 : 1;
                return needs > back ? back : 0;
            }
        }
        return 0;
    }

    /**
     * The offset of the first byte in the UTF-8 sample that is not UTF-8, or -1 (a sequence the sample's end cuts is not
     * counted: a file cut in the middle of its last character is UTF-8 all the same).
     */
    static long firstInvalidUtf8(ByteSource source) {
        byte[] sample = source.head(UTF8_SAMPLE);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(sample);
        CharBuffer out = CharBuffer.allocate(64 << 10);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                // a sequence the sample's end cuts: the sample's, or the file's (written while read, or cut short)
                boolean cutAtEnd = in.position() + r.length() >= sample.length
                        && (sample.length == UTF8_SAMPLE || in.position() == sample.length - cutSequence(sample));
                return cutAtEnd ? -1 : in.position();
            }
            if (r.isOverflow()) {
                out.clear();
                continue;
            }
            return -1;
        }
    }

    private static int lineOf(ByteSource source, long offset) {
        byte[] b = source.head((int) Math.min(Integer.MAX_VALUE, offset));
        int line = 1;
        for (byte x : b) {
            if (x == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Whether the file has changed since it was opened, and how, or {@code null} when it has not (or cannot be told). */
    String change() {
        if (file == null) {
            return null;
        }
        try {
            long now = Files.size(file);
            FileTime t = Files.getLastModifiedTime(file);
            if (now < size) {
                return String.format("the file shrank from %,d to %,d bytes while it was read: what follows byte %,d is missing", size, now, now);
            }
            if (now != size || !t.equals(time)) {
                return String.format("the file changed while it was read (%,d bytes when opened, %,d now): what is shown is what was read", size, now);
            }
            return null;
        } catch (IOException e) {
            return "the file is gone or unreadable since it was opened: " + e.getMessage();
        }
    }
}
