package org.crashscope.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.crashscope.analysis.AnalysisSession;
import org.crashscope.transcript.SafeFiles;
import org.crashscope.transcript.SessionIndex;

/**
 * crash running on a dump, its session written down as it goes: crash's banner, then every
 * command and its output as crash printed it, appended to the session's transcript
 * ({@code DUMP.crashscope-session.txt} beside the dump, or under {@code ~/.cache/crashscope/sessions}
 * when that folder cannot be written) and forced to disk after each command, so that everything
 * that reads transcripts (the views, notes, reports) reads it, and it can be opened again without
 * the dump. The transcript is only ever appended to.
 *
 * <p>The folder of a dump may be writable by others: the transcript and its side files are created
 * exclusively (a name that is taken, by a file or by a planted link, is skipped for the next
 * number), held open for the whole session and written through those channels only, and the
 * transcript is locked while the session runs.
 */
public final class LiveSession implements AutoCloseable {

    /**
     * How long one command may run before it is interrupted (Ctrl+C): {@code crashscope.commandTimeoutSeconds},
     * else {@code CRASHSCOPE_COMMAND_TIMEOUT} (seconds), else 5 minutes. An interrupted command is
     * marked so in the transcript, with the limit and how to raise it.
     */
    public static Duration commandTimeout() {
        String value = System.getProperty("crashscope.commandTimeoutSeconds", System.getenv("CRASHSCOPE_COMMAND_TIMEOUT"));
        try {
            long s = value == null ? 300 : Long.parseLong(value.strip());
            return Duration.ofSeconds(s > 0 ? s : 300);
        } catch (NumberFormatException e) {
            return Duration.ofMinutes(5);
        }
    }

    private final Dump dump;
    private final CrashProcess crash;
    private final SessionFiles files;
    private final List<String> ours = new ArrayList<>();
    private final List<Consumer<CrashProcess.Output>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private LiveSession(Dump dump, CrashProcess crash, SessionFiles files) {
        this.dump = dump;
        this.crash = crash;
        this.files = files;
    }

    /**
     * The session's files, created by us and open: the transcript (locked), its {@code .ran} side
     * file (the prompts of the commands Crashscope ran), its {@code .prompts} index (every prompt:
     * the command boundaries, recorded rather than guessed from the text, see {@link SessionIndex})
     * and its {@code .raw} copy (the bytes crash printed, escapes and all: the transcript shows them escaped).
     */
    private record SessionFiles(Path transcript, FileChannel text, FileLock lock, FileChannel ran, FileChannel prompts, FileChannel raw)
            implements AutoCloseable {
        @Override
        public void close() {
            for (AutoCloseable c : new AutoCloseable[] {lock, text, ran, prompts, raw}) {
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (Exception e) {
                    // closing what was written and forced: nothing is lost
                }
            }
        }
    }

    /**
     * Starts crash on {@code dump}. Before crash runs, a vmlinux of another release is refused.
     *
     * @param vmlinux the vmlinux, or {@code null} to find it ({@link Vmlinux})
     * @param crashBinary the crash to run, or {@code null} for {@link CrashProcess#find()}
     */
    public static LiveSession start(Dump dump, Path vmlinux, Path crashBinary, Duration startTimeout) throws IOException {
        Path kernel = vmlinux;
        if (kernel == null) {
            Vmlinux.Found found = Vmlinux.of(dump);
            if (found.vmlinux() == null) {
                throw new CrashProcess.CrashFailure("no vmlinux for " + (dump.release() == null ? "this dump" : "release " + dump.release())
                        + " (looked at " + String.join(", ", found.lookedAt().stream().map(Path::toString).toList())
                        + (found.refused().isEmpty() ? "" : "; not taken: " + String.join("; ", found.refused()))
                        + "); install its debug package or give --vmlinux", "");
            }
            kernel = found.vmlinux();
        }
        if (Boolean.FALSE.equals(Vmlinux.matches(kernel, dump))) {
            throw new CrashProcess.CrashFailure("the vmlinux and the vmcore do not match: " + kernel + " is not release " + dump.release()
                    + " (the dump's VMCOREINFO)", "");
        }
        CrashProcess crash = CrashProcess.start(crashBinary != null ? crashBinary : CrashProcess.find(), kernel, dump.file(), startTimeout);
        SessionFiles files;
        try {
            files = create(dump.file());
        } catch (IOException | RuntimeException e) {
            crash.close();
            throw e;
        }
        try {
            crash.keepRaw((bytes, offset, length) -> write(files.raw(), ByteBuffer.wrap(bytes, offset, length)));
        } catch (IOException e) {
            crash.close();
            files.close();
            throw e;
        }
        LiveSession session = new LiveSession(dump, crash, files);
        session.append(crash.banner().stripTrailing() + "\n");
        session.check(tooOld(crash.banner(), dump.release()));
        return session;
    }

    /** Session files tried before giving up (a folder full of planted names). */
    static final int NAMES_TRIED = 1000;

    /**
     * Creates the files of a new session of {@code dump}: beside it, else (a folder we cannot write)
     * in the user's cache. A name that is taken, by a session written before, a file or a planted
     * link, is never opened: the next number is tried ({@code DUMP.crashscope-session.2.txt}), and the
     * transcript and its side files are all new or the name is given up.
     */
    static SessionFiles create(Path dump) throws IOException {
        Path beside = dump.toAbsolutePath().normalize().getParent();
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "crashscope", "sessions");
        IOException last = null;
        for (Path dir : beside == null ? List.of(cache) : List.of(beside, cache)) {
            try {
                if (dir == cache) {
                    Files.createDirectories(cache);
                }
                return createIn(dir, dump.getFileName().toString());
            } catch (java.nio.file.FileSystemException e) {
                last = e; // not our folder to write (permission, a read-only file system): the cache
            }
        }
        throw last;
    }

    private static SessionFiles createIn(Path dir, String name) throws IOException {
        for (int n = 1; n <= NAMES_TRIED; n++) {
            Path p = dir.resolve(name + ".crashscope-session" + (n == 1 ? "" : "." + n) + ".txt");
            FileChannel text;
            try {
                text = SafeFiles.createNew(p, StandardOpenOption.APPEND, StandardOpenOption.DSYNC);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            FileLock lock = null;
            List<Path> made = new ArrayList<>(List.of(p));
            List<FileChannel> sides = new ArrayList<>();
            try {
                lock = text.tryLock();
                for (Path side : List.of(ranFile(p), SessionIndex.fileOf(p), rawFile(p))) {
                    sides.add(SafeFiles.createNew(side, StandardOpenOption.APPEND));
                    made.add(side);
                }
                return new SessionFiles(p, text, lock, sides.get(0), sides.get(1), sides.get(2));
            } catch (FileAlreadyExistsException e) {
                // a side file planted beside a free name: the name is given up (what we created of it removed), the next one tried
                giveUp(text, lock, sides, made);
            } catch (IOException | RuntimeException e) {
                giveUp(text, lock, sides, made);
                throw e;
            }
        }
        throw new IOException("no free name for a session transcript in " + dir + " (" + NAMES_TRIED + " tried)");
    }

    private static void giveUp(FileChannel text, FileLock lock, List<FileChannel> sides, List<Path> made) throws IOException {
        sides.add(0, text);
        if (lock != null) {
            lock.close();
        }
        for (FileChannel c : sides) {
            c.close();
        }
        for (Path p : made) {
            Files.deleteIfExists(p);
        }
    }

    private static Path rawFile(Path transcript) {
        return transcript.resolveSibling(transcript.getFileName() + ".raw");
    }

    public Dump dump() {
        return dump;
    }

    /** The session's transcript. */
    public Path transcript() {
        return files.transcript();
    }

    /** The commands Crashscope ran (the first set, the gatherer's), in order. */
    public List<String> ranByCrashscope() {
        return List.copyOf(ours);
    }

    private final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** What the session found wrong with crash itself (too old for the kernel ...), in words; empty when nothing. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    private volatile String crashTooOld;

    /**
     * Why this crash is too old for the dump's kernel, in words, or {@code null}: judged from crash's
     * banner ({@code crash 8.0.2}) and the dump's release (VMCOREINFO, else the banner's
     * {@code RELEASE:}) as soon as crash starts, before any command runs, so that the first set and
     * the gatherer are not run into failures ({@code invalid structure member offset}).
     */
    public String crashTooOld() {
        return crashTooOld;
    }

    private void check(String tooOld) {
        if (tooOld != null && warnings.isEmpty()) {
            crashTooOld = tooOld;
            warnings.add(tooOld);
        }
    }

    /** The one judgment of transcripts ({@link org.crashscope.transcript.parse.CrashVersion}), then crash's symptoms of it. */
    static String tooOld(String printed, String release) {
        int[] version = null;
        String bannerRelease = null;
        for (String line : printed.split("\n")) {
            if (version == null) {
                version = org.crashscope.transcript.parse.CrashVersion.of(line);
            }
            String s = line.strip();
            if (bannerRelease == null && s.startsWith("RELEASE:")) {
                bannerRelease = s.substring("RELEASE:".length()).strip();
            }
        }
        String judged = org.crashscope.transcript.parse.CrashVersion.tooOld(version, release != null ? release : bannerRelease);
        return judged != null ? judged : Diagnose.tooOld(printed);
    }

    /** Runs after each command, with what it printed (the console view shows it). */
    public void onOutput(Consumer<CrashProcess.Output> listener) {
        listeners.add(listener);
    }

    /** Runs a command the user typed. */
    public CrashProcess.Output run(String command) throws IOException {
        return run(command, false);
    }

    /** Runs a command Crashscope chose (remembered as such). */
    public CrashProcess.Output runOurs(String command) throws IOException {
        return run(command, true);
    }

    /**
     * The prompt lines of the commands Crashscope ran in the session written to {@code transcript}
     * (from {@code TRANSCRIPT.ran} beside it: one line number a line), for the outline to mark.
     */
    public static java.util.Set<Integer> ranLines(Path transcript) {
        Path ran = ranFile(transcript);
        java.util.Set<Integer> lines = new java.util.HashSet<>();
        try {
            if (Files.isRegularFile(ran, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.size(ran) < (1 << 20)) {
                for (String line : Files.readAllLines(ran, StandardCharsets.US_ASCII)) {
                    if (line.matches("\\d{1,9}")) {
                        lines.add(Integer.parseInt(line));
                    }
                }
            }
        } catch (IOException e) {
            // no marks: the commands are shown unmarked
        }
        return lines;
    }

    private static Path ranFile(Path transcript) {
        return transcript.resolveSibling(transcript.getFileName() + ".ran");
    }

    private int lines;

    /**
     * Runs a command: its prompt line is written first, then its output, the part beyond crash's
     * kept output as crash prints it (so that a huge output is never held whole), the rest when it ends.
     */
    private synchronized CrashProcess.Output run(String command, boolean byUs) throws IOException {
        if (byUs) {
            ours.add(command);
            write(files.ran(), (lines + 1) + "\n");
        }
        write(files.prompts(), (lines + 1) + "\n");
        append("crash> " + command + "\n");
        CrashProcess.Output out;
        try {
            out = crash.run(command, commandTimeout(), this::append);
        } catch (CrashProcess.CrashFailure e) {
            append(e.printed().isBlank() ? "" : e.printed().stripTrailing() + "\n");
            throw e;
        }
        append((out.text().isEmpty() ? "" : out.text() + "\n") + (out.interrupted()
                ? "[Crashscope: interrupted (Ctrl+C) after the command time limit of " + commandTimeout().toSeconds()
                        + " s; raise it with CRASHSCOPE_COMMAND_TIMEOUT=SECONDS]\n" : ""));
        check(Diagnose.tooOld(out.text())); // crash's symptoms only: a version line in a command's output is the crashed machine's text
        listeners.forEach(l -> l.accept(out));
        return out;
    }

    /** Ctrl+C to the running command. */
    public void interrupt() throws IOException {
        crash.interrupt();
    }

    public boolean alive() {
        return crash.alive();
    }

    /** The analysis of the session so far (the transcript read again). */
    public AnalysisSession analysis(AnalysisSession.Settings settings) throws IOException {
        return AnalysisSession.open(files.transcript(), settings);
    }

    private void append(String text) throws IOException {
        write(files.text(), text);
        lines += (int) text.chars().filter(c -> c == '\n').count();
    }

    private static void write(FileChannel channel, String text) throws IOException {
        write(channel, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void write(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** The processes crash runs as, while it runs (tests check none is left after close). */
    public List<ProcessHandle> processes() {
        return crash.processes();
    }

    @Override
    public void close() {
        try {
            crash.close();
        } finally {
            files.close();
        }
    }
}
