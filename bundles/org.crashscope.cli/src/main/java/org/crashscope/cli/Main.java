package org.crashscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.crashscope.analysis.AnalysisSession.Settings;
import org.crashscope.live.CrashProcess;
import org.crashscope.live.Dump;
import org.crashscope.live.Gatherer;
import org.crashscope.live.LiveSession;
import org.crashscope.presentation.TranscriptSession;
import org.crashscope.arch.x86.Disassembler;
import org.crashscope.report.AtomicFiles;
import org.crashscope.report.ContractJson;
import org.crashscope.report.notes.Notes;
import org.crashscope.report.ReportBuilder;
import org.crashscope.report.ReportFormat;
import org.crashscope.transcript.Limits;
import org.crashscope.transcript.SafeFiles;
import org.crashscope.transcript.TerminalText;
import org.crashscope.transcript.Transcript;

/**
 * {@code crashscope analyze FILE [--format json|text]}: the headless front end. It needs no
 * display, no workbench and no OSGi framework, so that it starts in a fraction of a second.
 * Exit codes: 0 done, 2 bad arguments or unreadable input, 3 out of memory, 4 crash failed on the
 * dump, 1 an internal error. Every text that comes from the input and reaches the terminal (the text
 * summary, crash's words, file names) has its control characters shown as escapes.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** The heap was too small for the file. */
    static final int NO_MEMORY = 3;
    /** crash could not start on the dump, or stopped during the session (its last words on stderr). */
    static final int CRASH_FAILED = 4;

    private static final String USAGE_TEXT = """
            Usage: crashscope analyze FILE [--format json|text] [--rules DIR]... [--depth full]
                   crashscope analyze --vmcore DUMP [--vmlinux VMLINUX] [--format json|text]
                   crashscope report FILE -o OUT [--format html|md|json] [--rules DIR]... [--depth full]
                          [--case ID] [--analyst NAME] [--syntax att|intel]
                   crashscope report --vmcore DUMP [--vmlinux VMLINUX] -o OUT ...
                   crashscope cases add|list|show|similar|set|merge|split|rule|known-issue|export|import ...
                                                      the case library (crashscope cases: its usage)
                   crashscope --help | --version

            Commands:
              analyze FILE   read a crash transcript or kernel log and print what was understood
                             (FILE - reads standard input)
              analyze --vmcore DUMP  run crash on the dump (CRASHSCOPE_CRASH, else crash on the
                             PATH) in a pseudo-terminal: a first set of commands, then those the
                             evidence chain needs; the session goes to DUMP.crashscope-session.txt
                             and is analysed as a transcript. The vmlinux is found by build id or
                             release under /usr/lib/debug, or beside the dump
              report FILE    write an annotated report (with the notes of FILE.crashscope.json);
                             the format defaults to OUT's extension, else html

            Options:
              --format json  one JSON object (the contract in README.md)
              --format text  a human summary (default)
              --rules DIR    also read the known-issue rules (*.json) of DIR, after those of
                             $CRASHSCOPE_RULES and ~/.crashscope/rules (repeatable)
              --depth full   parse every command block however large the file; by default a
                             file over 64 MiB is read as the workbench reads it (the log, and the
                             blocks that fit 50,000 lines; a diagnostic says where it stopped),
                             and its text summary from the block index and the log alone
              --case ID      the support case the report is for (its first line, with the date)
              --analyst NAME who wrote it
              --syntax intel instructions in Intel syntax (default: AT&T, as objdump -d prints them)
              --spool-limit SIZE  the most read from a stream (-, a pipe, a FIFO) before it is
                             refused (default 2g; also CRASHSCOPE_SPOOL_LIMIT)
              --library DIR|URL  the case library analyze and report record the case in (a folder, or a
                             jdbc:postgresql: URL; default CRASHSCOPE_LIBRARY, else the user's data folder);
                             its known issues are matched too
              --no-record    record no case (also CRASHSCOPE_RECORD=0)
              -h, --help     show this help
              --version      show the version
            """;

    private final PrintStream out;
    private final PrintStream err;
    /** Whether analyze and report record the case in the library. */
    private boolean record;
    /** The library of --library, or {@code null} for the default. */
    private String library;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        PrintStream err = new SafePrintStream(System.err);
        int code;
        try {
            code = new Main(out, err).run(args);
        } catch (OutOfMemoryError e) {
            out.flush();
            err.println("crashscope: out of memory (the heap is " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB): give it more with CRASHSCOPE_VMARGS=-Xmx<size>, e.g. CRASHSCOPE_VMARGS=-Xmx4g");
            code = NO_MEMORY;
        }
        out.flush();
        ArchivedClasses.loadAllWhenArchiving();
        System.exit(code);
    }

    int run(String... args) {
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.isEmpty() || rest.contains("-h") || rest.contains("--help") || rest.get(0).equals("help")) {
            (rest.isEmpty() ? err : out).print(USAGE_TEXT);
            return rest.isEmpty() ? USAGE : OK;
        }
        if (rest.get(0).equals("--version")) {
            out.println("crashscope " + version());
            return OK;
        }
        String command = rest.remove(0);
        if (command.equals("cases")) {
            return new Cases(out, err).run(rest);
        }
        // recording a case: on unless --no-record, CRASHSCOPE_RECORD=0 or -Dcrashscope.record=false; --library says where
        record = !rest.remove("--no-record") && !"0".equals(System.getenv("CRASHSCOPE_RECORD")) && !"false".equals(System.getProperty("crashscope.record"));
        int at = rest.indexOf("--library");
        if (at >= 0 && at + 1 < rest.size()) {
            library = rest.remove(at + 1);
            rest.remove(at);
        }
        if (command.equals("report")) {
            return report(rest);
        }
        if (!command.equals("analyze")) {
            return usage("unknown command '" + command + "'");
        }
        Args parsed = Args.parse(rest, Map.of("--format", "--format", "-f", "--format", "--rules", "--rules", "--depth", "--depth", "--vmcore", "--vmcore",
                "--vmlinux", "--vmlinux", "--spool-limit", "--spool-limit"));
        if (parsed.problem() != null) {
            return usage(parsed.problem());
        }
        if (!limits(parsed)) {
            return USAGE;
        }
        String format = parsed.options().getOrDefault("--format", "text");
        String file = parsed.file();
        if (!format.equals("json") && !format.equals("text")) {
            return usage("unknown format '" + format + "' (json or text)");
        }
        if (file == null && !parsed.options().containsKey("--vmcore")) {
            return usage("analyze needs a FILE (or --vmcore DUMP)");
        }
        Settings settings = settings(parsed);
        if (settings == null) {
            return USAGE;
        }
        if (parsed.options().containsKey("--vmcore")) {
            Live live = liveInput(parsed);
            if (live.transcript() == null) {
                return live.exit();
            }
            file = live.transcript().toString();
        }
        return analyze(Path.of(file), format, settings);
    }

    /** The limits the options set, for the readers in core; {@code false} when one is not a size (said). */
    private boolean limits(Args args) {
        String spool = args.options().get("--spool-limit");
        if (spool != null) {
            if (Limits.parseSize(spool) <= 0) {
                usage("--spool-limit " + spool + ": not a size (e.g. 512m, 8g)");
                return false;
            }
            System.setProperty("crashscope.spoolLimit", spool);
        }
        return true;
    }

    /**
     * The settings of a command: the workbench's depth (every record up to 64 MiB, a bounded parse
     * above) or, with {@code --depth full}, every record; the rule folders of {@code --rules} after
     * those of the environment.
     */
    private Settings settings(Args args) {
        String depth = args.options().getOrDefault("--depth", "view");
        if (!depth.equals("full") && !depth.equals("view")) {
            usage("unknown depth '" + depth + "' (full or view)");
            return null;
        }
        List<Path> folders = new ArrayList<>();
        for (String dir : args.all("--rules")) {
            Path p = Path.of(dir);
            if (!Files.isDirectory(p)) {
                usage("--rules " + dir + ": no such folder");
                return null;
            }
            folders.add(p);
        }
        if (record) {
            Path known = Cases.knownIssueRules(Cases.location(library), err);
            if (known != null) {
                folders.add(known);
            }
        }
        return Settings.defaults().withRules(folders).withDepth(depth.equals("full") ? Settings.Depth.FULL : Settings.Depth.VIEW);
    }

    /** What a live session gave: its transcript, or {@code null} and the exit code (the reason said on stderr). */
    private record Live(Path transcript, int exit) {
    }

    /** The session transcript of {@code --vmcore DUMP} (crash run on it), or the exit code when that failed (said on stderr). */
    private Live liveInput(Args parsed) {
        if (parsed.file() != null) {
            return new Live(null, usage("--vmcore DUMP replaces FILE: give one of them"));
        }
        return live(Path.of(parsed.options().get("--vmcore")), parsed.options().get("--vmlinux"));
    }

    /**
     * Runs crash on a dump: the first set of commands and the gatherer, every command appended to
     * the dump's session transcript; returns that transcript, or why not (said on stderr). A FIFO or
     * a device as the dump or the vmlinux is refused before it is opened.
     */
    private Live live(Path dumpFile, String vmlinux) {
        try {
            Path kernel = vmlinux == null ? null : Path.of(vmlinux);
            if (kernel != null) {
                SafeFiles.requireRegularInput(kernel, "the vmlinux");
            }
            Dump dump = Dump.of(dumpFile);
            if (dump == null) {
                err.println("crashscope: " + dumpFile + " is not a kernel dump (ELF core, kdump-compressed, flattened or diskdump)");
                return new Live(null, USAGE);
            }
            err.println("crashscope: " + dump.format().wording() + " dump of " + (dump.release() == null ? "an unknown release" : dump.release()));
            dump.problems().forEach(p -> err.println("crashscope: warning: " + p));
            try (LiveSession session = LiveSession.start(dump, kernel, null, java.time.Duration.ofMinutes(10))) {
                err.println("crashscope: the session is written to " + session.transcript());
                try {
                    new Gatherer(session, Settings.defaults(), command -> err.println("crash> " + command)).gather();
                } catch (CrashProcess.CrashFailure e) {
                    crashFailed(e);
                    err.println("crashscope: the transcript so far is kept: " + session.transcript());
                    return new Live(null, CRASH_FAILED);
                }
                session.warnings().forEach(w -> err.println("crashscope: warning: " + w));
                return new Live(session.transcript(), OK);
            }
        } catch (CrashProcess.CrashFailure e) {
            crashFailed(e);
            return new Live(null, CRASH_FAILED);
        } catch (SafeFiles.Refused e) {
            err.println("crashscope: " + e.getMessage());
            return new Live(null, USAGE);
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("crashscope: " + (e.getFile() != null ? e.getFile() : dumpFile) + ": no such file");
            return new Live(null, USAGE);
        } catch (IOException e) {
            err.println("crashscope: " + dumpFile + ": " + reason(e));
            return new Live(null, USAGE);
        }
    }

    /** crash's failure in words, and its last words as it printed them. */
    private void crashFailed(CrashProcess.CrashFailure e) {
        err.println("crashscope: " + e.getMessage());
        if (!e.printed().isBlank()) {
            String[] lines = e.printed().strip().split("\n");
            err.println("crash printed" + (lines.length > 15 ? " (its last 15 lines)" : "") + ":");
            err.println(String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 15), lines.length)));
        }
    }

    private int analyze(Path file, String format, Settings settings) {
        // the text summary of a huge file reads the block index and the log markers only, unless --depth full
        boolean summary = format.equals("text") && settings.depth() == Settings.Depth.VIEW;
        try (TranscriptSession session = TranscriptSession.open(file, summary ? settings.withDepth(Settings.Depth.SUMMARY) : settings)) {
            if (!session.summaryOnly()) {
                recordCase(file, session);
            }
            if (format.equals("json")) {
                // written as it is made: the JSON of a big transcript is several times its size
                ContractJson.writeForTerminal(session.presentation(), List.of(), out);
            } else if (session.summaryOnly()) {
                out.print(TerminalText.safe(TextSummary.write(session.parsed())));
            } else {
                out.print(TerminalText.safe(TextSummary.write(session.presentation())));
            }
            return OK;
        } catch (IOException e) {
            err.println("crashscope: cannot read " + file + ": " + reason(e));
            return USAGE;
        }
    }

    private int report(List<String> args) {
        Args parsed = Args.parse(args, Map.ofEntries(Map.entry("--format", "--format"), Map.entry("-f", "--format"), Map.entry("-o", "-o"), Map.entry("--output", "-o"),
                Map.entry("--rules", "--rules"), Map.entry("--depth", "--depth"), Map.entry("--case", "--case"), Map.entry("--analyst", "--analyst"),
                Map.entry("--syntax", "--syntax"), Map.entry("--vmcore", "--vmcore"), Map.entry("--vmlinux", "--vmlinux"),
                Map.entry("--spool-limit", "--spool-limit")));
        if (parsed.problem() != null) {
            return usage(parsed.problem());
        }
        if (!limits(parsed)) {
            return USAGE;
        }
        String file = parsed.file();
        String output = parsed.options().get("-o");
        String format = parsed.options().get("--format");
        if (output == null || file == null && !parsed.options().containsKey("--vmcore")) {
            return usage("report needs a FILE (or --vmcore DUMP) and -o OUT");
        }
        String name = format != null ? format : output.contains(".") ? output.substring(output.lastIndexOf('.') + 1) : "html";
        ReportFormat reportFormat = ReportFormat.of(name);
        if (reportFormat == null) {
            return usage(format != null ? "unknown format '" + format + "' (html, md or json)" : "cannot tell the format from '" + output + "': use --format");
        }
        Path target = Path.of(output).toAbsolutePath();
        if (Files.isDirectory(target) || target.getParent() == null || !Files.isDirectory(target.getParent())) {
            err.println("crashscope: cannot write " + output + ": " + (Files.isDirectory(target) ? "is a directory" : "no such folder"));
            return USAGE;
        }
        // before any work: the output is none of the inputs (by any path), no dump, no session file, no FIFO
        String dumpName = parsed.options().get("--vmcore");
        String vmlinuxName = parsed.options().get("--vmlinux");
        if (file != null && refusedOver(target, Path.of(file), output)) {
            return USAGE;
        }
        Path given = file != null ? Path.of(file) : null;
        try {
            SafeFiles.checkOutput(target, given, given == null ? null : Notes.sidecar(given), dumpName == null ? null : Path.of(dumpName),
                    vmlinuxName == null ? null : Path.of(vmlinuxName));
        } catch (SafeFiles.Refused e) {
            err.println("crashscope: will not write the report: " + e.getMessage());
            return USAGE;
        }
        Settings settings = settings(parsed);
        if (settings == null) {
            return USAGE;
        }
        String syntaxName = parsed.options().getOrDefault("--syntax", "att");
        if (!syntaxName.equals("att") && !syntaxName.equals("intel")) {
            return usage("unknown syntax '" + syntaxName + "' (att or intel)");
        }
        Disassembler.Syntax syntax = syntaxName.equals("intel") ? Disassembler.Syntax.INTEL : Disassembler.Syntax.ATT;
        if (dumpName != null) {
            Live live = liveInput(parsed);
            if (live.transcript() == null) {
                return live.exit();
            }
            file = live.transcript().toString();
            if (refusedOver(target, live.transcript(), output)) {
                return USAGE;
            }
        }
        Path in = Path.of(file);
        Path sidecar = Notes.sidecar(in);
        try (TranscriptSession session = TranscriptSession.open(in, settings)) {
            recordCase(in, session);
            Notes.Loaded notes = Notes.load(sidecar);
            if (notes.problem() != null) {
                err.println("crashscope: notes: " + notes.problem());
            }
            Transcript transcript = session.transcript();
            String content = reportFormat.write(in.getFileName().toString(),
                    new ReportBuilder.Input(session.presentation(), transcript::line, transcript.lineCount(), notes.notes(),
                            ReportBuilder.Meta.now(parsed.options().get("--case"), parsed.options().get("--analyst"), version(), syntax)));
            AtomicFiles.write(target, content, in, sidecar);
            out.println(output);
            return OK;
        } catch (AtomicFiles.ProtectedFileException e) {
            err.println("crashscope: will not write the report over " + e.getMessage());
            return USAGE;
        } catch (java.nio.file.AccessDeniedException e) {
            err.println("crashscope: permission denied: " + e.getFile());
            return USAGE;
        } catch (IOException e) {
            err.println("crashscope: cannot read " + file + " or write " + output + ": " + reason(e));
            return USAGE;
        }
    }

    /**
     * Records the analysis of a regular file as a case of the library (standard input, a pipe or a
     * device is no file to come back to: not recorded). A library that cannot be written is a
     * warning, never a failure of the command.
     */
    private void recordCase(Path file, TranscriptSession session) {
        if (!record || !Files.isRegularFile(file)) {
            return;
        }
        try (org.crashscope.library.CaseLibrary cases = org.crashscope.library.CaseLibrary.open(Cases.location(library))) {
            cases.add(org.crashscope.library.CaseFacts.of(session.analysis(), file.toAbsolutePath().normalize().toString(),
                    org.crashscope.library.CaseFacts.hash(file)));
        } catch (IOException | RuntimeException e) {
            err.println("crashscope: warning: the case was not recorded: " + TerminalText.safe(String.valueOf(e.getMessage()))
                    + " (--no-record or CRASHSCOPE_RECORD=0 turns recording off)");
        }
    }

    /** Whether {@code target} is the transcript or its notes by any path (a link, a linked folder, '..'): said, and refused. */
    private boolean refusedOver(Path target, Path in, String output) {
        Path sidecar = Notes.sidecar(in);
        try {
            Path hit = target.normalize().equals(in.toAbsolutePath().normalize()) ? in : AtomicFiles.protectedMatch(target, in, sidecar);
            if (hit != null) {
                err.println("crashscope: will not write the report over " + (hit == sidecar ? "the notes of the transcript " : "the transcript ") + hit);
                return true;
            }
            return false;
        } catch (IOException e) {
            err.println("crashscope: cannot tell whether " + output + " is the transcript: " + reason(e));
            return true;
        }
    }

    private int usage(String problem) {
        err.println("crashscope: " + problem + " (see crashscope --help)");
        return USAGE;
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /**
     * The version, commit and date the build stamped into this jar (org/crashscope/cli/build.properties, written by
     * releng/scripts/stamp-build.sh): "0.1.0.202612070335 (commit 7e20571d06a1, built 2026-12-07T03:35Z)".
     */
    static String version() {
        java.util.Properties stamp = new java.util.Properties();
        try (java.io.InputStream in = Main.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                stamp.load(in);
            }
        } catch (IOException e) {
            // said as unknown below
        }
        return stamp.getProperty("version", "unknown") + " (commit " + stamp.getProperty("commit", "unknown") + ", built "
                + stamp.getProperty("date", "unknown") + ")";
    }
}
