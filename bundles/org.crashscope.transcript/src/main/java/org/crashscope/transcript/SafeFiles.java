package org.crashscope.transcript;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every file Crashscope writes goes through here, because dumps are read on shared machines, in
 * folders other people can write: a name in such a folder may be a link planted to make us write
 * elsewhere, a FIFO that hangs whoever opens it, or the dump itself. So a new file is created
 * exclusively ({@code O_CREAT|O_EXCL}: never an existing file or link); no existing file is ever
 * opened for writing (a report or notes replace theirs by renaming a new file over it, a live
 * session always starts new files); and an output that is an input, a dump, a vmlinux, a live
 * session's file or not a regular file is refused before any work starts. Inputs that are not
 * regular files (a FIFO, a device) are refused up front where a stream makes no sense.
 */
public final class SafeFiles {

    /** A write or a read refused before it started, said in words. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    /** Names of a live session's files: the transcript, its {@code .2} ... siblings and their side files. */
    private static final Pattern SESSION = Pattern.compile(".*\\.crashscope-session(\\.\\d+)?\\.txt(\\.[a-z]+)?");

    private SafeFiles() {
    }

    /** Creates {@code file}, which must not exist in any form (not even as a dangling link), and opens it with {@code options}. */
    public static FileChannel createNew(Path file, OpenOption... options) throws IOException {
        List<OpenOption> all = new ArrayList<>(Arrays.asList(options));
        all.add(StandardOpenOption.CREATE_NEW);
        all.add(StandardOpenOption.WRITE);
        all.add(LinkOption.NOFOLLOW_LINKS);
        return FileChannel.open(file, all.toArray(OpenOption[]::new));
    }

    /**
     * Refuses {@code target} as an output before the work that writes it starts: when it is one of
     * {@code inputs} by any path (a link, a linked folder, {@code ..}), a kernel dump or any ELF file
     * (a vmlinux), a live session's transcript or side file, or when it exists and is not a regular
     * file (a folder, a FIFO, a device). A link at the target is allowed only to a regular file that
     * is none of these (the writer replaces the link, never writes through it).
     */
    public static void checkOutput(Path target, Path... inputs) throws Refused {
        Path absolute = target.toAbsolutePath().normalize();
        String name = absolute.getFileName() == null ? "" : absolute.getFileName().toString();
        if (SESSION.matcher(name).matches()) {
            throw new Refused(target + " is a live session's file: written only by its session");
        }
        for (Path input : inputs) {
            if (input != null && sameFile(absolute, input)) {
                throw new Refused(target + " is the input " + input);
            }
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(absolute, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return; // nothing there: it will be created
        }
        if (a.isSymbolicLink()) {
            try {
                a = Files.readAttributes(absolute, BasicFileAttributes.class);
            } catch (IOException e) {
                return; // a dangling link: replaced, never followed
            }
            try {
                String real = absolute.toRealPath().getFileName().toString();
                if (SESSION.matcher(real).matches()) {
                    throw new Refused(target + " links to a live session's file: written only by its session");
                }
            } catch (Refused e) {
                throw e;
            } catch (IOException e) {
                // its real name cannot be had: the checks below still hold
            }
        }
        if (!a.isRegularFile()) {
            throw new Refused(target + " is " + kind(a) + ", not a regular file");
        }
        String dump = dumpMagic(absolute);
        if (dump != null) {
            throw new Refused(target + " is " + dump + ": never overwritten");
        }
    }

    /** Whether {@code a} and {@code b} are one file, or would be once written (the same name in the same real folder). */
    public static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b)) {
                return true;
            }
            return location(a).equals(location(b));
        } catch (IOException e) {
            return false;
        }
    }

    private static Path location(Path p) throws IOException {
        Path absolute = p.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        return parent == null || !Files.exists(parent) ? absolute : parent.toRealPath().resolve(absolute.getFileName());
    }

    /** What a file is by its first bytes when it is a dump or an ELF file, or {@code null}. Reads a regular file only. */
    static String dumpMagic(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(16);
            }
            String magic = new String(head, StandardCharsets.ISO_8859_1);
            if (magic.startsWith("\u007fELF")) {
                return "an ELF file (a kernel dump or a vmlinux)";
            }
            if (magic.startsWith("KDUMP   ") || magic.startsWith("makedumpfile") || magic.startsWith("DISKDUMP")) {
                return "a kernel dump";
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Refuses an input that is not a regular file (a FIFO would block its reader, a device such as
     * {@code /dev/zero} never ends) before it is opened; a link to a regular file is fine.
     *
     * @param what what the file is for the user ({@code "the dump"}, {@code "the vmlinux"} ...)
     */
    public static void requireRegularInput(Path file, String what) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (!a.isRegularFile()) {
            throw new Refused(what + " " + file + " is " + kind(a) + ", not a regular file: give a file");
        }
    }

    /** A file's kind in words. */
    static String kind(BasicFileAttributes a) {
        if (a.isDirectory()) {
            return "a folder";
        }
        if (a.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (a.isOther()) {
            return "a FIFO, a device or a socket";
        }
        return a.isRegularFile() ? "a regular file" : "not a regular file";
    }
}
