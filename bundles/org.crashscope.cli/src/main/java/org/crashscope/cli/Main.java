package org.crashscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.crashscope.analysis.AnalysisSession;
import org.crashscope.analysis.AnalysisSession.Settings;
import org.crashscope.analysis.live.CrashProcess;
import org.crashscope.analysis.live.Dump;
import org.crashscope.analysis.live.Gatherer;
import org.crashscope.analysis.live.LiveSession;
import org.crashscope.arch.x86.Disassembler;
import org.crashscope.report.AtomicFiles;
import org.crashscope.report.ContractJson;
import org.crashscope.report.notes.Notes;
import org.crashscope.report.ReportBuilder;
import org.crashscope.report.ReportFormat;
import org.crashscope.transcript.Transcript;

/**
 * {@code crashscope analyze FILE [--format json|text]}: the headless front end. It needs no
 * display, no workbench and no OSGi framework, so that it starts in a fraction of a second.
 * Exit codes: 0 done, 2 bad arguments or unreadable input, 1 an internal error.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** The heap was too small for the file. */
    static final int NO_MEMORY = 3;

    private static final String USAGE_TEXT = """
            Usage: crashscope analyze FILE [--format json|text] [--rules DIR]... [--depth full]
                   crashscope analyze --vmcore DUMP [--vmlinux VMLINUX] [--format json|text]
                   crashscope report FILE -o OUT [--format html|md|json] [--rules DIR]... [--depth full]
                          [--case ID] [--analyst NAME] [--syntax att|intel]
                   crashscope report --vmcore DUMP [--vmlinux VMLINUX] -o OUT ...
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
              -h, --help     show this help
              --version      show the version
            """;

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
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
        if (command.equals("report")) {
            return report(rest);
        }
        if (!command.equals("analyze")) {
            return usage("unknown command '" + command + "'");
        }
        Args parsed = Args.parse(rest, Map.of("--format", "--format", "-f", "--format", "--rules", "--rules", "--depth", "--depth", "--vmcore", "--vmcore",
                "--vmlinux", "--vmlinux"));
        if (parsed.problem() != null) {
            return usage(parsed.problem());
        }
        String format = parsed.options().getOrDefault("--format", "text");
        String file = parsed.file();
        if (!format.equals("json") && !format.equals("text")) {
            return usage("unknown format '" + format + "' (json or text)");
        }
        if (parsed.options().containsKey("--vmcore")) {
            file = liveInput(parsed);
            if (file == null) {
                return USAGE;
            }
        }
        if (file == null) {
            return usage("analyze needs a FILE (or --vmcore DUMP)");
        }
        Settings settings = settings(parsed);
        if (settings == null) {
            return USAGE;
        }
        return analyze(Path.of(file), format, settings);
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
        return Settings.defaults().withRules(folders).withDepth(depth.equals("full") ? Settings.Depth.FULL : Settings.Depth.VIEW);
    }

    /** The session transcript of {@code --vmcore DUMP} (crash run on it), or {@code null} when that failed (said on stderr). */
    private String liveInput(Args parsed) {
        if (parsed.file() != null) {
            usage("--vmcore DUMP replaces FILE: give one of them");
            return null;
        }
        Path session = live(Path.of(parsed.options().get("--vmcore")), parsed.options().get("--vmlinux"));
        return session == null ? null : session.toString();
    }

    /**
     * Runs crash on a dump: the first set of commands and the gatherer, every command appended to
     * the dump's session transcript; returns that transcript, or {@code null} (said on stderr).
     */
    private Path live(Path dumpFile, String vmlinux) {
        try {
            Dump dump = Dump.of(dumpFile);
            if (dump == null) {
                err.println("crashscope: " + dumpFile + " is not a kernel dump (ELF core, kdump-compressed, flattened or diskdump)");
                return null;
            }
            err.println("crashscope: " + dump.format().wording() + " dump of " + (dump.release() == null ? "an unknown release" : dump.release()));
            try (LiveSession session = LiveSession.start(dump, vmlinux == null ? null : Path.of(vmlinux), null, java.time.Duration.ofMinutes(10))) {
                err.println("crashscope: the session is written to " + session.transcript());
                new Gatherer(session, Settings.defaults(), command -> err.println("crash> " + command)).gather();
                session.warnings().forEach(w -> err.println("crashscope: warning: " + w));
                return session.transcript();
            }
        } catch (CrashProcess.CrashFailure e) {
            err.println("crashscope: " + e.getMessage());
            if (!e.printed().isBlank()) {
                err.println("crash printed:");
                err.println(e.printed().strip());
            }
            return null;
        } catch (IOException e) {
            err.println("crashscope: " + dumpFile + ": " + reason(e));
            return null;
        }
    }

    private int analyze(Path file, String format, Settings settings) {
        // the text summary of a huge file reads the block index and the log markers only, unless --depth full
        boolean summary = format.equals("text") && settings.depth() == Settings.Depth.VIEW;
        try (AnalysisSession session = AnalysisSession.open(file, summary ? settings.withDepth(Settings.Depth.SUMMARY) : settings)) {
            if (format.equals("json")) {
                out.print(ContractJson.write(session.analysis()));
            } else if (session.summaryOnly()) {
                out.print(TextSummary.write(session.parsed()));
            } else {
                out.print(TextSummary.write(session.analysis()));
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
                Map.entry("--syntax", "--syntax"), Map.entry("--vmcore", "--vmcore"), Map.entry("--vmlinux", "--vmlinux")));
        if (parsed.problem() != null) {
            return usage(parsed.problem());
        }
        String file = parsed.file();
        String output = parsed.options().get("-o");
        String format = parsed.options().get("--format");
        if (output == null || file == null && !parsed.options().containsKey("--vmcore")) {
            return usage("report needs a FILE (or --vmcore DUMP) and -o OUT");
        }
        if (parsed.options().containsKey("--vmcore")) {
            file = liveInput(parsed);
            if (file == null) {
                return USAGE;
            }
        }
        String name = format != null ? format : output.contains(".") ? output.substring(output.lastIndexOf('.') + 1) : "html";
        ReportFormat reportFormat = ReportFormat.of(name);
        if (reportFormat == null) {
            return usage(format != null ? "unknown format '" + format + "' (html, md or json)" : "cannot tell the format from '" + output + "': use --format");
        }
        Path in = Path.of(file);
        Path target = Path.of(output).toAbsolutePath();
        if (Files.isDirectory(target) || target.getParent() == null || !Files.isDirectory(target.getParent())) {
            err.println("crashscope: cannot write " + output + ": " + (Files.isDirectory(target) ? "is a directory" : "no such folder"));
            return USAGE;
        }
        Path sidecar = Notes.sidecar(in);
        try {
            // by any path: a link, a linked folder, '..'
            Path hit = target.normalize().equals(in.toAbsolutePath().normalize()) ? in : AtomicFiles.protectedMatch(target, in, sidecar);
            if (hit != null) {
                err.println("crashscope: will not write the report over " + (hit == sidecar ? "the notes of the transcript " : "the transcript ") + hit);
                return USAGE;
            }
        } catch (IOException e) {
            err.println("crashscope: cannot tell whether " + output + " is the transcript: " + reason(e));
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
        try (AnalysisSession session = AnalysisSession.open(in, settings)) {
            Notes.Loaded notes = Notes.load(sidecar);
            if (notes.problem() != null) {
                err.println("crashscope: notes: " + notes.problem());
            }
            Transcript transcript = session.transcript();
            String content = reportFormat.write(in.getFileName().toString(),
                    new ReportBuilder.Input(session.analysis(), transcript::line, transcript.lineCount(), notes.notes(),
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

    private static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0";
    }
}
