package org.crashscope.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file so that readers see the old content or the new one, never a half-written file. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    private static Path temporaryFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    /** Renames the temporary file of {@link #temporaryFor} over {@code target}. */
    private static void commit(Path target) throws IOException {
        Path tmp = temporaryFor(target);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void write(Path target, String content) throws IOException {
        Path tmp = temporaryFor(target.toAbsolutePath());
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            commit(target.toAbsolutePath());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
