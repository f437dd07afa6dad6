package org.crashscope.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads known-issue rules: those shipped in this bundle's {@code rules/} folder, then every
 * {@code *.json} of the user's rule folders (a user rule with a shipped rule's id replaces it).
 * A broken rule file is reported, not fatal.
 */
public final class Rules {

    /** The rules and the problems met while reading them. */
    public record Loaded(List<Rule> rules, List<String> problems) {
    }

    private Rules() {
    }

    /** The user's rule folders: {@code $CRASHSCOPE_RULES} (colon-separated) and {@code ~/.crashscope/rules}. */
    public static List<Path> userFolders() {
        List<Path> folders = new ArrayList<>();
        String env = System.getenv("CRASHSCOPE_RULES");
        if (env != null) {
            for (String p : env.split(":")) {
                if (!p.isBlank()) {
                    folders.add(Path.of(p));
                }
            }
        }
        folders.add(Path.of(System.getProperty("user.home"), ".crashscope", "rules"));
        return folders;
    }

    public static Loaded load(List<Path> userFolders) {
        List<Rule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (InputStream index = Rules.class.getResourceAsStream("/rules/index.txt")) {
            if (index == null) {
                problems.add("the shipped rules are missing (rules/index.txt)");
            } else {
                for (String name : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String n = name.strip();
                    if (n.isEmpty() || n.startsWith("#")) {
                        continue;
                    }
                    try (InputStream in = Rules.class.getResourceAsStream("/rules/" + n)) {
                        add(rules, problems, "rules/" + n, in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            problems.add("cannot read the shipped rules: " + e.getMessage());
        }
        for (Path folder : userFolders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    try {
                        add(rules, problems, file.toString(), Files.readString(file));
                    } catch (IOException e) {
                        problems.add(file + ": " + e.getMessage());
                    }
                }
            } catch (IOException e) {
                problems.add(folder + ": " + e.getMessage());
            }
        }
        return new Loaded(List.copyOf(rules), List.copyOf(problems));
    }

    private static void add(List<Rule> rules, List<String> problems, String source, String text) {
        if (text == null) {
            problems.add(source + ": not found");
            return;
        }
        try {
            Rule rule = parse(text, source);
            rules.removeIf(r -> r.id().equals(rule.id()));
            rules.add(rule);
        } catch (RuntimeException e) {
            problems.add(source + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static Rule parse(String text, String source) {
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(text);
        String id = string(json, "id", true);
        List<Rule.Symptom> symptoms = new ArrayList<>();
        for (Object o : (List<Object>) json.getOrDefault("symptoms", List.of())) {
            Map<String, Object> s = (Map<String, Object>) o;
            Map<String, Object> test = new java.util.LinkedHashMap<>(s);
            test.remove("id");
            test.remove("text");
            test.remove("required");
            if (test.isEmpty()) {
                throw new IllegalArgumentException("symptom " + s.get("id") + " has no test");
            }
            symptoms.add(new Rule.Symptom(string(s, "id", true), string(s, "text", true), Boolean.TRUE.equals(s.get("required")), Map.copyOf(test)));
        }
        if (symptoms.isEmpty()) {
            throw new IllegalArgumentException("rule " + id + " has no symptoms");
        }
        return new Rule(id, string(json, "title", true), string(json, "summary", false), List.copyOf(symptoms), strings(json, "fixedIn"),
                string(json, "workaround", false), string(json, "workaroundText", false), string(json, "preconditions", false),
                strings(json, "references"), strings(json, "supersedes"), category(json), source);
    }

    private static String category(Map<String, Object> json) {
        String c = string(json, "category", false);
        if (c == null) {
            return Rule.ISSUE;
        }
        if (!c.equals(Rule.ISSUE) && !c.equals(Rule.KIND)) {
            throw new IllegalArgumentException("\"category\" is \"" + c + "\", not \"" + Rule.ISSUE + "\" or \"" + Rule.KIND + "\"");
        }
        return c;
    }

    private static String string(Map<String, Object> json, String key, boolean required) {
        Object v = json.get(key);
        if (v == null && required) {
            throw new IllegalArgumentException("missing \"" + key + "\"");
        }
        return v == null ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> json, String key) {
        Object v = json.get(key);
        return v == null ? List.of() : ((List<Object>) v).stream().map(Object::toString).toList();
    }
}
