package org.crashscope.analysis.live;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.crashscope.analysis.AnalysisSession;

/**
 * crash running on a dump, its session written down as it goes: crash's banner, then every
 * command and its output as crash printed it, appended to the session's transcript
 * ({@code DUMP.crashscope-session.txt} beside the dump, or under {@code ~/.cache/crashscope/sessions}
 * when that folder cannot be written) and forced to disk after each command, so that everything
 * that reads transcripts (the views, notes, reports) reads it, and it can be opened again without
 * the dump. The transcript is only ever appended to.
 */
public final class LiveSession implements AutoCloseable {

    /** How long one command may run before it is interrupted (Ctrl+C). */
    public static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

    private final Dump dump;
    private final CrashProcess crash;
    private final Path transcript;
    private final List<String> ours = new ArrayList<>();
    private final List<Consumer<CrashProcess.Output>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private LiveSession(Dump dump, CrashProcess crash, Path transcript) {
        this.dump = dump;
        this.crash = crash;
        this.transcript = transcript;
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
                        + "); install its debug package or give --vmlinux", "");
            }
            kernel = found.vmlinux();
        }
        if (Boolean.FALSE.equals(Vmlinux.matches(kernel, dump))) {
            throw new CrashProcess.CrashFailure("the vmlinux and the vmcore do not match: " + kernel + " is not release " + dump.release()
                    + " (the dump's VMCOREINFO)", "");
        }
        CrashProcess crash = CrashProcess.start(crashBinary != null ? crashBinary : CrashProcess.find(), kernel, dump.file(), startTimeout);
        Path transcript = transcriptOf(dump.file());
        LiveSession session = new LiveSession(dump, crash, transcript);
        session.append(crash.banner().stripTrailing() + "\n");
        session.check(crash.banner());
        return session;
    }

    /**
     * Where a new session of {@code dump} is written: beside it, else in the user's cache; a
     * session written before is never appended to by another: the new one is numbered
     * ({@code DUMP.crashscope-session.2.txt}).
     */
    public static Path transcriptOf(Path dump) {
        Path dir = dump.toAbsolutePath().getParent();
        if (dir == null || !Files.isWritable(dir)) {
            dir = Path.of(System.getProperty("user.home"), ".cache", "crashscope", "sessions");
        }
        String name = dump.getFileName().toString();
        for (int n = 1;; n++) {
            Path p = dir.resolve(name + ".crashscope-session" + (n == 1 ? "" : "." + n) + ".txt");
            if (!Files.exists(p)) {
                return p;
            }
        }
    }

    public Dump dump() {
        return dump;
    }

    /** The session's transcript. */
    public Path transcript() {
        return transcript;
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

    private void check(String printed) {
        String tooOld = Diagnose.tooOld(printed);
        if (tooOld != null && warnings.isEmpty()) {
            warnings.add(tooOld);
        }
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
            if (Files.isRegularFile(ran)) {
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

    private synchronized CrashProcess.Output run(String command, boolean byUs) throws IOException {
        CrashProcess.Output out;
        try {
            out = crash.run(command, COMMAND_TIMEOUT);
        } catch (CrashProcess.CrashFailure e) {
            append("crash> " + command + "\n" + e.printed().stripTrailing() + "\n");
            throw e;
        }
        if (byUs) {
            ours.add(command);
            Files.writeString(ranFile(transcript), (lines + 1) + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        append("crash> " + command + "\n" + (out.text().isEmpty() ? "" : out.text() + "\n"));
        check(out.text());
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
        return AnalysisSession.open(transcript, settings);
    }

    private void append(String text) throws IOException {
        Files.createDirectories(transcript.getParent());
        try (OutputStream out = Files.newOutputStream(transcript, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.DSYNC)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        lines += (int) text.chars().filter(c -> c == '\n').count();
    }

    @Override
    public void close() {
        crash.close();
    }
}
