package org.crashscope.library;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The library as JSON, for the CLI and for moving a library: the bucket list
 * ({@code {"buckets": [{"signature", "title", "kind", "count", "cases": [...]}]}}), the similar
 * cases of a crash ({@code {"bucket": S or null, "nearest": [{"case", "signature", "distance"}]}}),
 * one case, and export/import as JSON lines (one case, merge or rule a line).
 */
public final class LibraryJson {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().setPrettyPrinting().create();
    private static final Gson LINE = new GsonBuilder().disableHtmlEscaping().create();

    private LibraryJson() {
    }

    public static String buckets(List<Bucket> buckets) {
        JsonArray all = new JsonArray();
        for (Bucket b : buckets) {
            JsonObject o = new JsonObject();
            o.addProperty("signature", b.signature());
            o.addProperty("title", b.title());
            o.addProperty("kind", b.kind());
            o.addProperty("count", b.count());
            JsonArray ids = new JsonArray();
            b.caseIds().forEach(ids::add);
            o.add("cases", ids);
            o.addProperty("firstSeen", b.firstSeen().toString());
            o.addProperty("lastSeen", b.lastSeen().toString());
            JsonArray kernels = new JsonArray();
            b.kernels().forEach(kernels::add);
            o.add("kernels", kernels);
            o.addProperty("machines", b.machines());
            o.addProperty("status", b.status().id());
            if (b.solved() != null) {
                JsonObject s = new JsonObject();
                s.addProperty("case", b.solved().id());
                s.addProperty("date", b.solved().changedAt().toString());
                s.addProperty("resolution", b.solved().resolution());
                o.add("solved", s);
            }
            all.add(o);
        }
        JsonObject root = new JsonObject();
        root.add("buckets", all);
        return GSON.toJson(root) + "\n";
    }

    public static String similar(Similar similar) {
        JsonObject root = new JsonObject();
        root.addProperty("bucket", similar.bucket());
        root.addProperty("signature", similar.signature());
        JsonArray near = new JsonArray();
        for (Similar.Near n : similar.nearest()) {
            JsonObject o = new JsonObject();
            o.addProperty("case", n.caseId());
            o.addProperty("signature", n.signature());
            o.addProperty("bucket", n.bucket());
            o.addProperty("distance", Math.round(n.distance() * 1000) / 1000.0);
            near.add(o);
        }
        root.add("nearest", near);
        return GSON.toJson(root) + "\n";
    }

    public static String show(Case c) {
        return GSON.toJson(caseJson(c)) + "\n";
    }

    static JsonObject caseJson(Case c) {
        CaseFacts f = c.facts();
        JsonObject o = new JsonObject();
        o.addProperty("id", c.id());
        o.addProperty("account", c.account());
        o.addProperty("contentHash", f.contentHash());
        o.addProperty("file", f.file());
        o.addProperty("signature", c.signature());
        o.addProperty("signatureVersion", c.signatureVersion());
        o.addProperty("bucket", c.bucket());
        o.addProperty("kind", f.kind());
        o.addProperty("title", f.title());
        o.addProperty("guiltyFrame", f.guiltyFrame());
        JsonArray frames = new JsonArray();
        f.frames().forEach(frames::add);
        o.add("frames", frames);
        o.addProperty("mechanism", f.mechanism());
        o.addProperty("release", f.release());
        o.addProperty("arch", f.arch());
        o.addProperty("machine", f.machine());
        o.addProperty("diagnosis", f.diagnosis());
        o.addProperty("knownIssue", f.knownIssue());
        o.addProperty("deliberate", f.deliberate());
        o.addProperty("status", c.status().id());
        o.addProperty("resolution", c.resolution());
        o.addProperty("notes", c.notes());
        o.addProperty("firstSeen", c.firstSeen().toString());
        o.addProperty("lastSeen", c.lastSeen().toString());
        o.addProperty("seenCount", c.seenCount());
        o.addProperty("changedAt", c.changedAt() == null ? null : c.changedAt().toString());
        o.addProperty("changedBy", c.changedBy());
        o.addProperty("version", c.version());
        return o;
    }

    /** Writes every case, merge and fingerprint rule of the library as JSON lines; returns how many lines. */
    public static int export(CaseLibrary library, Writer out) throws IOException {
        int n = 0;
        for (Case c : library.cases()) {
            JsonObject o = caseJson(c);
            o.addProperty("type", "case");
            out.write(LINE.toJson(o));
            out.write('\n');
            n++;
        }
        for (var m : library.merges().entrySet()) {
            JsonObject o = new JsonObject();
            o.addProperty("type", "merge");
            o.addProperty("signature", m.getKey());
            o.addProperty("into", m.getValue());
            out.write(LINE.toJson(o));
            out.write('\n');
            n++;
        }
        for (FingerprintRule r : library.rules()) {
            JsonObject o = new JsonObject();
            o.addProperty("type", "rule");
            o.addProperty("id", r.id());
            o.addProperty("kindPattern", r.kindPattern());
            o.addProperty("framePattern", r.framePattern());
            o.addProperty("fingerprint", r.fingerprint());
            out.write(LINE.toJson(o));
            out.write('\n');
            n++;
        }
        return n;
    }

    /** What an import did: cases added, cases the library had, lines it could not read (with their numbers). */
    public record Imported(int added, int present, List<String> problems) {
    }

    /** Reads JSON lines written by {@link #export} into the library; a line it cannot read is said and skipped. */
    public static Imported importFrom(CaseLibrary library, Reader in) throws IOException {
        BufferedReader lines = new BufferedReader(in);
        int added = 0;
        int present = 0;
        List<String> problems = new ArrayList<>();
        int number = 0;
        for (String line; (line = lines.readLine()) != null;) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                switch (text(o, "type")) {
                    case "case" -> {
                        if (library.put(caseOf(o))) {
                            added++;
                        } else {
                            present++;
                        }
                    }
                    case "merge" -> library.merge(required(o, "signature"), required(o, "into"));
                    case "rule" -> library.addRule(new FingerprintRule(required(o, "id"), text(o, "kindPattern"), text(o, "framePattern"), required(o, "fingerprint")));
                    default -> problems.add("line " + number + ": unknown type '" + text(o, "type") + "'");
                }
            } catch (JsonParseException | IllegalStateException | IllegalArgumentException | java.time.DateTimeException e) {
                problems.add("line " + number + ": " + e.getMessage());
            }
        }
        return new Imported(added, present, problems);
    }

    private static Case caseOf(JsonObject o) {
        String hash = required(o, "contentHash");
        if (!hash.matches("[0-9a-f]{16,64}")) {
            throw new IllegalArgumentException("contentHash is not a hex hash");
        }
        List<String> frames = new ArrayList<>();
        JsonElement fs = o.get("frames");
        if (fs != null && fs.isJsonArray()) {
            fs.getAsJsonArray().forEach(e -> frames.add(e.getAsString()));
        }
        CaseFacts facts = new CaseFacts(hash, text(o, "file"), text(o, "release"), text(o, "arch"), text(o, "machine"), text(o, "kind"), text(o, "title"),
                text(o, "guiltyFrame"), frames, text(o, "mechanism"), text(o, "diagnosis"), text(o, "knownIssue"),
                o.has("deliberate") && o.get("deliberate").getAsBoolean());
        String signature = required(o, "signature");
        String bucket = text(o, "bucket");
        CaseStatus status = CaseStatus.ofId(text(o, "status"));
        OffsetDateTime first = OffsetDateTime.parse(required(o, "firstSeen"));
        String last = text(o, "lastSeen");
        String changed = text(o, "changedAt");
        return new Case(Case.idOf(hash), null, facts, signature, o.has("signatureVersion") ? o.get("signatureVersion").getAsInt() : Signature.VERSION,
                bucket == null ? signature : bucket, status == null ? CaseStatus.NEW : status, text(o, "resolution"), text(o, "notes"), first,
                last == null ? first : OffsetDateTime.parse(last), o.has("seenCount") ? o.get("seenCount").getAsInt() : 1,
                changed == null ? null : OffsetDateTime.parse(changed), text(o, "changedBy"), o.has("version") ? o.get("version").getAsInt() : 1);
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static String required(JsonObject o, String key) {
        String v = text(o, key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return v;
    }
}
