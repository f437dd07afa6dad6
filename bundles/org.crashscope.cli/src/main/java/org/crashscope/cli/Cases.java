package org.crashscope.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.crashscope.analysis.AnalysisSession;
import org.crashscope.analysis.AnalysisSession.Settings;
import org.crashscope.live.Dump;
import org.crashscope.library.Bucket;
import org.crashscope.library.Case;
import org.crashscope.library.CaseFacts;
import org.crashscope.library.CaseLibrary;
import org.crashscope.library.CaseStatus;
import org.crashscope.library.ConflictException;
import org.crashscope.library.DataFolder;
import org.crashscope.library.FingerprintRule;
import org.crashscope.library.KnownIssues;
import org.crashscope.library.LibraryJson;
import org.crashscope.library.Similar;
import org.crashscope.report.AtomicFiles;
import org.crashscope.transcript.TerminalText;

/**
 * {@code crashscope cases ...}: the case library from the command line. Every subcommand takes
 * {@code --library DIR|URL} (a folder for an embedded library, a {@code jdbc:postgresql:} URL for a
 * team's; default {@code CRASHSCOPE_LIBRARY}, else the user's data folder).
 */
final class Cases {

    static final String USAGE_TEXT = """
            Usage: crashscope cases add FILE...|DIR             record cases (a folder: every transcript in it, recursively)
                   crashscope cases list [--bucket SIG] [--format json|text]
                   crashscope cases show ID [--format json|text]
                   crashscope cases similar FILE [--format json|text]   the bucket and nearest cases of a file not yet added
                   crashscope cases set ID [--status new|in-progress|solved|duplicate] [--resolution TEXT] [--notes TEXT]
                                          [--version N] [--by NAME]      (--version: the one you read; a later change is a conflict)
                   crashscope cases delete ID
                   crashscope cases merge SIG --into SIG | cases unmerge SIG | cases split ID --bucket NAME
                   crashscope cases rule --id ID [--kind RE] [--frame RE] --fingerprint TEXT   a custom fingerprint (regroups)
                   crashscope cases regroup                 recompute signatures made by an older algorithm
                   crashscope cases known-issue SIG -o RULE.json [--fixed-in VERSION]... [--reference URL]...
                                                            make a known issue of a solved bucket (also stored in the library)
                   crashscope cases export [-o FILE] | cases import FILE   (JSON lines)
            All take --library DIR|URL (default: CRASHSCOPE_LIBRARY, else %s).
            """;

    private static final Set<String> VALUED = Set.of("--library", "--format", "-f", "--bucket", "--status", "--resolution", "--notes", "--version", "--by",
            "--into", "--id", "--kind", "--frame", "--fingerprint", "-o", "--output", "--rules", "--limit", "--fixed-in", "--reference", "--workaround");
    /** File names a folder holds beside transcripts: our side files, the generator's ground truth, pictures. */
    private static final List<String> NOT_TRANSCRIPTS = List.of(".json", ".prompts", ".raw", ".ran", ".png", ".svg", ".html", ".pdf", ".gz", ".xz", ".zst");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, List<String>> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();
    private Settings settings;

    Cases(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The library a command uses: {@code --library}, else {@code CRASHSCOPE_LIBRARY} (or the property {@code crashscope.library}), else the data folder's. */
    static String location(String given) {
        return given != null ? given : CaseLibrary.defaultLocation();
    }

    int run(List<String> args) {
        if (args.isEmpty()) {
            err.print(usage());
            return Main.USAGE;
        }
        String sub = args.get(0);
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            int eq = a.indexOf('=');
            String name = a.startsWith("--") && eq > 0 ? a.substring(0, eq) : a;
            if (VALUED.contains(name)) {
                String value = eq > 0 && a.startsWith("--") ? a.substring(eq + 1) : i + 1 < args.size() ? args.get(++i) : null;
                if (value == null) {
                    return usage(a + " needs a value");
                }
                options.computeIfAbsent(name.equals("-f") ? "--format" : name.equals("--output") ? "-o" : name, k -> new ArrayList<>()).add(value);
            } else if (a.startsWith("-") && a.length() > 1) {
                return usage("unknown option '" + a + "'");
            } else {
                positional.add(a);
            }
        }
        String format = option("--format", "text");
        if (!format.equals("json") && !format.equals("text")) {
            return usage("unknown format '" + format + "' (json or text)");
        }
        try (CaseLibrary library = CaseLibrary.open(location(option("--library", null)))) {
            return switch (sub) {
                case "add" -> add(library);
                case "list" -> list(library, format);
                case "show" -> show(library, format);
                case "similar" -> similar(library, format);
                case "set" -> set(library);
                case "delete" -> delete(library);
                case "merge" -> merge(library);
                case "unmerge" -> unmerge(library);
                case "split" -> split(library);
                case "rule" -> rule(library);
                case "regroup" -> regroup(library);
                case "known-issue" -> knownIssue(library);
                case "export" -> export(library);
                case "import" -> importLines(library);
                default -> usage("unknown cases command '" + sub + "'");
            };
        } catch (IOException e) {
            err.println("crashscope: " + TerminalText.safe(e.getMessage()));
            return Main.FAILED;
        }
    }

    private String usage() {
        return String.format(USAGE_TEXT, DataFolder.library());
    }

    private String option(String name, String fallback) {
        List<String> v = options.get(name);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    private int usage(String problem) {
        err.println("crashscope: " + problem + " (see crashscope cases)");
        return Main.USAGE;
    }

    // ---- add

    private int add(CaseLibrary library) throws IOException {
        if (positional.isEmpty()) {
            return usage("cases add needs FILE... or DIR");
        }
        List<Path> files = new ArrayList<>();
        for (String p : positional) {
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                // links are not followed: a folder of someone else's files may link anywhere
                try (Stream<Path> walk = Files.walk(path, Integer.MAX_VALUE, EnumSet.noneOf(FileVisitOption.class).toArray(new FileVisitOption[0]))) {
                    walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && transcriptName(f)).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                err.println("crashscope: " + TerminalText.safe(p) + ": no such file");
                return Main.USAGE;
            }
        }
        int added = 0;
        int again = 0;
        int failed = 0;
        boolean terminal = System.console() != null;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            String name = TerminalText.safe(f.toString());
            try {
                if (Dump.of(f) != null) {
                    err.println("crashscope: [" + (i + 1) + "/" + files.size() + "] " + name + ": a dump, skipped (crashscope analyze --vmcore records its session)");
                    continue;
                }
                Case c = record(library, f);
                boolean fresh = c.seenCount() == 1;
                added += fresh ? 1 : 0;
                again += fresh ? 0 : 1;
                String line = "[" + bar(i + 1, files.size()) + "] " + (i + 1) + "/" + files.size() + " " + name + ": " + c.id() + (fresh ? " new" : " seen before")
                        + ", " + TerminalText.safe(c.bucket());
                err.print(terminal ? "\r\u001b[K" + line : line + "\n");
            } catch (IOException | RuntimeException e) {
                failed++;
                err.print((terminal ? "\r\u001b[K" : "") + "crashscope: " + name + ": " + TerminalText.safe(String.valueOf(e.getMessage())) + "\n");
            }
        }
        if (terminal) {
            err.println();
        }
        out.println(files.size() + " file" + (files.size() == 1 ? "" : "s") + ": " + added + " new case" + (added == 1 ? "" : "s") + ", " + again
                + " seen before" + (failed > 0 ? ", " + failed + " unreadable" : "") + "; the library has " + library.buckets().size() + " buckets of "
                + library.count() + " cases");
        return failed > 0 && added + again == 0 ? Main.FAILED : Main.OK;
    }

    private static String bar(int done, int all) {
        int width = 20;
        int full = all == 0 ? width : done * width / all;
        return "#".repeat(full) + ".".repeat(width - full);
    }

    private static boolean transcriptName(Path f) {
        String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return !n.startsWith(".") && NOT_TRANSCRIPTS.stream().noneMatch(n::endsWith);
    }

    /** Analyses a file and records it as a case. */
    private Case record(CaseLibrary library, Path file) throws IOException {
        return library.add(facts(file, settings(library)));
    }

    /** The analysis settings with the library's known issues as rules (materialized once per command). */
    private Settings settings(CaseLibrary library) throws IOException {
        if (settings == null) {
            Path folder = knownIssueRules(library, location(option("--library", null)));
            settings = folder == null ? Settings.defaults() : Settings.defaults().withRules(List.of(folder));
        }
        return settings;
    }

    /**
     * The known issues made in the library at {@code location}, as a rule folder for the analysis;
     * {@code null} when it has none or does not exist yet (a library is never made just to look).
     */
    static Path knownIssueRules(String location, PrintStream err) {
        if (!location.startsWith("jdbc:") && !Files.exists(Path.of(location, "library.mv.db"))) {
            return null;
        }
        try (CaseLibrary library = CaseLibrary.open(location)) {
            return knownIssueRules(library, location);
        } catch (IOException | RuntimeException e) {
            err.println("crashscope: warning: the library's known issues are not matched: " + TerminalText.safe(String.valueOf(e.getMessage())));
            return null;
        }
    }

    /**
     * The known issues made in {@code library} (at {@code location}) written as a rule folder for the
     * analysis: {@code known-issues} in the library's folder, or in the data folder for a server's;
     * {@code null} when it has none.
     */
    static Path knownIssueRules(CaseLibrary library, String location) throws IOException {
        if (library.knownIssues().isEmpty()) {
            return null;
        }
        Path folder = library.embedded() ? Path.of(location, "known-issues")
                : DataFolder.crashscope().resolve("known-issues").resolve(Integer.toHexString(library.location().hashCode()));
        return KnownIssues.materialize(library, folder);
    }

    static CaseFacts facts(Path file, Settings settings) throws IOException {
        String hash = CaseFacts.hash(file);
        try (AnalysisSession session = AnalysisSession.open(file, settings)) {
            return CaseFacts.of(session.analysis(), file.toAbsolutePath().normalize().toString(), hash);
        }
    }

    // ---- read

    private int list(CaseLibrary library, String format) throws IOException {
        List<Bucket> buckets = library.buckets();
        String only = option("--bucket", null);
        if (only != null) {
            Bucket b = library.bucket(only);
            buckets = b == null ? List.of() : List.of(b);
        }
        if (format.equals("json")) {
            out.print(TerminalText.json(LibraryJson.buckets(buckets)));
            return Main.OK;
        }
        for (Bucket b : buckets) {
            out.println(TerminalText.safe(String.format(java.util.Locale.ROOT, "%4d  %-11s %s .. %s  %s", b.count(), b.status().id(), b.firstSeen().toLocalDate(),
                    b.lastSeen().toLocalDate(), b.signature())));
            out.println(TerminalText.safe("      " + (b.title() == null ? "(no crash)" : b.title()) + "; kernels: "
                    + (b.kernels().isEmpty() ? "?" : String.join(", ", b.kernels())) + "; cases: " + String.join(" ", b.caseIds())));
        }
        return Main.OK;
    }

    private int show(CaseLibrary library, String format) throws IOException {
        if (positional.size() != 1) {
            return usage("cases show needs one ID");
        }
        Case c = library.find(positional.get(0)).orElse(null);
        if (c == null) {
            err.println("crashscope: no case " + TerminalText.safe(positional.get(0)) + " in " + TerminalText.safe(library.location()));
            return Main.USAGE;
        }
        if (format.equals("json")) {
            out.print(TerminalText.json(LibraryJson.show(c)));
            return Main.OK;
        }
        CaseFacts f = c.facts();
        StringBuilder b = new StringBuilder();
        b.append("case ").append(c.id()).append(" (version ").append(c.version()).append("), ").append(c.status().id()).append('\n');
        b.append("  file:       ").append(f.file()).append('\n');
        b.append("  crash:      ").append(f.kind()).append(": ").append(f.title()).append('\n');
        b.append("  guilty:     ").append(f.guiltyFrame()).append('\n');
        b.append("  frames:     ").append(String.join(" < ", f.frames().subList(0, Math.min(8, f.frames().size())))).append('\n');
        if (f.mechanism() != null) {
            b.append("  mechanism:  ").append(f.mechanism()).append('\n');
        }
        b.append("  kernel:     ").append(f.release()).append(' ').append(f.arch()).append(", machine ").append(f.machine()).append('\n');
        b.append("  diagnosis:  ").append(f.diagnosis()).append(f.knownIssue() != null ? " (" + f.knownIssue() + ")" : "").append('\n');
        b.append("  signature:  ").append(c.signature()).append(" (v").append(c.signatureVersion()).append(")\n");
        b.append("  bucket:     ").append(c.bucket()).append('\n');
        b.append("  seen:       ").append(c.seenCount()).append(" times, ").append(c.firstSeen()).append(" .. ").append(c.lastSeen()).append('\n');
        if (c.resolution() != null) {
            b.append("  resolution: ").append(c.resolution()).append('\n');
        }
        if (c.notes() != null) {
            b.append("  notes:      ").append(c.notes()).append('\n');
        }
        out.print(TerminalText.safe(b.toString()));
        return Main.OK;
    }

    private int similar(CaseLibrary library, String format) throws IOException {
        if (positional.size() != 1 || !Files.isRegularFile(Path.of(positional.get(0)))) {
            return usage("cases similar needs one FILE");
        }
        int limit;
        try {
            limit = Integer.parseInt(option("--limit", "5"));
        } catch (NumberFormatException e) {
            return usage("--limit needs a number");
        }
        Similar s = library.similar(facts(Path.of(positional.get(0)), settings(library)), Math.max(1, limit));
        if (format.equals("json")) {
            out.print(TerminalText.json(LibraryJson.similar(s)));
            return Main.OK;
        }
        StringBuilder b = new StringBuilder();
        b.append("signature: ").append(s.signature()).append('\n');
        b.append("bucket:    ").append(s.bucket() == null ? "none (a crash the library has not seen)" : s.bucket()).append('\n');
        for (Similar.Near n : s.nearest()) {
            b.append(String.format(java.util.Locale.ROOT, "  %.3f  %s  %s%n", n.distance(), n.caseId(), n.bucket()));
        }
        out.print(TerminalText.safe(b.toString()));
        return Main.OK;
    }

    // ---- change

    private int set(CaseLibrary library) throws IOException {
        if (positional.size() != 1) {
            return usage("cases set needs one ID");
        }
        String statusName = option("--status", null);
        CaseStatus status = statusName == null ? null : CaseStatus.ofId(statusName);
        if (statusName != null && status == null) {
            return usage("unknown status '" + statusName + "' (new, in-progress, solved or duplicate)");
        }
        Case c = library.find(positional.get(0)).orElse(null);
        if (c == null) {
            err.println("crashscope: no case " + TerminalText.safe(positional.get(0)));
            return Main.USAGE;
        }
        int version;
        try {
            version = Integer.parseInt(option("--version", String.valueOf(c.version())));
        } catch (NumberFormatException e) {
            return usage("--version needs a number");
        }
        try {
            Case now = library.update(c.id(), version, status, option("--resolution", null), option("--notes", null), option("--by", System.getProperty("user.name")));
            out.println(now.id() + " " + now.status().id() + " (version " + now.version() + ")");
            return Main.OK;
        } catch (ConflictException e) {
            err.println("crashscope: " + TerminalText.safe(e.getMessage()));
            return Main.FAILED;
        }
    }

    private int delete(CaseLibrary library) throws IOException {
        if (positional.size() != 1) {
            return usage("cases delete needs one ID");
        }
        if (!library.delete(positional.get(0))) {
            err.println("crashscope: no case " + TerminalText.safe(positional.get(0)));
            return Main.USAGE;
        }
        out.println("deleted " + positional.get(0));
        return Main.OK;
    }

    private int merge(CaseLibrary library) throws IOException {
        String into = option("--into", null);
        if (positional.size() != 1 || into == null) {
            return usage("cases merge needs SIG and --into SIG");
        }
        library.merge(positional.get(0), into);
        out.println("merged");
        return Main.OK;
    }

    private int unmerge(CaseLibrary library) throws IOException {
        if (positional.size() != 1) {
            return usage("cases unmerge needs SIG");
        }
        library.unmerge(positional.get(0));
        out.println("unmerged");
        return Main.OK;
    }

    private int split(CaseLibrary library) throws IOException {
        String bucket = option("--bucket", null);
        if (positional.isEmpty() || bucket == null) {
            return usage("cases split needs ID... and --bucket NAME");
        }
        for (String id : positional) {
            Case c = library.find(id).orElse(null);
            if (c == null) {
                err.println("crashscope: no case " + TerminalText.safe(id));
                return Main.USAGE;
            }
            try {
                library.split(id, c.version(), bucket, option("--by", System.getProperty("user.name")));
            } catch (ConflictException e) {
                err.println("crashscope: " + TerminalText.safe(e.getMessage()));
                return Main.FAILED;
            }
        }
        out.println("split");
        return Main.OK;
    }

    private int rule(CaseLibrary library) throws IOException {
        String id = option("--id", null);
        String fingerprint = option("--fingerprint", null);
        if (id == null || fingerprint == null) {
            return usage("cases rule needs --id ID and --fingerprint TEXT");
        }
        try {
            int changed = library.addRule(new FingerprintRule(id, option("--kind", null), option("--frame", null), fingerprint));
            out.println(changed + " case" + (changed == 1 ? "" : "s") + " regrouped");
            return Main.OK;
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
    }

    private int regroup(CaseLibrary library) throws IOException {
        out.println(library.regroup() + " cases regrouped");
        return Main.OK;
    }

    private int knownIssue(CaseLibrary library) throws IOException {
        String output = option("-o", null);
        if (positional.size() != 1 || output == null) {
            return usage("cases known-issue needs SIG and -o RULE.json");
        }
        try {
            KnownIssues.Made made = KnownIssues.make(library, positional.get(0), options.getOrDefault("--fixed-in", List.of()),
                    options.getOrDefault("--reference", List.of()), option("--workaround", null));
            AtomicFiles.write(Path.of(output).toAbsolutePath(), made.json());
            out.println(made.id() + " -> " + output);
            return Main.OK;
        } catch (KnownIssues.NotSolved e) {
            err.println("crashscope: " + TerminalText.safe(e.getMessage()));
            return Main.USAGE;
        }
    }

    // ---- move

    private int export(CaseLibrary library) throws IOException {
        StringWriter w = new StringWriter();
        int n = LibraryJson.export(library, w);
        String output = option("-o", null);
        if (output == null) {
            out.print(TerminalText.json(w.toString()));
        } else {
            AtomicFiles.write(Path.of(output).toAbsolutePath(), w.toString());
            err.println("crashscope: " + n + " lines written to " + TerminalText.safe(output));
        }
        return Main.OK;
    }

    private int importLines(CaseLibrary library) throws IOException {
        if (positional.size() != 1) {
            return usage("cases import needs FILE (- for standard input)");
        }
        String name = positional.get(0);
        try (Reader in = name.equals("-") ? new InputStreamReader(System.in, StandardCharsets.UTF_8) : Files.newBufferedReader(Path.of(name), StandardCharsets.UTF_8)) {
            LibraryJson.Imported r = LibraryJson.importFrom(library, in);
            r.problems().forEach(p -> err.println("crashscope: " + TerminalText.safe(name) + ": " + TerminalText.safe(p)));
            out.println(r.added() + " cases added, " + r.present() + " already in the library" + (r.problems().isEmpty() ? "" : ", " + r.problems().size() + " lines skipped"));
            return Main.OK;
        }
    }
}
