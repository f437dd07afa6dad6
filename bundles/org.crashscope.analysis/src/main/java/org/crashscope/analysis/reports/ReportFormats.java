package org.crashscope.analysis.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.crashscope.analysis.chain.CrashKind;

import com.google.gson.Gson;
import com.google.re2j.Pattern;

/**
 * The table of the reports the Linux kernel prints ({@code reports/linux.json}): groups that start
 * at a header ({@code BUG:}, {@code WARNING:}, {@code INFO:}, {@code general protection fault} ...),
 * each with the formats of its reports (a title pattern, an optional pattern for the whole report,
 * the title to write, where the guilty frame is and which frames to pass over), the frames no
 * report blames (reporters, sanitizers, locks, allocators, string and list helpers), the kind of
 * each title. A new kind of report is a row of the table, not a branch in code. Patterns are RE2:
 * matched in time linear in the report, whatever a hostile log holds.
 */
public final class ReportFormats {

    /** A part of a format's stack: where the blamed frame is looked for. */
    sealed interface Part {
    }

    /** A line matching the pattern; its first group, when it has one, is a frame. */
    record Line(Pattern pattern) implements Part {
    }

    /** Every frame from here to the next stack's start. */
    record Stack() implements Part {
    }

    /** How the frame to blame is chosen from the frames that were not passed over. */
    enum Extractor {
        /** the first */
        FIRST,
        /** a stall's loop moves about: the frame above the first dispatcher (syscall, work, timer, softirq entry) */
        STALL,
        /**
         * a hung task waits for someone else: the lock or grace period it waits on when it is a common one (RTNL, RCU), else the
         * first frame that is not a lock, wait or scheduling primitive (the caller's own *_lock wrapper is kept: it names the lock)
         */
        HUNG
    }

    /**
     * @param function       whether the title's {@code in {N}} names a function (not {@code BUG: Dentry still in use in unmount})
     * @param blameInnermost for a stall whose innermost frame is where the CPU looped (a soft lockup, a hard lockup), blame it
     *                       while the title names the work it stalled in; an RCU stall's innermost frame is often the report's own
     *                       printing and a stack overflow's wherever the last call happened to be, so neither is blamed
     * @param blameFromTitle the report prints no stack the table reads (KCSAN): the function its title names first is blamed
     * @param alt            the alternative titles (syzkaller's {@code bad-access in X}, {@code stall in X}, {@code hang in X}), filled as fmt
     * @param stack3         a third way to the frame when the first two find none (a self-detected RCU stall prints its own registers)
     * @param trustUnreliable when no reliable frame is printed (a jump into data leaves the unwinder nowhere to start), the first
     *                       {@code ? } entry is blamed, and said to be unreliable
     */
    record Format(Pattern title, Pattern report, String fmt, List<Part> stack, List<Part> stack2, Pattern skip, Extractor extractor, boolean corrupted,
            boolean function, boolean blameInnermost, boolean blameFromTitle, List<String> alt, List<Part> stack3, boolean trustUnreliable) {

        /** Whether the title pattern reads more than one line ({@code BUG: KASAN: ... on address\n...Read of size}). */
        boolean multiline() {
            return title.pattern().contains("\\n");
        }
    }

    record Group(String header, List<Pattern> ignore, List<Format> formats) {
    }

    /** A title names this kind, when the report's text also holds {@code body} (NX before a paging request, KASAN's null-ptr-deref under a GPF). */
    record KindRule(Pattern title, Pattern body, CrashKind kind) {
    }

    private static final ReportFormats LINUX = load("/reports/linux.json");

    final List<Group> groups;
    final Pattern skip;
    final List<String> stripPrefixes;
    /** Simple patterns over single lines (no nested repetition): Java's own, which is faster; RE2 for the rest. */
    final java.util.regex.Pattern stackStart;
    final List<java.util.regex.Pattern> frames;
    final List<KindRule> kinds;
    final List<Pattern> stallAnchors;
    final Map<String, String> hungAnchors;
    final Pattern hungSkip;
    /** Each pattern of skipWhy with its reason, compiled when a frame first needs its reason (start-up time of the CLI). */
    final List<Map.Entry<String, String>> skipReasons;
    private final Map<String, Pattern> compiledReasons = new java.util.concurrent.ConcurrentHashMap<>();
    /** Why a function is passed over (empty: it is not), by name: a log names the same functions again and again. */
    final Map<String, java.util.Optional<String>> skipMemo = new java.util.concurrent.ConcurrentHashMap<>();

    private ReportFormats(List<Group> groups, Pattern skip, List<String> stripPrefixes, java.util.regex.Pattern stackStart, List<java.util.regex.Pattern> frames,
            List<KindRule> kinds, List<Pattern> stallAnchors, Map<String, String> hungAnchors, Pattern hungSkip, List<Map.Entry<String, String>> skipReasons) {
        this.groups = groups;
        this.skip = skip;
        this.stripPrefixes = stripPrefixes;
        this.stackStart = stackStart;
        this.frames = frames;
        this.kinds = kinds;
        this.stallAnchors = stallAnchors;
        this.hungAnchors = hungAnchors;
        this.hungSkip = hungSkip;
        this.skipReasons = skipReasons;
    }

    /** The shipped table of Linux's reports. */
    public static ReportFormats linux() {
        return LINUX;
    }

    // ------------------------------------------------------------------ loading

    /** The JSON as written: lists of strings and objects. */
    private static final class Json {
        List<String> skip;
        Map<String, List<String>> skipWhy;
        List<String> stripPrefixes;
        List<String> stackStarts;
        List<String> frames;
        List<String> stallAnchors;
        Map<String, String> hungAnchors;
        List<String> hungSkip;
        List<JsonGroup> groups;
        List<JsonKind> kinds;
    }

    private static final class JsonGroup {
        String header;
        List<String> ignore;
        List<JsonFormat> formats;
    }

    private static final class JsonFormat {
        String title;
        String report;
        String fmt;
        List<String> stack;
        List<String> stack2;
        List<String> skip;
        String extractor;
        boolean corrupted;
        boolean noFunction;
        boolean blameInnermost;
        boolean blameFromTitle;
        List<String> alt;
        List<String> stack3;
        boolean trustUnreliable;
    }

    private static final class JsonKind {
        String title;
        String body;
        String kind;
    }

    static ReportFormats load(String resource) {
        Json json;
        try (InputStream in = ReportFormats.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the table of kernel reports is missing: " + resource);
            }
            json = new Gson().fromJson(new InputStreamReader(in, StandardCharsets.UTF_8), Json.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Map.Entry<String, String>> reasons = new ArrayList<>();
        json.skipWhy.forEach((why, patterns) -> patterns.forEach(p -> reasons.add(Map.entry(p, why))));
        List<Group> groups = new ArrayList<>();
        for (JsonGroup g : json.groups) {
            List<Format> formats = new ArrayList<>();
            for (JsonFormat f : g.formats) {
                formats.add(new Format(compile(f.title), f.report == null ? null : compile(f.report), f.fmt, parts(f.stack), parts(f.stack2),
                        f.skip == null ? null : Pattern.compile(String.join("|", f.skip)),
                        f.extractor == null ? Extractor.FIRST : Extractor.valueOf(f.extractor.toUpperCase(java.util.Locale.ROOT)), f.corrupted, !f.noFunction, f.blameInnermost, f.blameFromTitle,
                        f.alt == null ? List.of() : List.copyOf(f.alt), parts(f.stack3), f.trustUnreliable));
            }
            groups.add(new Group(g.header, g.ignore == null ? List.of() : g.ignore.stream().map(ReportFormats::compile).toList(), List.copyOf(formats)));
        }
        List<KindRule> kinds = new ArrayList<>();
        for (JsonKind k : json.kinds) {
            CrashKind kind = CrashKind.ofId(k.kind);
            if (kind == null) {
                throw new IllegalStateException("reports/linux.json names an unknown kind: " + k.kind);
            }
            kinds.add(new KindRule(Pattern.compile(k.title), k.body == null ? null : Pattern.compile(k.body), kind));
        }
        List<String> skip = new ArrayList<>(json.skip);
        json.skipWhy.values().forEach(skip::addAll);
        return new ReportFormats(List.copyOf(groups), Pattern.compile(String.join("|", skip)), List.copyOf(json.stripPrefixes),
                java.util.regex.Pattern.compile(expand("(?:" + String.join(")|(?:", json.stackStarts) + ")")),
                json.frames.stream().map(f -> java.util.regex.Pattern.compile(expand(f))).toList(), List.copyOf(kinds),
                json.stallAnchors.stream().map(Pattern::compile).toList(), Map.copyOf(json.hungAnchors), Pattern.compile(String.join("|", json.hungSkip)),
                List.copyOf(reasons));
    }

    /** The compiled pattern of one skip reason. */
    Pattern reasonPattern(String pattern) {
        return compiledReasons.computeIfAbsent(pattern, Pattern::compile);
    }

    private static List<Part> parts(List<String> texts) {
        if (texts == null) {
            return null;
        }
        List<Part> parts = new ArrayList<>();
        for (String t : texts) {
            parts.add(switch (t) {
                case "@stack" -> new Stack();
                case "@trace" -> new Line(compile("(?:Call (?:T|t)race:)|(?:Backtrace:)"));
                case "@rip" -> new Line(compile("{{RIP}}"));
                default -> new Line(compile(t));
            });
        }
        return List.copyOf(parts);
    }

    /** The placeholders of the table: a function, a program counter, a source line, a task, the RIP line. */
    static Pattern compile(String re) {
        return Pattern.compile(expand(re));
    }

    private static String expand(String re) {
        return re.replace("{{RIP}}", "(?:IP|NIP|pc |PC is at):? (?:(?:[0-9]+:)?(?:{{PC}} +){0,2}{{FUNC}}|(?:[0-9]+:)?0x[0-9a-f]+"
                + "|(?:[0-9]+:)?{{PC}} +\\[< *\\(null\\)>\\] +\\(null\\)|[0-9]+: +\\(null\\))")
                .replace("{{ADDR}}", "0x[0-9a-f]+")
                .replace("{{PC}}", "\\[\\<?(?:0x)?[0-9a-f]+\\>?\\]")
                .replace("{{FUNC}}", "([a-zA-Z0-9_]+)(?:\\.|\\+)")
                .replace("{{SRC}}", "([a-zA-Z0-9_/.\\-]+\\.[a-z]+:[0-9]+)")
                .replace("{{TASK}}", "[\\s\\S]{0,100}?");
    }
}
