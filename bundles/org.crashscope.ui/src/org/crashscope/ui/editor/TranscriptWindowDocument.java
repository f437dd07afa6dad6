package org.crashscope.ui.editor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.crashscope.transcript.LineCut;
import org.crashscope.transcript.Transcript;
import org.eclipse.jface.text.Document;

/**
 * The document of a large transcript: a window of at most {@value #WINDOW_LINES} lines (and
 * {@value #WINDOW_BYTES} bytes) of the file, moved as the user scrolls or jumps. SWT's text widget
 * keeps several objects per line, so a gigabyte of fourteen million lines cannot be one document;
 * a window keeps the heap and the UI thread's work the same for any file size.
 * Lines are numbered as in the file ({@link #firstLine()} is document line 0).
 */
final class TranscriptWindowDocument extends Document {

    static final int WINDOW_LINES = 20_000;
    static final int WINDOW_BYTES = 8 << 20;
    /** How much of a file is read to show its beginning before it is indexed: screens of lines, read and decoded in milliseconds. */
    static final int BEGINNING_BYTES = TranscriptDocumentProvider.AT_ONCE;

    private Transcript transcript;
    private int firstLine = 1;
    private int lastLine;
    private long fileSize;

    TranscriptWindowDocument(Transcript transcript) {
        this.transcript = transcript;
        showAround(1);
    }

    private TranscriptWindowDocument() {
    }

    /**
     * The first lines of {@code file}, read at once without indexing the file: what an editor shows
     * while the whole file is indexed in the background ({@link #attach}).
     */
    static TranscriptWindowDocument beginningOf(Path file) throws IOException {
        String text = beginning(file, BEGINNING_BYTES);
        int lines = 0;
        int end = text.length();
        for (int i = 0; i < text.length() && lines < WINDOW_LINES; i++) {
            if (text.charAt(i) == '\n') {
                end = i + 1;
                lines++;
            }
        }
        TranscriptWindowDocument document = new TranscriptWindowDocument();
        document.lastLine = Math.max(1, lines); // (one long line without a newline: its beginning)
        document.fileSize = java.nio.file.Files.size(file);
        document.set(text.substring(0, end));
        return document;
    }

    /**
     * The whole lines among the first {@code bytes} bytes of {@code file} (its beginning when it has
     * no newline there) as the whole file is decoded, lines too long cut: read at once, without
     * indexing the file ({@link Transcript#headText}).
     */
    static String beginning(Path file, int bytes) throws IOException {
        return Transcript.headText(head(file, bytes));
    }

    private static byte[] head(Path file, int bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), bytes));
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read it all
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    /**
     * The number of lines of the file: counted once it is indexed, estimated (generously, from the
     * beginning's line length) before; for the width of the line-number ruler.
     */
    long estimatedLineCount() {
        if (transcript != null) {
            return transcript.lineCount();
        }
        return Math.max(lastLine, fileSize / Math.max(1, getLength() / Math.max(1, lastLine)) * 2);
    }

    /** Whether the whole file is indexed, so that the window can move. */
    boolean isIndexed() {
        return transcript != null;
    }

    /** Gives the document its indexed transcript; the lines shown stay as they are. */
    void attach(Transcript indexed) {
        this.transcript = indexed;
        lastLine = Math.min(lastLine, indexed.lineCount());
    }

    /** The file line shown as the document's first line (1-based). */
    int firstLine() {
        return firstLine;
    }

    /** The last file line in the window. */
    int lastLine() {
        return lastLine;
    }

    /** The number of lines of the whole file. */
    int fileLineCount() {
        return transcript == null ? lastLine : transcript.lineCount();
    }

    boolean contains(int fileLine) {
        return fileLine >= firstLine && fileLine <= lastLine;
    }

    /**
     * Moves the window so that {@code fileLine} is near its middle (or as near as the file's ends
     * allow). Returns whether the text changed.
     */
    boolean showAround(int fileLine) {
        if (transcript == null) {
            return false; // still indexing: the beginning is all there is
        }
        int count = transcript.lineCount();
        if (count == 0) {
            lastLine = 0;
            return false;
        }
        int line = Math.max(1, Math.min(fileLine, count));
        int first = Math.max(1, Math.min(line - WINDOW_LINES / 2, count - WINDOW_LINES + 1));
        int last = Math.min(count, first + WINDOW_LINES - 1);
        long start = transcript.lineOffset(first);
        long end = last == count ? transcript.sizeInBytes() : transcript.lineOffset(last + 1);
        if (end - start > WINDOW_BYTES) {
            // long lines: fewer of them, still around the line asked for
            long center = transcript.lineOffset(line);
            start = transcript.lineOffset(first = transcript.lineAt(Math.max(start, center - WINDOW_BYTES / 2)));
            long limit = Math.min(transcript.sizeInBytes(), start + WINDOW_BYTES);
            last = Math.max(line, transcript.lineAt(limit == transcript.sizeInBytes() ? limit : limit - 1) - 1);
            last = Math.max(last, first);
            end = last == count ? transcript.sizeInBytes() : transcript.lineOffset(last + 1);
        }
        if (first == firstLine && last == lastLine && getLength() > 0) {
            return false;
        }
        byte[] bytes = new byte[(int) Math.min(end - start, Integer.MAX_VALUE - 16)];
        int read = transcript.read(start, bytes, 0, bytes.length);
        firstLine = first;
        lastLine = last;
        set(LineCut.decoded(bytes, read, transcript.charset()));
        return true;
    }
}
