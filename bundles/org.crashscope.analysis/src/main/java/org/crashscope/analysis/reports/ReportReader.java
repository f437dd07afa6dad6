package org.crashscope.analysis.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.crashscope.analysis.chain.CrashKind;
import org.crashscope.analysis.reports.ReportFormats.Extractor;
import org.crashscope.analysis.reports.ReportFormats.Format;
import org.crashscope.analysis.reports.ReportFormats.Group;
import org.crashscope.analysis.reports.ReportFormats.Line;
import org.crashscope.analysis.reports.ReportFormats.Part;
import org.crashscope.analysis.reports.ReportFormats.Stack;
import org.crashscope.transcript.model.ReportLine;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * Reads one kernel report as printed (its lines, log prefixes removed) against the table of
 * {@link ReportFormats}: which report it is, its title in syzkaller's form
 * ({@code KASAN: use-after-free Read in nr_release}, {@code INFO: task hung in synchronize_rcu}),
 * its kind, the function to blame and why the frames above it were passed over.
 */
public final class ReportReader {
    private final ReportFormats formats;
    private static final Pattern TITLE_FUNCTION = Pattern.compile(" in ([A-Za-z_][A-Za-z0-9_]*)");

    public ReportReader(ReportFormats formats) {
        this.formats = formats;
    }

    /** The reader of the shipped table. */
    public static ReportReader linux() {
        return new ReportReader(ReportFormats.linux());
    }

    /** A frame the reader passed over, and why. */
    public record Skipped(String function, int line, String why) {
    }

    /**
     * What a report is.
     *
     * @param title       the title in syzkaller's form (addresses, numbers and line numbers replaced)
     * @param kind        the kind its title names
     * @param guilty      the function to blame (prefixes of system-call wrappers such as {@code __x64_sys_} removed), or {@code null}
     * @param guiltyRaw   that frame as printed, or {@code null}
     * @param guiltyLine  the line it was read from, or 0
     * @param skipped     the frames passed over before it, each with its reason
     * @param corrupted   whether the report matched a format that says its text is cut or mixed with another
     * @param stalledIn   for a stall, the function its title names (the frame above the first dispatcher of the stalled work), else {@code null}
     * @param altTitles   the titles the same bug may also be known by ({@code bad-access in X}, {@code stall in X})
     * @param unreliable  the blamed frame is an entry the unwinder marked {@code ?} (no reliable frame was printed)
     */
    public record Reading(String title, CrashKind kind, String guilty, String guiltyRaw, int guiltyLine, List<Skipped> skipped, boolean corrupted,
            String stalledIn, List<String> altTitles, boolean unreliable) {
    }

    /**
     * The frame chosen from one stack, with the line it came from.
     *
     * @param innermost for a stall, the innermost frame not passed over (where the CPU was looping),
     *                  which the title's representative frame stands for; else {@code null}
     */
    private record Candidate(String raw, String canonical, int line, Candidate innermost, boolean module, boolean unreliable) {
        Candidate(String raw, String canonical, int line) {
            this(raw, canonical, line, null, false, false);
        }

        Candidate(String raw, String canonical, int line, Candidate innermost) {
            this(raw, canonical, line, innermost, false, false);
        }
    }

    /** {@code name+0x1b/0x30 [crashkinds]}: a frame of a loadable module. */
    private static final java.util.regex.Pattern MODULE_FRAME = java.util.regex.Pattern.compile("\\+0x[0-9a-f]+/0x[0-9a-f]+\\s+\\[[\\w-]+\\]");
    /** {@code ? name+0x10/0x20}: an entry the unwinder found on the stack but cannot vouch for. */
    private static final java.util.regex.Pattern UNRELIABLE_FRAME = java.util.regex.Pattern.compile(
            "^ *(?:\\[<?(?:0x)?[0-9a-f]+>?\\] +)?\\? +([a-zA-Z0-9_]+)(?:\\.|\\+)");

    /** Reads a report, or {@code null} when no group of the table opens with its first line. */
    public Reading read(List<ReportLine> body) {
        if (body.isEmpty()) {
            return null;
        }
        String first = body.get(0).text();
        Group group = null;
        for (Group g : formats.groups) {
            if (first.contains(g.header()) && g.ignore().stream().noneMatch(p -> p.matcher(first).find())) {
                group = g;
                break;
            }
        }
        if (group == null) {
            return null;
        }
        Text text = new Text(body);
        int startPos = Integer.MAX_VALUE;
        String title = null;
        Format chosen = null;
        List<Skipped> skipped = List.of();
        Candidate blamed = null;
        List<String> alts = List.of();
        // nearly every report's title is on its first line, and the earliest match wins: the whole text only when the first line has none
        boolean onFirst = group.formats().stream().anyMatch(f -> f.title().matcher(first).find());
        String firstLine = first + "\n";
        for (Format f : group.formats()) {
            Matcher m = f.title().matcher(onFirst && !f.multiline() ? firstLine : text.all);
            if (!m.find() || m.start() > startPos || m.start() == startPos && title != null) {
                continue;
            }
            if (m.start() < startPos) {
                title = null;
                chosen = null;
                startPos = m.start();
            }
            Matcher args = m;
            if (f.report() != null) {
                args = f.report().matcher(text.all);
                if (!args.find()) {
                    continue;
                }
            }
            List<String> prefix = new ArrayList<>();
            for (int g = 1; g <= args.groupCount(); g++) {
                prefix.add(args.group(g));
            }
            List<Skipped> passed = new ArrayList<>();
            List<Candidate> found = f.stack() == null ? List.of() : stack(f, text, text.lineAt(args.start()), passed);
            // a stall looping in a module's own code: that code is the bug's name as well as its culprit (a module's function is
            // where its loop is, wherever the watchdog caught it); the dispatcher above is for the kernel's own loops
            found = found.stream().map(c -> c != null && c.innermost() != null && c.innermost().module() ? c.innermost() : c).toList();
            List<String> values = new ArrayList<>(prefix);
            found.forEach(c -> values.add(c == null ? null : c.canonical()));
            title = format(f.fmt(), values);
            alts = f.alt().stream().map(a -> Titles.sanitize(format(a, values))).filter(a -> !a.endsWith(" in")).toList();
            chosen = f;
            skipped = passed;
            blamed = null;
            int ref = f.function() ? blamedArgument(f.fmt()) : 0;
            if (ref > 0 && ref <= prefix.size() && prefix.get(ref - 1) != null) {
                blamed = new Candidate(prefix.get(ref - 1), prefix.get(ref - 1), text.lines.get(text.lineAt(args.start(ref))).line());
            } else if (ref > prefix.size() && ref - prefix.size() - 1 < found.size()) {
                blamed = found.get(ref - prefix.size() - 1);
            }
            Matcher named = f.blameFromTitle() ? TITLE_FUNCTION.matcher(title) : null;
            if (named != null && named.find()) {
                blamed = new Candidate(named.group(1), strip(named.group(1)), text.lines.get(text.lineAt(args.start())).line());
            }
        }
        if (title == null) {
            return null;
        }
        title = Titles.sanitize(title);
        // a stall's title names the work it stalled in (the same wherever the loop was caught); the frame to blame is where it looped
        Candidate guilty = blamed != null && blamed.innermost() != null && chosen.blameInnermost() ? blamed.innermost() : blamed;
        CrashKind kind = null;
        for (ReportFormats.KindRule k : formats.kinds) {
            if (k.title().matcher(title).find() && (k.body() == null || k.body().matcher(text.all).find())) {
                kind = k.kind();
                break;
            }
        }
        // passed over: the frames read before the blamed one (an allocation stack or a lock chain printed after it is not)
        int blamedLine = guilty == null ? Integer.MAX_VALUE : guilty.line();
        skipped = skipped.stream().filter(s -> s.line() <= blamedLine).distinct().toList();
        return new Reading(title, kind, guilty == null ? null : guilty.canonical(), guilty == null ? null : guilty.raw(),
                guilty == null ? 0 : guilty.line(), List.copyOf(skipped), chosen.corrupted(), guilty != blamed ? blamed.canonical() : null, alts,
                guilty != null && guilty.unreliable());
    }

    /** The report's lines joined, with the line each character offset belongs to. */
    private static final class Text {
        final String all;
        final List<ReportLine> lines;
        final int[] starts;

        Text(List<ReportLine> lines) {
            this.lines = lines;
            this.starts = new int[lines.size()];
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                starts[i] = b.length();
                b.append(lines.get(i).text()).append('\n');
            }
            this.all = b.toString();
        }

        int lineAt(int offset) {
            int i = java.util.Arrays.binarySearch(starts, offset);
            return i >= 0 ? i : -i - 2;
        }
    }

    /**
     * The frames a format's stack parts give, one per stack (or per capturing line part), in order:
     * lines are read from where the report's pattern matched; a stack runs until the next stack
     * starts; frames a skip pattern names are passed over (and said why).
     */
    private List<Candidate> stack(Format f, Text text, int from, List<Skipped> skipped) {
        Pattern skip = f.skip();
        for (List<Part> parts : java.util.Arrays.asList(f.stack(), f.stack2(), f.stack3())) {
            List<Candidate> out = parts == null ? null : parts(parts, f, text, from, skip, skipped, false);
            if (out != null) {
                return out;
            }
        }
        List<Candidate> out = f.trustUnreliable() ? parts(f.stack(), f, text, from, skip, skipped, true) : null;
        return out == null ? List.of() : out;
    }

    /** The frames of one list of parts, or {@code null} when a part found no frame to blame. */
    private List<Candidate> parts(List<Part> parts, Format f, Text text, int from, Pattern skip, List<Skipped> skipped, boolean unreliable) {
        List<Candidate> results = new ArrayList<>();
        List<Candidate> raw = new ArrayList<>();
        int li = from;
        int stacks = 0;
        boolean ok = true;
        for (int pi = 0;; pi++) {
            if (pi == parts.size() || parts.get(pi) instanceof Stack && stacks > 0) {
                Candidate key = extract(raw, f.extractor());
                if (key == null) {
                    ok = false;
                }
                results.add(key);
                raw = new ArrayList<>();
            }
            if (pi == parts.size()) {
                break;
            }
            Part part = parts.get(pi);
            if (part instanceof Stack) {
                stacks++;
                while (li < text.lines.size()) {
                    ReportLine ln = text.lines.get(li++);
                    if (formats.stackStart.matcher(ln.text()).find()) {
                        break;
                    }
                    if (pi != parts.size() - 1 && parts.get(pi + 1) instanceof Line next) {
                        Matcher m = next.pattern().matcher(ln.text());
                        if (m.find()) {
                            add(raw, m, ln.line(), skip, skipped);
                            pi++;
                            break;
                        }
                    }
                    if (ln.text().endsWith("(unreliable)")) {
                        continue; // powerpc's mark for a stale return address, as x86 prints "? "
                    }
                    if (unreliable) {
                        java.util.regex.Matcher m = UNRELIABLE_FRAME.matcher(ln.text());
                        if (m.find()) {
                            int before = raw.size();
                            add(raw, 1, m::group, ln.line(), skip, skipped);
                            if (raw.size() > before) {
                                Candidate c = raw.remove(before);
                                raw.add(new Candidate(c.raw(), c.canonical(), c.line(), null, c.module(), true));
                            }
                            continue;
                        }
                    }
                    for (java.util.regex.Pattern frame : formats.frames) {
                        java.util.regex.Matcher m = frame.matcher(ln.text());
                        if (m.find()) {
                            add(raw, m.groupCount(), m::group, ln.line(), skip, skipped, MODULE_FRAME.matcher(ln.text()).find());
                            break;
                        }
                    }
                }
            } else {
                Pattern p = ((Line) part).pattern();
                while (li < text.lines.size()) {
                    ReportLine ln = text.lines.get(li++);
                    Matcher m = p.matcher(ln.text());
                    if (m.find()) {
                        add(raw, m.groupCount(), m::group, ln.line(), skip, skipped, MODULE_FRAME.matcher(ln.text()).find());
                        break;
                    }
                }
            }
        }
        return ok ? results : null;
    }

    private void add(List<Candidate> raw, Matcher m, int line, Pattern formatSkip, List<Skipped> skipped) {
        add(raw, m.groupCount(), m::group, line, formatSkip, skipped, false);
    }

    private void add(List<Candidate> raw, int groups, java.util.function.IntFunction<String> group, int line, Pattern formatSkip, List<Skipped> skipped) {
        add(raw, groups, group, line, formatSkip, skipped, false);
    }

    private void add(List<Candidate> raw, int groups, java.util.function.IntFunction<String> group, int line, Pattern formatSkip, List<Skipped> skipped,
            boolean module) {
        for (int g = 1; g <= groups; g++) {
            String frame = group.apply(g);
            if (frame == null) {
                continue;
            }
            String why = skipReason(frame, formatSkip);
            if (why == null) {
                raw.add(new Candidate(frame, strip(frame), line, null, module, false));
            } else {
                skipped.add(new Skipped(frame, line, why));
            }
        }
    }

    /** Why a frame is passed over, or {@code null} when it may be blamed. */
    private String skipReason(String frame, Pattern formatSkip) {
        if (formatSkip != null && formatSkip.matcher(frame).find()) {
            return "a helper this kind of report passes over";
        }
        if (formats.skipMemo.size() > SKIP_MEMO) {
            formats.skipMemo.clear();
        }
        return formats.skipMemo.computeIfAbsent(frame, this::globalSkipReason).orElse(null);
    }

    private static final int SKIP_MEMO = 100_000;

    private java.util.Optional<String> globalSkipReason(String frame) {
        if (!formats.skip.matcher(frame).find()) {
            return java.util.Optional.empty();
        }
        for (Map.Entry<String, String> e : formats.skipReasons) {
            if (formats.reasonPattern(e.getKey()).matcher(frame).find()) {
                return java.util.Optional.of(e.getValue());
            }
        }
        return java.util.Optional.of("a helper no report blames");
    }

    /** A system call's wrapper prefix removed ({@code __x64_sys_ioctl} -> {@code sys_ioctl}): the shortest of one prefix removed. */
    String strip(String frame) {
        String best = frame;
        for (String p : formats.stripPrefixes) {
            if (frame.startsWith(p) && frame.length() - p.length() < best.length()) {
                best = frame.substring(p.length());
            }
        }
        return best;
    }

    private Candidate extract(List<Candidate> raw, Extractor extractor) {
        if (raw.isEmpty()) {
            return null;
        }
        return switch (extractor) {
            case FIRST -> raw.get(0);
            case STALL -> stall(raw);
            case HUNG -> hung(raw);
        };
    }

    /**
     * A stall loops somewhere inside a piece of work: the frame blamed is the one above the first
     * dispatcher (system call entry, work item, timer, softirq, kthread), which stays the same
     * wherever in the loop the watchdog caught it.
     */
    private Candidate stall(List<Candidate> raw) {
        Candidate prev = raw.get(0);
        for (Candidate c : raw) {
            for (Pattern anchor : formats.stallAnchors) {
                if (anchor.matcher(c.canonical()).find()) {
                    Candidate rep = c.canonical().contains("smp_call_function") ? new Candidate(c.raw(), "smp_call_function", c.line()) : prev;
                    return new Candidate(rep.raw(), rep.canonical(), rep.line(), raw.get(0));
                }
            }
            prev = c;
        }
        return null;
    }

    /** A hung task waits: see {@link Extractor#HUNG}. */
    private Candidate hung(List<Candidate> raw) {
        for (Candidate c : raw) {
            for (Map.Entry<String, String> a : formats.hungAnchors.entrySet()) {
                if (c.canonical().contains(a.getKey())) {
                    // waiting for RTNL or a grace period: whoever holds them is elsewhere; the wait itself is the answer
                    return a.getValue().isEmpty() ? c : new Candidate(c.raw(), a.getValue(), c.line());
                }
            }
        }
        for (Candidate c : raw) {
            if (!formats.hungSkip.matcher(c.canonical()).find()) {
                return c;
            }
        }
        return null;
    }

    /** The N of the title's {@code in {N}}: the argument that names the function to blame, or 0. */
    static int blamedArgument(String fmt) {
        int at = fmt.lastIndexOf(" in {");
        int close = at < 0 ? -1 : fmt.indexOf('}', at);
        if (close < 0) {
            return 0;
        }
        try {
            return Integer.parseInt(fmt.substring(at + 5, close));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Fills {@code {N}} with the N-th value; a missing frame leaves its {@code in {N}} out. */
    static String format(String fmt, List<String> values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            int close = c == '{' ? fmt.indexOf('}', i) : -1;
            if (close > i + 1 && fmt.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
                int n = Integer.parseInt(fmt.substring(i + 1, close));
                String v = n >= 1 && n <= values.size() ? values.get(n - 1) : null;
                if (v == null) {
                    if (b.toString().endsWith(" in ")) {
                        b.setLength(b.length() - 4);
                    }
                } else {
                    b.append(v);
                }
                i = close;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
