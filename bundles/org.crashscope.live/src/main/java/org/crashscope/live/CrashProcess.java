package org.crashscope.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.crashscope.transcript.TerminalText;

/**
 * The system's {@code crash} run on a dump in a pseudo-terminal, as an analyst runs it: util-linux
 * {@code script} gives it a real pty (crash's pager, line editing and Ctrl+C behave as in a
 * terminal), {@code --no_scroll --no_crashrc} keep its output plain. A command is typed, its output
 * read until the next {@code crash>} prompt, and handed back as the terminal would show it.
 */
public final class CrashProcess implements AutoCloseable {

    /**
     * What one command printed.
     *
     * @param interrupted it ran past its time and was stopped with Ctrl+C: {@code text} is what it printed until then
     * @param spilled     characters of the output that went to the {@link Spill} as they came, beyond
     *                    {@link #keptOutput()}: {@code text} is the rest, the end of the output
     */
    public record Output(String command, String text, boolean interrupted, long spilled) {
        public Output(String command, String text, boolean interrupted) {
            this(command, text, interrupted, 0);
        }
    }

    /** Where the bytes crash prints go, as they come, before anything is made of them (the session's {@code .raw} side file). */
    public interface RawSink {
        void write(byte[] bytes, int offset, int length) throws IOException;
    }

    /** Where the output of a long command goes as it comes, so that it is never held whole (the session's transcript). */
    public interface Spill {
        void write(String text) throws IOException;
    }

    /**
     * The most of one command's output held in memory ({@code crashscope.keptOutput}, else
     * {@code CRASHSCOPE_KEPT_OUTPUT}, default 16 MiB): the rest goes to the {@link Spill} as crash
     * prints it, so that a command printing gigabytes ({@code rd} of all memory) costs no heap.
     */
    public static long keptOutput() {
        String value = System.getProperty("crashscope.keptOutput", System.getenv("CRASHSCOPE_KEPT_OUTPUT"));
        long parsed = value == null ? -1 : org.crashscope.transcript.Limits.parseSize(value);
        return parsed >= (64 << 10) ? parsed : 16L << 20;
    }

    /** crash did not start, or stopped: what it printed, and in words what that means. */
    public static final class CrashFailure extends IOException {
        private final String printed;

        CrashFailure(String message, String printed) {
            super(message);
            this.printed = printed;
        }

        /** What crash printed before it stopped. */
        public String printed() {
            return printed;
        }
    }

    private static final Pattern ANSI = Pattern.compile("\u001b(\\[[0-9;?]*[A-Za-z]|\\][^\u0007\u001b]*(\u0007|\u001b\\\\)|[()][A-Z0-9]|[=>])");
    private static final String PROMPT = "crash> ";

    private final Process process;
    private final OutputStream in;
    private final StringBuilder raw = new StringBuilder();
    private final Object lock = new Object();
    private boolean ended;
    private String banner;
    /** The running command's spill, its command and how much went to it (under {@link #lock}). */
    private Spill spill;
    private String spillCommand;
    private long spilled;
    private IOException spillFailure;
    private final long kept = keptOutput();
    /** The bytes crash printed before a {@link RawSink} was given (its banner), at most {@value #RAW_BEFORE} of them. */
    private java.io.ByteArrayOutputStream rawBefore = new java.io.ByteArrayOutputStream();
    private static final int RAW_BEFORE = 1 << 20;
    private RawSink rawSink;

    /** How long crash has to end after SIGTERM before SIGKILL (crash ignores SIGTERM while it reads a dump). */
    static final Duration GRACE = Duration.ofSeconds(2);

    /**
     * The crashes of this JVM that run: ended by a shutdown hook when the JVM is stopped (SIGTERM,
     * System.exit, the workbench's exit), so that no crash is left behind re-parented to init.
     */
    private static final java.util.Set<CrashProcess> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(p -> p.end(Duration.ZERO, GRACE)), "crashscope-end-crash"));
    }

    private CrashProcess(Process process) {
        this.process = process;
        this.in = process.getOutputStream();
        RUNNING.add(this);
        Thread reader = new Thread(() -> pump(process.getInputStream()), "crash output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The crash to run: {@code crashscope.crash} (a system property), else {@code CRASHSCOPE_CRASH}, else {@code crash} on the PATH, or {@code null}. */
    public static Path find() {
        String env = System.getProperty("crashscope.crash", System.getenv("CRASHSCOPE_CRASH"));
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "crash");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Starts {@code crash} on {@code dump} with {@code vmlinux} and waits for its first prompt.
     *
     * @throws CrashFailure when crash is missing or stops before its prompt (the vmlinux does not
     *                      match, no debuginfo, a crash too old for the kernel ...), said in words
     */
    public static CrashProcess start(Path crash, Path vmlinux, Path dump, Duration timeout) throws IOException {
        if (crash == null || !Files.isExecutable(crash)) {
            throw new CrashFailure("crash is not installed (Debian: apt-get install crash; for Linux 6.1 and later crash 8.0.3 or newer), "
                    + "or set CRASHSCOPE_CRASH to the crash to run", "");
        }
        Path script = Path.of("/usr/bin/script");
        if (!Files.isExecutable(script)) {
            throw new CrashFailure("util-linux's script is missing (Debian: apt-get install bsdutils): it gives crash its terminal", "");
        }
        // absolute and after "--": a dump named --version or -s is a file to crash, never an option
        String command = String.join(" ", List.of(quote(crash.toAbsolutePath().toString()), "--no_scroll", "--no_crashrc", "--",
                quote(vmlinux.toAbsolutePath().toString()), quote(dump.toAbsolutePath().toString())));
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "-q", "-f", "-e", "-c", command, "/dev/null");
        pb.redirectErrorStream(true);
        pb.environment().put("TERM", "dumb");
        pb.environment().put("COLUMNS", "200");
        pb.environment().put("LINES", "50");
        // the user's home, not the dump's folder: others may write there, and crash and its gdb read start-up files where they start
        pb.directory(new java.io.File(System.getProperty("user.home")));
        CrashProcess p = new CrashProcess(pb.start());
        String start = p.untilPrompt(0, timeout);
        if (start == null) {
            String printed = p.screenSince(0);
            p.close();
            throw new CrashFailure(Diagnose.startFailure(printed), printed);
        }
        p.banner = start;
        return p;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** What crash printed before its first prompt (its banner, the session header, its warnings). */
    public String banner() {
        return banner;
    }

    /** Types {@code command} and returns what it printed, as the terminal shows it; Ctrl+C after {@code timeout}. */
    public Output run(String command, Duration timeout) throws IOException {
        return run(command, timeout, null);
    }

    /**
     * Types {@code command} and returns what it printed; output beyond {@link #keptOutput()} goes to
     * {@code spill} as it comes (screened, whole lines), and the returned text is the rest.
     */
    public Output run(String command, Duration timeout, Spill spill) throws IOException {
        int mark;
        synchronized (lock) {
            if (ended) {
                throw new CrashFailure("crash has stopped", screen(raw.toString()));
            }
            raw.setLength(0); // the commands before are written down: what crash prints is held for one command only
            mark = 0;
            this.spill = spill;
            this.spillCommand = command;
            this.spilled = 0;
            this.spillFailure = null;
        }
        try {
            return runTyped(command, timeout, mark);
        } finally {
            synchronized (lock) {
                this.spill = null;
            }
        }
    }

    private Output runTyped(String command, Duration timeout, int mark) throws IOException {
        in.write((command + "\r").getBytes(StandardCharsets.UTF_8));
        in.flush();
        String out = untilPrompt(mark, timeout);
        boolean timedOut = false;
        if (out == null && !stopped()) {
            interrupt();
            timedOut = true;
            out = untilPrompt(mark, Duration.ofSeconds(10));
        }
        if (out == null) {
            if (stopped()) {
                try {
                    process.waitFor(3, java.util.concurrent.TimeUnit.SECONDS); // its terminal closed: let it go
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            throw new CrashFailure(stopped() ? "crash stopped while running " + command : "crash does not answer", screenSince(mark));
        }
        long spilledChars;
        synchronized (lock) {
            spilledChars = spilled;
            if (spillFailure != null) {
                throw spillFailure;
            }
        }
        List<String> lines = new ArrayList<>(List.of(out.split("\n", -1)));
        if (spilledChars == 0 && !lines.isEmpty() && lines.get(0).strip().equals(command.strip())) {
            lines.remove(0); // the command as the terminal echoed it
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return new Output(command, String.join("\n", lines), timedOut, spilledChars);
    }

    private void keepRawLocked(byte[] buf, int n) {
        if (rawSink != null) {
            try {
                rawSink.write(buf, 0, n);
            } catch (IOException e) {
                rawSink = null; // the raw copy stops (a full disk): the transcript, which matters, goes on
            }
        } else if (rawBefore != null && rawBefore.size() < RAW_BEFORE) {
            rawBefore.write(buf, 0, Math.min(n, RAW_BEFORE - rawBefore.size()));
        }
    }

    /**
     * Hands what the running command printed beyond {@link #kept} to its spill, whole lines, keeping
     * the last KiB (where the prompt will show); the first piece loses the echoed command.
     */
    private void spillLocked() {
        if (spill == null || spillFailure != null || raw.length() <= kept) {
            return;
        }
        int cut = raw.lastIndexOf("\n", raw.length() - 1024);
        if (cut <= 0) {
            return;
        }
        String text = screen(raw.substring(0, cut + 1));
        raw.delete(0, cut + 1);
        if (spilled == 0) {
            int eol = text.indexOf('\n');
            if (eol >= 0 && text.substring(0, eol).strip().equals(spillCommand.strip())) {
                text = text.substring(eol + 1);
            }
        }
        try {
            spill.write(text);
            spilled += text.length();
        } catch (IOException e) {
            spillFailure = e; // said when the command ends; the output is held from here on
        }
    }

    /**
     * Keeps every byte crash prints in {@code sink} from now on, and what it printed before (its
     * banner): the transcript shows the text as a terminal would, with control characters escaped;
     * the bytes themselves are kept, so nothing crash printed is lost.
     */
    public void keepRaw(RawSink sink) throws IOException {
        synchronized (lock) {
            byte[] before = rawBefore.toByteArray();
            rawBefore = null;
            sink.write(before, 0, before.length);
            rawSink = sink;
        }
    }

    /** Ctrl+C: crash stops the running command and prompts again. */
    public void interrupt() throws IOException {
        in.write(3);
        in.flush();
    }

    public boolean alive() {
        return process.isAlive() && !stopped();
    }

    /** Whether crash's terminal has closed (crash exited or was killed). */
    private boolean stopped() {
        synchronized (lock) {
            return ended;
        }
    }

    /** The output from {@code mark} up to the next prompt, without it, or {@code null} when crash stopped or the time ran out. */
    private String untilPrompt(int mark, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                String tail = ANSI.matcher(raw.substring(Math.max(mark, raw.length() - 400))).replaceAll("").replace("\r", "");
                if (tail.endsWith(PROMPT) && raw.length() > mark) {
                    String text = screen(raw.substring(mark));
                    int cut = text.lastIndexOf("crash>");
                    return cut < 0 ? text : text.substring(0, cut);
                }
                long left = end - System.nanoTime();
                if (ended || left <= 0) {
                    return null;
                }
                try {
                    lock.wait(Math.max(1, Math.min(left / 1_000_000, 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    private String screenSince(int mark) {
        synchronized (lock) {
            return screen(raw.substring(Math.min(mark, raw.length())));
        }
    }

    private void pump(InputStream out) {
        byte[] buf = new byte[1 << 16];
        try {
            int n;
            while ((n = out.read(buf)) > 0) {
                synchronized (lock) {
                    keepRawLocked(buf, n);
                    raw.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    spillLocked();
                    lock.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process went away: ended below
        } finally {
            synchronized (lock) {
                ended = true;
                lock.notifyAll();
            }
        }
    }

    /**
     * What a terminal shows of raw output: escapes dropped, carriage returns and backspaces applied,
     * TABs kept as typed; any control character left (an escape the pattern does not know, a C1
     * control in a task name) shown as an escape, so that no text of the dump reaches the
     * transcript, a view or a terminal as a control sequence.
     */
    static String screen(String raw) {
        String text = ANSI.matcher(raw).replaceAll("").replace("\u0007", "").replace("\r\n", "\n");
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            StringBuilder cells = new StringBuilder();
            int col = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\r') {
                    col = 0;
                } else if (c == '\b') {
                    col = Math.max(0, col - 1);
                } else {
                    if (col < cells.length()) {
                        cells.setCharAt(col, c);
                    } else {
                        cells.append(c);
                    }
                    col++;
                }
            }
            int end = cells.length();
            while (end > 0 && cells.charAt(end - 1) == ' ') {
                end--;
            }
            out.append(TerminalText.safe(cells.substring(0, end))).append('\n');
        }
        return out.length() > 0 ? out.substring(0, out.length() - 1) : "";
    }

    /** Ends crash: asked to quit, then TERM, then KILL after {@link #GRACE}; {@code script} and everything it started with it. */
    @Override
    public void close() {
        end(Duration.ofSeconds(3), GRACE);
    }

    /**
     * Ends crash and its terminal: {@code q} typed and {@code ask} waited for, then SIGTERM to
     * {@code script}, crash and every process they started (listed before any of them is ended,
     * since an orphan is no descendant of ours any more), then SIGKILL to what is left after {@code grace}.
     */
    void end(Duration ask, Duration grace) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        try {
            if (process.isAlive() && !ask.isZero()) {
                in.write("q\r".getBytes(StandardCharsets.US_ASCII));
                in.flush();
                process.waitFor(ask.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (IOException e) {
            // its terminal is gone: it is ended below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // it did not end in time: killed below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        RUNNING.remove(this);
    }

    /** The processes crash runs as (script, the shell, crash), for the tests that check none is left. */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(0, process.toHandle());
        return all;
    }
}
