package org.crashscope.transcript;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.BitSet;
import java.util.regex.Pattern;

/**
 * Where the commands of a live session begin, recorded out of band: a live session writes the line
 * of every prompt it typed to {@code TRANSCRIPT.prompts} beside its transcript, so that a transcript
 * opened later takes its command boundaries from there instead of guessing them from the text. A
 * {@code crash> } line in a command's output (a log line of the crashed machine, a task name) is
 * then output, not a command. Only a live session's transcript has one, and only a regular file
 * (no link, not larger than a session could make it) is read.
 */
public final class SessionIndex {

    private static final Pattern SESSION = Pattern.compile(".*\\.crashscope-session(\\.\\d+)?\\.txt");
    private static final long MAX_BYTES = 64L << 20;

    private SessionIndex() {
    }

    /** The index of the session transcript {@code transcript}. */
    public static Path fileOf(Path transcript) {
        return transcript.resolveSibling(transcript.getFileName() + ".prompts");
    }

    /** The prompt lines of a live session's transcript, or {@code null} when it has no index (any other transcript, an older session). */
    static BitSet read(Path transcript) {
        if (transcript.getFileName() == null || !SESSION.matcher(transcript.getFileName().toString()).matches()) {
            return null;
        }
        Path index = fileOf(transcript);
        try {
            BasicFileAttributes a = Files.readAttributes(index, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile() || a.size() > MAX_BYTES) {
                return null;
            }
            BitSet lines = new BitSet();
            for (String line : new String(Files.readAllBytes(index), StandardCharsets.US_ASCII).split("\n")) {
                if (line.matches("\\d{1,9}")) {
                    lines.set(Integer.parseInt(line));
                } else if (!line.isEmpty()) {
                    return null; // not an index we wrote
                }
            }
            return lines;
        } catch (IOException e) {
            return null;
        }
    }
}
