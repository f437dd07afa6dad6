package org.crashscope.live;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.analysis.AnalysisSession;
import org.crashscope.analysis.Finding;
import org.crashscope.analysis.TranscriptAnalysis;
import org.crashscope.transcript.model.KernelEvent;

/**
 * Gathers the evidence a chain needs by running crash: a first set of commands (what every
 * analyst runs first), then the commands the memory errors of the log lead to: the page of each
 * failed pfn ({@code kmem -p}), the task that maps its virtual address ({@code vtop -c PID ADDR}
 * over the user tasks of {@code ps}), the page-table page that maps it ({@code rd -p TABLE 512}),
 * then the next command each gap of the chain names, until the chain closes or {@link #BOUND}
 * commands ran.
 *
 * <p>Only what is missing is run: the commands the session's transcript already holds (typed in the
 * console, run by an earlier gathering) are known by their {@linkplain #normal(String) normal form}
 * and never run again, their outputs read from the transcript instead; each command run says why
 * (which gap of the chain it fills) to the progress callback ({@code COMMAND  # WHY}) and in {@link #steps()}.
 */
public final class Gatherer {

    /** What an analyst runs first on a dump. */
    public static final List<String> FIRST_SET = List.of("sys", "bt", "log", "ps", "bt -a");
    /** At most this many commands after the first set. */
    public static final int BOUND = 40;
    /** At most this many tasks are asked whether they map an address. */
    static final int TASKS_ASKED = 24;

    private static final Pattern PS = Pattern.compile("^>?\\s*(\\d+)\\s+\\d+\\s+\\d+\\s+[0-9a-f]+\\s+[A-Z]{2}\\s+[\\d.]+\\s+(\\d+)\\s+\\d+\\s+(\\S.*)$");

    private final LiveSession session;
    private final AnalysisSession.Settings settings;
    private final Consumer<String> progress;
    /** The commands the transcript holds, by normal form, with the output of those the gatherer reads (ps, vtop), else "". */
    private final java.util.Map<String, String> held = new java.util.HashMap<>();
    private final List<Step> steps = new ArrayList<>();

    /** A command the gatherer ran and why (the gap of the chain it fills). */
    public record Step(String command, String why) {
    }

    public Gatherer(LiveSession session, AnalysisSession.Settings settings, Consumer<String> progress) {
        this.session = session;
        this.settings = settings;
        this.progress = progress == null ? s -> { } : progress;
    }

    /** Runs what is missing of the first set and gathers (nothing when crash is too old for the kernel); returns the analysis of the session at the end. */
    public TranscriptAnalysis gather() throws IOException {
        if (session.crashTooOld() != null) {
            // its answers about tasks and memory maps would be failures or wrong: nothing is run, the session says why
            return analyse();
        }
        readHeld();
        for (int i = 0; i < FIRST_SET.size(); i++) {
            run(FIRST_SET.get(i), FIRST_SET_WHY.get(i));
        }
        List<String> ps = List.of(output("ps").split("\n"));
        TranscriptAnalysis analysis = analyse();
        int budget = BOUND;
        Set<Long> tables = new LinkedHashSet<>();
        for (KernelEvent e : analysis.parsed().kernelEvents()) {
            if (e.pfn() == null || budget <= 0) {
                continue;
            }
            int line = e.span() == null ? 0 : e.span().first();
            budget -= run("kmem -p " + Long.toHexString(e.pfn() << 12),
                    "the page of pfn 0x" + Long.toHexString(e.pfn()) + " that log line " + line + " says failed (chain: error -> page)") ? 1 : 0;
            if (e.virtual() == null) {
                continue;
            }
            for (Long pid : userTasks(ps)) {
                if (budget <= 0) {
                    break;
                }
                String command = "vtop -c " + pid + " " + Long.toHexString(e.virtual());
                budget -= run(command, "whether task " + pid + " maps 0x" + Long.toHexString(e.virtual()) + ", the user address of pfn 0x"
                        + Long.toHexString(e.pfn()) + " (chain: virtual range -> user address -> task)") ? 1 : 0;
                Long table = leafTable(output(command));
                if (table != null) {
                    if (tables.add(table) && budget > 0) {
                        budget -= run("rd -p " + Long.toHexString(table) + " 512", "the page-table page whose slot maps 0x"
                                + Long.toHexString(e.virtual()) + " in task " + pid + " (chain: page -> page-table slot)") ? 1 : 0;
                    }
                    break;
                }
            }
        }
        analysis = analyse();
        for (int round = 0; round < 4 && budget > 0; round++) {
            List<Finding> next = new ArrayList<>();
            Set<String> chosen = new java.util.HashSet<>();
            for (Finding f : analysis.findings()) {
                // a command with a placeholder (vtop -c <pid> ADDR) is the analyst's to complete
                if (f.isGap() && typeable(f.nextCommand()) && !held.containsKey(normal(f.nextCommand())) && chosen.add(normal(f.nextCommand()))) {
                    next.add(f);
                }
            }
            if (next.isEmpty()) {
                break;
            }
            for (Finding f : next) {
                if (budget <= 0) {
                    break;
                }
                budget -= run(f.nextCommand(), "the chain's gap: " + f.text()) ? 1 : 0;
            }
            analysis = analyse();
        }
        return analysis;
    }

    private static final List<String> FIRST_SET_WHY = List.of("first set: the session header (release, panic, uptime)",
            "first set: the panic task's backtrace", "first set: the kernel log (memory errors, the oops)",
            "first set: the tasks (who maps a failed page)", "first set: every CPU's backtrace");

    /** The commands this gathering ran, in order, each with why. */
    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /**
     * A command as crash reads it, for telling whether the transcript holds it: words split on any
     * blank, a number with or without {@code 0x}, in any case, with leading zeros, is one number
     * ({@code kmem -p 110200000} = {@code kmem -p 0x0110200000}). crash reads a bare address as hex
     * and a bare count or PID as decimal, so {@code rd -p T 0x200} and {@code rd -p T 200} are
     * taken as one: the gatherer never types a count in hex.
     */
    public static String normal(String command) {
        StringBuilder out = new StringBuilder();
        for (String word : command.strip().split("\\s+")) {
            String w = word;
            if (w.matches("(0[xX])?[0-9a-fA-F]+") && !w.isEmpty()) {
                w = w.replaceFirst("^0[xX]", "").toLowerCase(java.util.Locale.ROOT).replaceFirst("^0+(?=.)", "");
            }
            out.append(out.length() == 0 ? "" : " ").append(w);
        }
        return out.toString();
    }

    /** What the transcript already holds: every command, and the outputs of those the gatherer reads. */
    private void readHeld() throws IOException {
        try (AnalysisSession s = session.analysis(settings)) {
            var transcript = s.transcript();
            for (var block : transcript.blocks()) {
                if (block.isBare()) {
                    continue;
                }
                String normal = normal(block.command());
                boolean read = (block.kind().equals("ps") || block.kind().equals("vtop")) && block.outputLines() > 0;
                held.put(normal, read ? String.join("\n", transcript.lines(block.firstLine() + 1, block.lastLine())) : "");
            }
        }
    }

    /**
     * crash commands that only read (no {@code !shell}, {@code | pipe}, {@code > file}, {@code ;}
     * or {@code wr}), with numbers for arguments: a next command is built from the transcript of a
     * crashed machine, so only one of this shape is ever typed into crash by us, never prose or a
     * placeholder ({@code ptov 0x...; then vtop ...}, {@code vtop -c <pid> ...}) the analyst is to complete.
     */
    private static final Pattern TYPEABLE = Pattern.compile("(bt|kmem|vtop|ptov|rd|dis|vm|ps|sys|log|task|struct|files|mach|irq|runq|dev|swap|timer|sym)"
            + "( -[A-Za-z]{1,4})*( (0x)?[0-9a-fA-F]{1,16}){0,3}");

    /** Whether {@code command} is one Crashscope may type into crash by itself (see {@link #TYPEABLE}). */
    public static boolean typeable(String command) {
        return command != null && TYPEABLE.matcher(command).matches();
    }

    /** The user tasks of a {@code ps} listing (not kernel threads, which crash prints in brackets), at most {@link #TASKS_ASKED}. */
    static List<Long> userTasks(List<String> ps) {
        List<Long> out = new ArrayList<>();
        for (String line : ps) {
            Matcher m = PS.matcher(line);
            if (m.matches() && !m.group(3).startsWith("[") && Long.parseLong(m.group(2)) > 0 && out.size() < TASKS_ASKED) {
                long pid = Long.parseLong(m.group(1));
                if (!out.contains(pid)) {
                    out.add(pid);
                }
            }
        }
        return out;
    }

    /**
     * The page-table page of a vtop's leaf entry (the PUD of a 1 GB page, the PMD of a 2 MB one, else
     * the PTE's), or {@code null} when it does not map: read by the transcript's own vtop parser, as
     * every view reads a walk.
     */
    static Long leafTable(String vtop) {
        try (org.crashscope.transcript.Transcript t = org.crashscope.transcript.Transcript.of("vtop",
                ("crash> vtop\n" + vtop + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            var walks = org.crashscope.transcript.parse.TranscriptParser.parse(t).walks();
            var w = walks.isEmpty() ? null : walks.get(0);
            if (w == null || w.page() == null || w.pageSize() == 0) {
                return null;
            }
            String leaf = w.pageSize() >= 1L << 30 ? "PUD" : w.pageSize() >= 1L << 21 ? "PMD" : "PTE";
            return w.levels().stream().filter(l -> l.level().equals(leaf)).map(l -> l.entryAddress() & ~0xfffL).findFirst().orElse(null);
        }
    }

    /** Runs {@code command} unless the transcript holds it; whether it ran. */
    private boolean run(String command, String why) throws IOException {
        String normal = normal(command);
        if (held.containsKey(normal)) {
            return false;
        }
        progress.accept(command + "  # " + why);
        steps.add(new Step(command, why));
        held.put(normal, session.runOurs(command).text());
        return true;
    }

    private String output(String command) {
        return held.getOrDefault(normal(command), "");
    }

    private TranscriptAnalysis analyse() throws IOException {
        try (AnalysisSession s = session.analysis(settings)) {
            return s.analysis();
        }
    }
}
