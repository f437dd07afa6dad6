package org.crashscope.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.crashscope.transcript.SafeFiles;

/**
 * Writes a file so that readers see the old content or the new one, never a half-written file, and
 * so that nothing else is written: the bytes go to a fresh temporary file created exclusively in
 * the target's folder (a planted file or symlink of any name is never opened), are forced to disk,
 * and the temporary file is renamed over the target (a symlink at the target is replaced, never
 * written through); then the folder is forced. On failure the temporary file is removed and the
 * target is as it was. A target that is one of the protected files (the transcript, its notes),
 * by any path, is refused.
 */
public final class AtomicFiles {

    /** Writing would replace a file that must not be written. */
    public static final class ProtectedFileException extends IOException {
        private static final long serialVersionUID = 1L;

        ProtectedFileException(Path target, Path protectedFile) {
            super(target + " is " + protectedFile);
        }
    }

    private AtomicFiles() {
    }

    public static void write(Path target, String content, Path... protectedFiles) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8), protectedFiles);
    }

    public static void write(Path target, byte[] content, Path... protectedFiles) throws IOException {
        Path absolute = target.toAbsolutePath();
        refuseProtected(absolute, protectedFiles);
        // never a dump, a vmlinux, a live session's file, a FIFO or a device, whoever asks for the write
        SafeFiles.checkOutput(absolute, protectedFiles);
        Path folder = absolute.getParent();
        Path tmp = createExclusively(folder, "." + absolute.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            keepPermissions(absolute, tmp);
            // checked again just before the rename: a link planted since is refused too
            refuseProtected(absolute, protectedFiles);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            forceFolder(folder);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Moves {@code file} aside to a new name beside it ({@code NAME.bad-2026-12-01T10-15-00}); the
     * name is created exclusively, so nothing is replaced. Returns the new path.
     */
    public static Path keepAside(Path file, String suffix) throws IOException {
        Path absolute = file.toAbsolutePath();
        for (int i = 0;; i++) {
            Path aside = absolute.resolveSibling(absolute.getFileName() + "." + suffix + (i == 0 ? "" : "-" + i));
            try {
                Files.createFile(aside);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            Files.move(absolute, aside, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceFolder(absolute.getParent());
            return aside;
        }
    }

    /** A new empty file of a random name, created with O_EXCL (never an existing file or link) and the user's umask. */
    private static Path createExclusively(Path folder, String prefix, String suffix) throws IOException {
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (int tries = 0;; tries++) {
            Path p = folder.resolve(prefix + Long.toUnsignedString(random.nextLong(), 36) + suffix);
            try {
                return Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                if (tries > 100) {
                    throw e;
                }
            }
        }
    }

    /** A replaced file keeps its permissions (a report the user made readable to others stays so). */
    private static void keepPermissions(Path target, Path tmp) {
        try {
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: the new file has the default permissions
        }
    }

    /**
     * Which of {@code files} {@code target} is, by any path (links, linked folders, {@code ..}),
     * or would be once written (the same name in the same real folder), or {@code null}.
     */
    public static Path protectedMatch(Path target, Path... files) throws IOException {
        for (Path p : files) {
            if (p == null) {
                continue;
            }
            if (Files.exists(target) && Files.exists(p) && Files.isSameFile(target, p)) {
                return p;
            }
            if (location(target).equals(location(p))) {
                return p;
            }
        }
        return null;
    }

    /** The real folder and the name: where a write to {@code p} would land. */
    private static Path location(Path p) throws IOException {
        Path absolute = p.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        return parent == null || !Files.exists(parent) ? absolute : parent.toRealPath().resolve(absolute.getFileName());
    }

    private static void refuseProtected(Path target, Path... files) throws IOException {
        Path hit = protectedMatch(target, files);
        if (hit != null) {
            throw new ProtectedFileException(target, hit);
        }
    }

    /** Forces the folder's entries (the rename) to disk, where the platform can open a folder for it. */
    private static void forceFolder(Path folder) {
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a folder as a channel: the rename itself is atomic there
        }
    }
}
