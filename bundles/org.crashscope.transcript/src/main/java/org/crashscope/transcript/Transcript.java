package org.crashscope.transcript;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.crashscope.transcript.model.Diagnostic;

/**
 * A transcript of a {@code crash} session (or a kernel log, or an article quoting one), opened
 * read-only. Lines are reached through a compact line index over the memory-mapped file; the
 * command blocks are found in the same single pass that builds the index.
 */
public final class Transcript implements AutoCloseable {

    private static final int CANCEL_CHECK_MASK = (1 << 16) - 1;

    private final String name;
    private final ByteSource bytes;
    private final Input input;
    private final LineIndex index;
    private final List<CommandBlock> blocks;
    private final List<Segment> segments;
    private final int[] markers;
    private final int[] voice;
    private final int longest;

    private Transcript(Input input, BooleanSupplier cancelled) {
        this(input, cancelled, null);
    }

    /**
     * @param prompts the prompt lines the live session recorded ({@link SessionIndex}), or {@code null};
     *                a recording that does not fit the file is dropped and the prompts told by their text
     */
    private Transcript(Input input, BooleanSupplier cancelled, java.util.BitSet prompts) {
        this.input = input;
        this.name = input.name();
        this.bytes = input.source();
        Scan scan = scan(input, cancelled, prompts);
        if (prompts != null && scan.scanner().stalePrompts() > 0) {
            scan = scan(input, cancelled, null);
        }
        Scanner scanner = scan.scanner();
        this.index = scan.index();
        this.blocks = scanner.blocks();
        this.segments = scanner.segments();
        this.markers = scanner.markers();
        index.know(markers, scanner.markerOffsets());
        this.voice = scanner.voice();
        this.longest = scanner.longest();
    }

    /** One pass over the file: its line index and what the scanner found. */
    private record Scan(Scanner scanner, LineIndex index) {
    }

    private Scan scan(Input input, BooleanSupplier cancelled, java.util.BitSet prompts) {
        Scanner scanner = new Scanner(prompts);
        LineVisitor visitor = cancelled == null ? scanner : (lineNo, offset, buf, from, to) -> {
            if ((lineNo & CANCEL_CHECK_MASK) == 0 && cancelled.getAsBoolean()) {
                throw new CancellationException("opening " + name + " was cancelled at line " + lineNo);
            }
            scanner.line(lineNo, offset, buf, from, to);
        };
        return new Scan(scanner, LineIndex.build(bytes, input.charset(), visitor));
    }

    /**
     * Opens a transcript file. The file is only ever read.
     *
     * @throws IOException when the file is missing, a directory or unreadable
     */
    public static Transcript open(Path file) throws IOException {
        return open(file, null);
    }

    /**
     * Opens a transcript file, asking {@code cancelled} every {@value #CANCEL_CHECK_MASK}+1 lines
     * whether to give up (a progress monitor's answer, for a gigabyte file).
     *
     * @throws IOException when the file is missing, a directory or unreadable
     * @throws CancellationException when {@code cancelled} said so
     */
    public static Transcript open(Path file, BooleanSupplier cancelled) throws IOException {
        Input input = Input.open(file);
        try {
            return new Transcript(input, cancelled, input.file() == null ? null : SessionIndex.read(file));
        } catch (RuntimeException e) {
            input.source().close();
            throw e;
        }
    }

    /** A transcript held in memory, e.g. text pasted by a user or a test fixture (decoded as a file would be). */
    public static Transcript of(String name, byte[] content) {
        try {
            return new Transcript(new Input(name, ByteSource.of(content.clone()), java.nio.charset.StandardCharsets.UTF_8, List.of(), null, -1, null)
                    .sniffed(), null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // in memory: the only I/O is a spool of a UTF-16 text over 32 MiB
        }
    }

    public String name() {
        return name;
    }

    public long sizeInBytes() {
        return bytes.size();
    }

    public int lineCount() {
        return index.lineCount();
    }

    /** Line {@code lineNo} (1-based) without its line terminator. */
    public String line(int lineNo) {
        return index.line(lineNo);
    }

    /** The byte offset at which line {@code lineNo} (1-based) starts. */
    public long lineOffset(int lineNo) {
        return index.offsetOf(lineNo);
    }

    /** The line (1-based) holding byte {@code offset}; the last line for the end offset, 0 in an empty file. */
    public int lineAt(long offset) {
        return index.lineAt(offset);
    }

    /**
     * Copies up to {@code len} raw bytes from {@code offset} into {@code dst}; returns how many were
     * copied (fewer at the end of the file). Safe to call from several threads.
     */
    public int read(long offset, byte[] dst, int dstOff, int len) {
        return index.read(offset, dst, dstOff, len);
    }

    /**
     * The offset of the first occurrence of {@code needle} at or after {@code from}, or -1: a
     * byte search over the mapping (ASCII case folded when {@code ignoreCase}), for finding text in
     * a gigabyte log without decoding it. Asks {@code cancelled} every few megabytes.
     *
     * @throws CancellationException when {@code cancelled} said so
     */
    public long find(byte[] needle, long from, boolean ignoreCase, BooleanSupplier cancelled) {
        if (needle.length == 0) {
            return -1;
        }
        byte[] pattern = ignoreCase ? lower(needle) : needle;
        int chunk = 4 << 20;
        byte[] buf = new byte[chunk + pattern.length - 1];
        long size = bytes.size();
        for (long pos = Math.max(0, from); pos < size; pos += chunk) {
            if (cancelled != null && cancelled.getAsBoolean()) {
                throw new CancellationException("search cancelled at offset " + pos);
            }
            int n = bytes.read(pos, buf, 0, buf.length);
            int last = n - pattern.length;
            byte first = pattern[0];
            for (int i = 0; i <= last; i++) {
                byte b = ignoreCase ? lower(buf[i]) : buf[i];
                if (b == first && matches(buf, i, pattern, ignoreCase)) {
                    return pos + i;
                }
            }
        }
        return -1;
    }

    private static boolean matches(byte[] buf, int at, byte[] pattern, boolean ignoreCase) {
        for (int k = 1; k < pattern.length; k++) {
            byte b = ignoreCase ? lower(buf[at + k]) : buf[at + k];
            if (b != pattern[k]) {
                return false;
            }
        }
        return true;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    private static byte[] lower(byte[] bytes) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = lower(out[i]);
        }
        return out;
    }

    /** The command blocks, in the order of their prompts. */
    public List<CommandBlock> blocks() {
        return blocks;
    }

    /** Output outside the prompt blocks that looks like a backtrace, a dump or log lines, in order. */
    public List<Segment> segments() {
        return segments;
    }

    /**
     * The lines whose message starts an oops, a CPER record or a machine check (ascending), in the
     * blocks of {@code log} or {@code dmesg} and outside any block: where the log parser looks, so
     * that a gigabyte log is never decoded as a whole.
     */
    public int[] logMarkers() {
        return markers.clone();
    }

    /** Lines outside the prompt blocks where crash may speak of itself (ascending): see {@code CrashVoice}. */
    public int[] crashVoiceLines() {
        return voice.clone();
    }

    /** The length of the longest line, in bytes. */
    public int longestLine() {
        return longest;
    }

    /**
     * Lines {@code first..last} decoded, for parsing one block: a block of up to {@value #WINDOW} lines
     * decoded at once, a longer one (a dump or a {@code foreach bt} of millions of lines) decoded
     * {@value #WINDOW} lines at a time as it is read, never held whole. Read by one thread.
     */
    public List<String> lines(int first, int last) {
        if (last - first < WINDOW) {
            String[] out = new String[last - first + 1];
            decode(first, last, first, out);
            return java.util.Arrays.asList(out);
        }
        return new Window(first, last);
    }

    /** The lines a long block's list holds decoded at a time. */
    static final int WINDOW = 8192;

    /** Lines {@code first..last} into {@code out} from {@code out[0]} = line {@code base}; lines lost when the file shrank are empty. */
    private void decode(int first, int last, int base, String[] out) {
        java.nio.charset.Charset charset = input.charset();
        java.util.Arrays.fill(out, first - base, last - base + 1, "");
        index.visit(first, last, (no, offset, buf, from, to) -> out[no - base] = new String(buf, from, to - from, charset));
    }

    /** A long block's lines, {@link #WINDOW} of them decoded at a time (from a few lines before the one asked for: parsers look back). */
    private final class Window extends java.util.AbstractList<String> implements java.util.RandomAccess {
        private static final int BEHIND = 64;
        private final int first;
        private final int size;
        private final String[] held = new String[WINDOW];
        private int heldFrom = -1;
        private int heldCount;

        Window(int first, int last) {
            this.first = first;
            this.size = last - first + 1;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public String get(int i) {
            java.util.Objects.checkIndex(i, size);
            if (heldFrom < 0 || i < heldFrom || i >= heldFrom + heldCount) {
                heldFrom = i < BEHIND ? 0 : i - BEHIND;
                heldCount = Math.min(WINDOW, size - heldFrom);
                decode(first + heldFrom, first + heldFrom + heldCount - 1, first + heldFrom, held);
            }
            return held[i - heldFrom];
        }
    }

    /** How the bytes are decoded: UTF-8, or Latin-1 for a file that is not UTF-8 (UTF-16/32 files are decoded to UTF-8 on opening). */
    public java.nio.charset.Charset charset() {
        return input.charset();
    }

    /**
     * What reading the file showed, as diagnostics: read as a stream, decoded from UTF-16, read as
     * Latin-1, lines too long to read whole, a read that failed, a file that changed since it was opened.
     */
    public List<Diagnostic> diagnostics() {
        List<Diagnostic> out = new java.util.ArrayList<>(input.diagnostics());
        index.longLines().forEach(l -> out.add(Diagnostic.warning((int) l[0], String.format("line %d is %,d bytes long: only its first %,d bytes are read",
                l[0], l[1], LineIndex.MAX_LINE))));
        if (bytes.failure() != null) {
            out.add(Diagnostic.warning(Math.max(1, lineCount()), bytes.failure()));
        }
        String change = input.change();
        if (change != null) {
            out.add(Diagnostic.warning(Math.max(1, lineCount()), change));
        }
        return List.copyOf(out);
    }

    /**
     * The whole lines of a file's first bytes decoded as the file is when opened (UTF-16/32, a byte-order mark, Latin-1),
     * lines too long cut: what an editor shows before the file is indexed. The line {@code head} ends in is left out,
     * unless it is the only one.
     */
    public static String headText(byte[] head) {
        return Input.headText(head);
    }

    @Override
    public void close() {
        bytes.close();
    }
}
