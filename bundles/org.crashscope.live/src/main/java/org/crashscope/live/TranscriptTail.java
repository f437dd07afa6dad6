package org.crashscope.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * What a live session's transcript added since it was last read. A session's transcript is only
 * ever appended to, and a command ends every few seconds: the console shows it by appending what
 * crash wrote since, not by reading the whole file again each time (quadratic over a session that
 * grows to megabytes, and each reading held the UI thread). The bytes of a character cut at the
 * end of a reading wait for the rest; a file shorter than what was read is read from its start.
 * Bytes that are not UTF-8 read as U+FFFD, as the editor reads them.
 */
public final class TranscriptTail {

    /** The most one reading takes: a larger addition comes in several. */
    static final int MOST_AT_ONCE = 16 << 20;

    /**
     * @param anew whether the text replaces what was read before (the file was shorter than that)
     * @param text what was added, whole characters only
     */
    public record Added(boolean anew, String text) {
    }

    private final Path file;
    private long read;
    private byte[] carry = new byte[0];

    public TranscriptTail(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** What the file added since the last call (all of it at the first), or an empty text when nothing. */
    public Added next() throws IOException {
        if (!Files.isRegularFile(file)) {
            return new Added(false, "");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            boolean anew = size < read;
            if (anew) {
                read = 0;
                carry = new byte[0];
            }
            int length = (int) Math.min(size - read, MOST_AT_ONCE);
            if (length == 0) {
                return new Added(anew, "");
            }
            ByteBuffer buffer = ByteBuffer.allocate(carry.length + length);
            buffer.put(carry);
            channel.position(read);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // until the length read at the start (a file that grows meanwhile is read on by the next call)
            }
            read += buffer.position() - carry.length;
            byte[] bytes = buffer.array();
            int whole = wholeCharacters(bytes, buffer.position());
            carry = Arrays.copyOfRange(bytes, whole, buffer.position());
            return new Added(anew, new String(bytes, 0, whole, StandardCharsets.UTF_8));
        }
    }

    /** How many of the first {@code length} bytes end on a whole UTF-8 character (a lead byte whose sequence is cut is left out). */
    static int wholeCharacters(byte[] b, int length) {
        for (int back = 1; back <= Math.min(3, length); back++) {
            int c = b[length - back] & 0xff;
            if (c < 0x80) {
                return length; // ASCII ends it
            }
            if (c >= 0xc0) { // a lead byte: its sequence is 2, 3 or 4 bytes long
                int needs = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
                return back < needs ? length - back : length;
            }
            // a continuation byte: its lead is further back
        }
        return length;
    }
}
