package org.crashscope.analysis.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import org.crashscope.transcript.JsonProblems;

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
                        // a FIFO or a device named *.json would hang or flood the read: refused before it is opened
                        org.crashscope.transcript.SafeFiles.requireRegularInput(file, "the rule file");
                        if (Files.size(file) > MAX_RULE_BYTES) {
                            problems.add(String.format("%s: %,d bytes: not a rule file", file, Files.size(file)));
                            continue;
                        }
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

    /** Keys of a rule file; anything else is a mistake (a misspelt "required" would change what the rule says). */
    private static final Set<String> RULE_KEYS = Set.of("id", "category", "title", "summary", "symptoms", "fixedIn", "workaround", "workaroundText",
            "preconditions", "references", "supersedes");
    private static final Set<String> SYMPTOM_KEYS = Set.of("id", "text", "required");
    /** The options each test may have, and their JSON types. */
    private static final Map<String, Map<String, Class<?>>> MODIFIERS = Map.of("crashKind", Map.of("deliberate", Boolean.class), "finding",
            Map.of("contains", String.class, "withinSeconds", Double.class));
    static final int MAX_RULE_BYTES = 1 << 20;
    private static final int MAX_NESTING = 16;

    /**
     * A rule from its JSON, validated whole: the types of every field, the syntax of every pattern,
     * the nesting depth and the size; any problem is an {@link IllegalArgumentException} naming it.
     */
    public static Rule parse(String text, String source) {
        if (text.length() > MAX_RULE_BYTES) {
            throw new IllegalArgumentException(String.format("%,d characters: not a rule file", text.length()));
        }
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            reader.setNestingLimit(MAX_NESTING);
            root = JsonParser.parseReader(reader);
        } catch (JsonParseException | StackOverflowError e) {
            throw new IllegalArgumentException("not valid JSON: " + JsonProblems.describe(e));
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("a rule is a JSON object");
        }
        JsonObject json = root.getAsJsonObject();
        for (String key : json.keySet()) {
            if (!RULE_KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key \"" + key + "\"");
            }
        }
        String id = string(json, "id", true);
        List<Rule.Symptom> symptoms = new ArrayList<>();
        JsonElement list = json.get("symptoms");
        if (list == null || !list.isJsonArray() || list.getAsJsonArray().isEmpty()) {
            throw new IllegalArgumentException("rule " + id + " has no \"symptoms\" list");
        }
        for (JsonElement e : list.getAsJsonArray()) {
            symptoms.add(symptom(id, e));
        }
        return new Rule(id, string(json, "title", true), string(json, "summary", false), List.copyOf(symptoms), strings(json, "fixedIn"),
                string(json, "workaround", false), string(json, "workaroundText", false), string(json, "preconditions", false),
                strings(json, "references"), strings(json, "supersedes"), category(json), source);
    }

    private static Rule.Symptom symptom(String rule, JsonElement e) {
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("a symptom of " + rule + " is not an object");
        }
        JsonObject s = e.getAsJsonObject();
        String id = string(s, "id", true);
        String where = "symptom " + id + ": ";
        String test = null;
        for (String key : s.keySet()) {
            if (Rule.TESTS.containsKey(key)) {
                if (test != null) {
                    throw new IllegalArgumentException(where + "two tests, " + test + " and " + key);
                }
                test = key;
            }
        }
        if (test == null) {
            throw new IllegalArgumentException(where + "no test (one of " + String.join(", ", new java.util.TreeSet<>(Rule.TESTS.keySet())) + ")");
        }
        Map<String, Class<?>> allowed = MODIFIERS.getOrDefault(test, Map.of());
        Map<String, Object> modifiers = new java.util.LinkedHashMap<>();
        for (String key : s.keySet()) {
            if (key.equals(test) || SYMPTOM_KEYS.contains(key)) {
                continue;
            }
            Class<?> type = allowed.get(key);
            if (type == null) {
                throw new IllegalArgumentException(where + "unknown key \"" + key + "\" for a " + test + " test");
            }
            modifiers.put(key, typed(s.get(key), type, where + key));
        }
        Boolean required = (Boolean) (s.has("required") ? typed(s.get("required"), Boolean.class, where + "required") : Boolean.FALSE);
        String value;
        com.google.re2j.Pattern pattern = null;
        if (test.equals("kernelAffected")) {
            if (!Boolean.TRUE.equals(typed(s.get(test), Boolean.class, where + test))) {
                throw new IllegalArgumentException(where + "kernelAffected must be true");
            }
            value = "true";
        } else {
            value = (String) typed(s.get(test), String.class, where + test);
            if (Rule.TESTS.get(test)) {
                try {
                    pattern = com.google.re2j.Pattern.compile(value);
                } catch (com.google.re2j.PatternSyntaxException x) {
                    throw new IllegalArgumentException(where + "the " + test + " pattern " + value + " is not a valid RE2 pattern: " + x.getDescription());
                }
            }
        }
        return new Rule.Symptom(id, string(s, "text", true), required, test, pattern, value, Map.copyOf(modifiers));
    }

    private static Object typed(JsonElement v, Class<?> type, String what) {
        if (v instanceof JsonPrimitive p) {
            if (type == String.class && p.isString()) {
                return p.getAsString();
            }
            if (type == Boolean.class && p.isBoolean()) {
                return p.getAsBoolean();
            }
            if (type == Double.class && p.isNumber() && Double.isFinite(p.getAsDouble())) {
                return p.getAsDouble();
            }
        }
        throw new IllegalArgumentException(what + " must be " + (type == String.class ? "a string" : type == Boolean.class ? "true or false" : "a number")
                + ", not " + v);
    }

    private static String category(JsonObject json) {
        String c = string(json, "category", false);
        if (c == null) {
            return Rule.ISSUE;
        }
        if (!c.equals(Rule.ISSUE) && !c.equals(Rule.KIND)) {
            throw new IllegalArgumentException("\"category\" is \"" + c + "\", not \"" + Rule.ISSUE + "\" or \"" + Rule.KIND + "\"");
        }
        return c;
    }

    private static String string(JsonObject json, String key, boolean required) {
        JsonElement v = json.get(key);
        if (v == null || v.isJsonNull()) {
            if (required) {
                throw new IllegalArgumentException("missing \"" + key + "\"");
            }
            return null;
        }
        return (String) typed(v, String.class, "\"" + key + "\"");
    }

    private static List<String> strings(JsonObject json, String key) {
        JsonElement v = json.get(key);
        if (v == null || v.isJsonNull()) {
            return List.of();
        }
        if (!v.isJsonArray()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonElement e : v.getAsJsonArray()) {
            out.add((String) typed(e, String.class, "an entry of \"" + key + "\""));
        }
        return List.copyOf(out);
    }
}
