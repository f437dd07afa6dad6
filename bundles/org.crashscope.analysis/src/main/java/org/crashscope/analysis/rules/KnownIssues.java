package org.crashscope.analysis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.google.re2j.Pattern;

import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.HardwareError;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.parse.ParsedTranscript;
import org.crashscope.analysis.Finding;
import org.crashscope.analysis.Session;
import org.crashscope.analysis.chain.CrashReport;

/**
 * Matches known-issue rules against a transcript and its findings. A rule matches when all its
 * required symptoms hold and at least half of all its symptoms do; its confidence is the share
 * that hold; a matching rule removes the rules it supersedes. The running kernel is compared with
 * the rule's fixed versions by RPM version order: a fix applies to kernels of its own stream
 * ({@code el8_4}) and, for a main-line fix ({@code el8}), to every later release.
 */
public final class KnownIssues {

    private KnownIssues() {
    }

    public static List<Diagnosis> diagnose(List<Rule> rules, ParsedTranscript parsed, List<Finding> findings, CrashReport crash) {
        Session session = Session.of(parsed);
        List<Diagnosis> out = new ArrayList<>();
        String kernel = runningKernel(parsed);
        for (Rule rule : rules) {
            List<String> held = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            TreeSet<Integer> evidence = new TreeSet<>();
            boolean requiredHeld = true;
            KernelStatus status = kernelStatus(kernel, rule.fixedIn());
            for (Rule.Symptom s : rule.symptoms()) {
                List<Integer> lines = check(s, parsed, session, findings, crash, status);
                if (lines != null) {
                    held.add(s.text());
                    evidence.addAll(lines);
                } else {
                    missing.add(s.text());
                    requiredHeld &= !s.required();
                }
            }
            double confidence = (double) held.size() / rule.symptoms().size();
            if (requiredHeld && confidence >= 0.5) {
                out.add(new Diagnosis(rule, confidence, List.copyOf(held), List.copyOf(missing), kernel, status, List.copyOf(evidence)));
            }
        }
        java.util.Set<String> superseded = new java.util.HashSet<>();
        out.forEach(d -> superseded.addAll(d.rule().supersedes()));
        out.removeIf(d -> superseded.contains(d.rule().id()));
        out.sort((a, b) -> Double.compare(b.confidence(), a.confidence()));
        return List.copyOf(out);
    }

    /** The lines that show a symptom, or {@code null} when it does not hold. */
    private static List<Integer> check(Rule.Symptom symptom, ParsedTranscript parsed, Session session, List<Finding> findings, CrashReport crash,
            KernelStatus kernelStatus) {
        Pattern p = symptom.pattern();
        Map<String, Object> with = symptom.modifiers();
        switch (symptom.test()) {
            case "crashKind" -> {
                Object deliberate = with.get("deliberate");
                return crash != null && p.matcher(crash.kind().id()).matches() && (deliberate == null || deliberate.equals(crash.deliberate()))
                        ? crash.lines() : null;
            }
            case "function" -> {
                List<Integer> lines = new ArrayList<>();
                for (Oops o : parsed.oopses()) {
                    if (o.rip() != null && p.matcher(o.rip().name()).matches() || o.callTrace().stream().anyMatch(f -> p.matcher(f).matches())) {
                        lines.add(o.line());
                    }
                }
                // a big transcript's frames name a few thousand functions a hundred times each: each is matched once
                Map<String, Boolean> named = new java.util.HashMap<>();
                for (Backtrace bt : parsed.backtraces()) {
                    bt.frames().forEach(f -> {
                        if (named.computeIfAbsent(f.function(), name -> p.matcher(name).matches()) || f.exception() != null && f.exception().rip() != null
                                && p.matcher(f.exception().rip().name()).matches()) {
                            lines.add(f.line());
                        }
                    });
                }
                return lines.isEmpty() ? null : lines;
            }
            case "oops" -> {
                List<Integer> lines = new ArrayList<>(parsed.oopses().stream().filter(o -> p.matcher(o.message()).find()).map(Oops::line).toList());
                if (lines.isEmpty() && session.panic() != null && p.matcher(session.panic()).find()) {
                    lines.add(session.lineOf("panic")); // crash's PANIC string when the log is not in the transcript
                }
                return lines.isEmpty() ? null : lines;
            }
            case "machineCheck" -> {
                List<Integer> lines = parsed.machineChecks().stream().filter(m -> p.matcher(m.text()).find()).map(m -> m.span().first()).toList();
                return lines.isEmpty() ? null : lines;
            }
            case "finding" -> {
                String kind = symptom.value();
                if (kind.equals("hardware-error") && with.containsKey("withinSeconds")) {
                    return hardwareErrorBefore(parsed, ((Number) with.get("withinSeconds")).doubleValue());
                }
                Object contains = with.get("contains");
                for (Finding f : findings) {
                    if (f.kind().id().equals(kind) && (contains == null || f.text().contains(contains.toString()))) {
                        return f.evidence();
                    }
                }
                return null;
            }
            case "kernelAffected" -> {
                return kernelStatus == KernelStatus.AFFECTED ? kernelLines(parsed) : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** The first oops with a hardware error at most {@code seconds} before it: the errors by time, one look-up per oops. */
    private static List<Integer> hardwareErrorBefore(ParsedTranscript parsed, double seconds) {
        java.util.TreeMap<Double, HardwareError> byTime = new java.util.TreeMap<>();
        parsed.hardwareErrors().stream().filter(e -> e.timestamp() != null).forEach(e -> byTime.putIfAbsent(e.timestamp(), e));
        for (Oops o : parsed.oopses()) {
            var e = o.timestamp() == null ? null : byTime.ceilingEntry(o.timestamp() - seconds);
            if (e != null && e.getKey() <= o.timestamp()) {
                return List.of(e.getValue().span().first(), o.line());
            }
        }
        return null;
    }

    private static List<Integer> kernelLines(ParsedTranscript parsed) {
        return parsed.oopses().stream().filter(o -> o.kernel() != null).map(o -> o.line() + 1).limit(1).toList();
    }

    /** The running kernel release from an oops, else from {@code sys}. */
    public static String runningKernel(ParsedTranscript parsed) {
        for (Oops o : parsed.oopses()) {
            if (o.kernel() != null) {
                return o.kernel();
            }
        }
        return parsed.sysInfos().stream().map(s -> s.fields().get("RELEASE")).filter(r -> r != null).findFirst().orElse(null);
    }

    /** Where the running kernel stands against the fixes. */
    public static KernelStatus kernelStatus(String kernel, List<String> fixedIn) {
        if (kernel == null || fixedIn.isEmpty()) {
            return KernelStatus.UNKNOWN;
        }
        Rpm.Evr running = Rpm.Evr.parse(kernel);
        for (String fix : fixedIn) {
            Rpm.Evr f = Rpm.Evr.parse(fix);
            boolean mainLine = !f.stream().contains("_");
            boolean sameStream = f.stream().equals(running.stream());
            if ((mainLine || sameStream) && running.compareTo(new Rpm.Evr("", f.epoch(), f.version(), f.release())) >= 0) {
                return KernelStatus.FIXED;
            }
        }
        return KernelStatus.AFFECTED;
    }
}
