package org.crashscope.library;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.re2j.Pattern;

/**
 * "Make a known issue" from a solved bucket: a rule in the rules format of
 * {@code org.crashscope.analysis.rules} (the bucket's kind and its guilty frame and callers as
 * required symptoms, the hardware mechanism's evidence step, the fixed-in versions, the workaround
 * and the resolution as its text, the case it was solved in as a reference), stored in the library
 * so that the team shares it, and written as a rule folder ({@link #materialize}) that the analysis
 * loads: every later match names it.
 */
public final class KnownIssues {

    private KnownIssues() {
    }

    /** A bucket that is not solved: a known issue says how it was solved. */
    public static final class NotSolved extends Exception {
        private static final long serialVersionUID = 1L;

        NotSolved(String message) {
            super(message);
        }
    }

    /** A rule made: its id and its file's text. */
    public record Made(String id, String json) {
    }

    public static Made make(CaseLibrary library, String signature, List<String> fixedIn, List<String> references, String workaround)
            throws IOException, NotSolved {
        Bucket bucket = library.bucket(signature);
        if (bucket == null) {
            throw new NotSolved("no bucket " + signature + " in " + library.location());
        }
        Case solved = bucket.solved();
        if (solved == null) {
            throw new NotSolved("bucket " + signature + " has no solved case: set one solved with its resolution first (crashscope cases set ID --status solved --resolution TEXT)");
        }
        CaseFacts f = solved.facts();
        String id = "case-" + slug(f.guiltyFrame() != null ? f.guiltyFrame() : f.kind() != null ? f.kind() : "crash") + "-"
                + Integer.toHexString(bucket.signature().hashCode() & 0xfffffff);
        JsonObject rule = new JsonObject();
        rule.addProperty("id", id);
        String resolution = solved.resolution() == null || solved.resolution().isBlank() ? "solved in case " + solved.id() : solved.resolution();
        rule.addProperty("title", (f.title() != null ? f.title() : bucket.signature()) + ": seen before, " + firstLine(resolution));
        rule.addProperty("summary", "Made from the case library's bucket " + bucket.signature() + " (" + bucket.count() + " case" + (bucket.count() == 1 ? "" : "s")
                + ", kernels " + (bucket.kernels().isEmpty() ? "unknown" : String.join(", ", bucket.kernels())) + "), solved in case " + solved.id() + " on "
                + solved.changedAt().toLocalDate() + ": " + resolution);
        rule.addProperty("category", "known-issue");
        JsonArray symptoms = new JsonArray();
        if (f.kind() != null) {
            symptoms.add(symptom("kind", "a " + f.kind() + " crash", "crashKind", "^" + Pattern.quote(f.kind()) + "$", true));
        }
        List<String> stack = Signature.stack(f);
        if (!stack.isEmpty()) {
            symptoms.add(symptom("guilty", "the crash is in " + stack.get(0), "function", "^" + Pattern.quote(stack.get(0)) + "(\\.[a-z]+(\\.\\d+)*)*$", true));
            for (int i = 1; i < stack.size(); i++) {
                symptoms.add(symptom("caller-" + i, "called from " + stack.get(i), "function", "^" + Pattern.quote(stack.get(i)) + "(\\.[a-z]+(\\.\\d+)*)*$", false));
            }
        }
        if (f.mechanism() != null) {
            symptoms.add(finding("memory-error", "a memory error before the crash", "hardware-error"));
            if (f.mechanism().startsWith("huge page")) {
                symptoms.add(finding("broken-run", "a page-table slot breaks its run of huge pages where the failed page was", "table-slot"));
            }
        }
        if (!fixedIn.isEmpty()) {
            symptoms.add(new JsonObject());
            JsonObject k = symptoms.get(symptoms.size() - 1).getAsJsonObject();
            k.addProperty("id", "kernel");
            k.addProperty("text", "the kernel is older than the fix");
            k.addProperty("kernelAffected", true);
        }
        rule.add("symptoms", symptoms);
        JsonArray fixes = new JsonArray();
        fixedIn.forEach(fixes::add);
        rule.add("fixedIn", fixes);
        if (workaround != null) {
            rule.addProperty("workaround", workaround);
        }
        rule.addProperty("workaroundText", resolution);
        JsonArray refs = new JsonArray();
        references.forEach(refs::add);
        refs.add("Crashscope case " + solved.id() + " (" + library.location() + ")");
        rule.add("references", refs);
        String json = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(rule) + "\n";
        library.putKnownIssue(id, bucket.signature(), json);
        return new Made(id, json);
    }

    /**
     * Writes the library's known issues as rule files into {@code folder} (made when missing; its
     * other {@code case-*.json} files removed), for the analysis to load; returns the folder.
     */
    public static Path materialize(CaseLibrary library, Path folder) throws IOException {
        Map<String, String> issues = library.knownIssues();
        if (Files.isSymbolicLink(folder)) {
            throw new IOException("will not write rules through a link: " + folder);
        }
        Files.createDirectories(folder);
        try (var old = Files.list(folder)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("case-") && p.getFileName().toString().endsWith(".json")).toList()) {
                if (!issues.containsKey(p.getFileName().toString().replaceFirst("\\.json$", ""))) {
                    Files.deleteIfExists(p);
                }
            }
        }
        for (var e : issues.entrySet()) {
            if (!e.getKey().matches("[a-z0-9-]{1,100}")) {
                continue;
            }
            Path target = folder.resolve(e.getKey() + ".json");
            Path temp = Files.createTempFile(folder, ".rule", ".tmp");
            Files.writeString(temp, e.getValue(), StandardCharsets.UTF_8);
            if (Files.isSymbolicLink(target) || Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(temp);
                continue;
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return folder;
    }

    private static JsonObject symptom(String id, String text, String test, String pattern, boolean required) {
        JsonObject o = new JsonObject();
        o.addProperty("id", id);
        o.addProperty("text", text);
        o.addProperty(test, pattern);
        if (required) {
            o.addProperty("required", true);
        }
        return o;
    }

    private static JsonObject finding(String id, String text, String kind) {
        JsonObject o = new JsonObject();
        o.addProperty("id", id);
        o.addProperty("text", text);
        o.addProperty("finding", kind);
        return o;
    }

    private static String slug(String s) {
        String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return out.isEmpty() ? "crash" : out.substring(0, Math.min(40, out.length()));
    }

    private static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }

    static List<String> ids(CaseLibrary library) throws IOException {
        return new ArrayList<>(library.knownIssues().keySet());
    }
}
