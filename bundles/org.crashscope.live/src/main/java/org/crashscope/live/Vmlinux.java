package org.crashscope.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds the vmlinux (with debug info) of a dump: by build id under
 * {@code /usr/lib/debug/.build-id/}, by release under {@code /usr/lib/debug/boot/vmlinux-REL} and
 * {@code /usr/lib/debug/lib/modules/REL/vmlinux}, beside the dump ({@code vmlinux},
 * {@code vmlinux-REL}), in that order; the roots are those of {@code CRASHSCOPE_DEBUG_ROOT}
 * (colon-separated) before {@code /}. A file beside the dump is taken only from a folder nobody else
 * can write (no group or other write bit, or the sticky bit with the file ours), owned by the user
 * or root: dumps are read in shared folders, and crash must never load a vmlinux someone planted there.
 */
public final class Vmlinux {

    private Vmlinux() {
    }

    /**
     * Where the vmlinux of {@code dump} was looked for, in order, and the first that is there ({@code null} when none).
     *
     * @param refused the files that were there but not taken, each with why
     */
    public record Found(Path vmlinux, List<Path> lookedAt, List<String> refused) {
    }

    public static Found of(Dump dump) {
        List<Path> candidates = new ArrayList<>();
        for (Path root : roots()) {
            Path debug = root.resolve("usr/lib/debug").normalize();
            String id = dump.buildId();
            if (id != null && id.length() > 2) {
                String hex = id.toLowerCase(Locale.ROOT);
                within(debug, debug.resolve(".build-id").resolve(hex.substring(0, 2)).resolve(hex.substring(2) + ".debug"), candidates);
            }
            if (dump.release() != null) {
                within(debug, debug.resolve("boot/vmlinux-" + dump.release()), candidates);
                within(debug, debug.resolve("lib/modules/" + dump.release() + "/vmlinux"), candidates);
            }
        }
        int debugCandidates = candidates.size();
        Path dir = dump.file().toAbsolutePath().normalize().getParent();
        if (dir != null) {
            if (dump.release() != null) {
                within(dir, dir.resolve("vmlinux-" + dump.release()), candidates);
            }
            candidates.add(dir.resolve("vmlinux"));
        }
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Path p = candidates.get(i);
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                continue;
            }
            String why = i < debugCandidates ? null : untrusted(p);
            if (why == null) {
                return new Found(p, List.copyOf(candidates), List.copyOf(refused));
            }
            refused.add(p + ": " + why);
        }
        return new Found(null, List.copyOf(candidates), List.copyOf(refused));
    }

    /**
     * Why a file beside the dump may have been planted there, or {@code null} when it cannot have
     * been: its folder is writable by others without the sticky bit, or it belongs to someone else
     * than the user or root (a file system without owners and permissions is not judged).
     */
    static String untrusted(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            var perms = Files.getPosixFilePermissions(dir);
            String owner = Files.getOwner(file).getName();
            boolean ours = owner.equals(System.getProperty("user.name")) || owner.equals("root");
            boolean othersWrite = perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                    || perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
            boolean sticky = Files.getAttribute(dir, "unix:mode") instanceof Integer mode && (mode & 01000) != 0;
            if (!ours) {
                return "owned by " + owner + ", not by you or root: give --vmlinux if you trust it";
            }
            if (othersWrite && !sticky) {
                return "its folder " + dir + " can be written by others, who could have put it there: give --vmlinux if you trust it";
            }
            return null;
        } catch (UnsupportedOperationException | IOException e) {
            return null;
        }
    }

    /**
     * Adds {@code candidate} when it names a file under {@code root}: the release and build id come
     * from the dump (Dump keeps only those of their shape); this is the second line, should a value
     * with a {@code ..} or a {@code /} get through, crash must never load a file outside the debug folders.
     */
    private static void within(Path root, Path candidate, List<Path> candidates) {
        Path normal = candidate.normalize();
        if (normal.startsWith(root) && !normal.equals(root) && normal.getNameCount() == candidate.getNameCount()) {
            candidates.add(normal);
        }
    }

    private static List<Path> roots() {
        List<Path> roots = new ArrayList<>();
        String env = System.getenv("CRASHSCOPE_DEBUG_ROOT");
        if (env != null) {
            Stream.of(env.split(":")).filter(s -> !s.isBlank()).map(Path::of).forEach(roots::add);
        }
        roots.add(Path.of("/"));
        return roots;
    }

    /**
     * Whether {@code vmlinux} is of the dump's release, by the Linux version string in it
     * ({@code Linux version 6.1.0-37-amd64 ...}); {@code null} when it cannot tell (no release, no string found in the first 64 MiB).
     */
    public static Boolean matches(Path vmlinux, Dump dump) throws IOException {
        if (dump.release() == null) {
            return null;
        }
        byte[] needle = ("Linux version " + dump.release() + " ").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] any = "Linux version ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        boolean sawAny = false;
        org.crashscope.transcript.SafeFiles.requireRegularInput(vmlinux, "the vmlinux");
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(vmlinux), 1 << 16)) {
            byte[] buf = new byte[1 << 20];
            byte[] carry = new byte[0];
            long read = 0;
            int n;
            while ((n = in.read(buf)) > 0 && read < (64L << 20)) {
                byte[] window = new byte[carry.length + n];
                System.arraycopy(carry, 0, window, 0, carry.length);
                System.arraycopy(buf, 0, window, carry.length, n);
                if (indexOf(window, needle) >= 0) {
                    return true;
                }
                sawAny |= indexOf(window, any) >= 0;
                carry = java.util.Arrays.copyOfRange(window, Math.max(0, window.length - needle.length), window.length);
                read += n;
            }
        }
        return sawAny ? Boolean.FALSE : null;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
