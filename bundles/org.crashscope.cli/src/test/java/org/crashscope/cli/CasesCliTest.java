package org.crashscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.crashscope.fixtures.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crashscope cases ...} on a library in a temporary folder, with real crash sessions of two kernels. */
class CasesCliTest {

    @TempDir
    Path temp;

    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path session(String name) throws Exception {
        return SharedFixtures.path(name.startsWith("seed") ? name + ".txt" : "vmcore/" + name + ".txt");
    }

    /** A folder of transcripts, one in a subfolder, with a ground-truth JSON beside them that is no transcript. */
    private Path folder() throws Exception {
        if (Files.isDirectory(temp.resolve("in"))) {
            return temp.resolve("in");
        }
        Path dir = Files.createDirectories(temp.resolve("in/sub"));
        Files.copy(session("ck-gpf"), temp.resolve("in/ck-gpf.txt"));
        Files.copy(session("k612-ck-gpf"), dir.resolve("k612-ck-gpf.txt"));
        Files.copy(session("ck-null"), temp.resolve("in/ck-null.txt"));
        Files.writeString(temp.resolve("in/ck-gpf.facts.json"), "{}");
        return temp.resolve("in");
    }

    @Test
    void addAFolderRecursivelyThenListItsBucketsAsTheIssueSays() throws Exception {
        String lib = temp.resolve("lib").toString();
        assertEquals(0, run("cases", "add", folder().toString(), "--library", lib), stderr());
        assertTrue(stdout().startsWith("3 files: 3 new cases, 0 seen before; the library has 2 buckets of 3 cases"), stdout());
        assertTrue(stderr().contains("3/3"), stderr());
        assertEquals(0, run("cases", "list", "--format", "json", "--library", lib));
        JsonArray buckets = JsonParser.parseString(stdout()).getAsJsonObject().getAsJsonArray("buckets");
        assertEquals(2, buckets.size());
        JsonObject gpf = buckets.get(0).getAsJsonObject();
        assertEquals("general-protection-fault: ck_walk_gpf < ck_fail < ck_trigger_write < full_proxy_write", gpf.get("signature").getAsString());
        assertEquals("general-protection-fault", gpf.get("kind").getAsString());
        assertEquals(2, gpf.get("count").getAsInt());
        assertEquals(2, gpf.getAsJsonArray("cases").size());
        assertTrue(gpf.get("title").getAsString().contains("ck_walk_gpf"));
        // ids are stable: the same files in another library are the same cases
        String id = gpf.getAsJsonArray("cases").get(0).getAsString();
        assertEquals(0, run("cases", "add", folder().resolve("ck-gpf.txt").toString(), "--library", temp.resolve("lib2").toString()));
        assertEquals(0, run("cases", "show", id, "--format", "json", "--library", temp.resolve("lib2").toString()), stderr());
        assertEquals(id, JsonParser.parseString(stdout()).getAsJsonObject().get("id").getAsString());
        // --bucket lists one
        assertEquals(0, run("cases", "list", "--bucket", gpf.get("signature").getAsString(), "--format", "json", "--library", lib));
        assertEquals(1, JsonParser.parseString(stdout()).getAsJsonObject().getAsJsonArray("buckets").size());
    }

    @Test
    void similarNamesTheBucketOfAKnownCrashAndNoneForANewKind() throws Exception {
        String lib = temp.resolve("lib").toString();
        assertEquals(0, run("cases", "add", session("ck-gpf").toString(), session("ck-null").toString(), "--library", lib));
        assertEquals(0, run("cases", "similar", session("k612-ck-gpf").toString(), "--format", "json", "--library", lib), stderr());
        JsonObject known = JsonParser.parseString(stdout()).getAsJsonObject();
        assertEquals("general-protection-fault: ck_walk_gpf < ck_fail < ck_trigger_write < full_proxy_write", known.get("bucket").getAsString());
        JsonObject nearest = known.getAsJsonArray("nearest").get(0).getAsJsonObject();
        assertEquals(0.0, nearest.get("distance").getAsDouble());
        assertTrue(nearest.has("case") && nearest.has("signature"));
        assertEquals(0, run("cases", "similar", SharedFixtures.seed().toString(), "--format", "json", "--library", lib));
        JsonObject fresh = JsonParser.parseString(stdout()).getAsJsonObject();
        assertTrue(fresh.get("bucket").isJsonNull());
        assertEquals(0, fresh.getAsJsonArray("nearest").size());
        // similar adds nothing
        assertEquals(0, run("cases", "list", "--format", "json", "--library", lib));
        assertEquals(2, JsonParser.parseString(stdout()).getAsJsonObject().getAsJsonArray("buckets").size());
    }

    @Test
    void analyzeRecordsTheCaseUnlessToldNot() throws Exception {
        String lib = temp.resolve("lib").toString();
        assertEquals(0, run("analyze", session("ck-null").toString(), "--format", "json", "--no-record", "--library", lib));
        assertFalse(Files.exists(temp.resolve("lib")));
        assertEquals(0, run("analyze", session("ck-null").toString(), "--format", "json", "--library", lib));
        assertEquals("", stderr());
        assertEquals(0, run("analyze", session("ck-null").toString(), "--library", lib));
        assertEquals(0, run("cases", "list", "--format", "json", "--library", lib));
        JsonObject bucket = JsonParser.parseString(stdout()).getAsJsonObject().getAsJsonArray("buckets").get(0).getAsJsonObject();
        String id = bucket.getAsJsonArray("cases").get(0).getAsString();
        assertEquals(1, bucket.get("count").getAsInt());
        assertEquals(0, run("cases", "show", id, "--library", lib));
        assertTrue(stdout().contains("seen:       2 times"), stdout());
    }

    /** A library's known issues are rules of every later analysis that records in it (analyze and report alike). */
    @Test
    void aKnownIssueOfTheLibraryNamesALaterCrashOfItsBucket() throws Exception {
        String lib = temp.resolve("lib").toString();
        assertEquals(0, run("cases", "add", session("ck-gpf").toString(), "--library", lib));
        assertEquals(0, run("cases", "list", "--format", "json", "--library", lib));
        JsonObject bucket = JsonParser.parseString(stdout()).getAsJsonObject().getAsJsonArray("buckets").get(0).getAsJsonObject();
        String id = bucket.getAsJsonArray("cases").get(0).getAsString();
        assertEquals(0, run("cases", "set", id, "--status", "solved", "--resolution", "crashkinds' walker reads a freed list", "--library", lib));
        assertEquals(0, run("cases", "known-issue", bucket.get("signature").getAsString(), "-o", temp.resolve("rule.json").toString(), "--library", lib));
        String issue = stdout().substring(0, stdout().indexOf(" -> "));
        // the other kernel's crash of the bucket is diagnosed with it, and recorded; another bug is not
        assertEquals(0, run("analyze", session("k612-ck-gpf").toString(), "--format", "json", "--library", lib));
        assertTrue(stdout().contains(issue), "the known issue " + issue + " named in the analysis");
        assertEquals("", stderr());
        assertEquals(0, run("analyze", session("ck-null").toString(), "--format", "json", "--library", lib));
        assertFalse(stdout().contains(issue));
        assertEquals(0, run("report", session("k612-ck-gpf").toString(), "-o", temp.resolve("report.md").toString(), "--library", lib));
        assertTrue(Files.readString(temp.resolve("report.md")).contains(issue), "the report names the known issue");
        assertEquals(0, run("cases", "list", "--format", "json", "--library", lib));
        assertEquals(2, JsonParser.parseString(stdout()).getAsJsonObject().getAsJsonArray("buckets").size(), "both analyses recorded");
    }

    @Test
    void aChangeFromAStaleVersionIsAConflictAndChangesNothing() throws Exception {
        String lib = temp.resolve("lib").toString();
        assertEquals(0, run("cases", "add", session("ck-null").toString(), "--library", lib));
        assertEquals(0, run("cases", "list", "--format", "json", "--library", lib));
        String id = JsonParser.parseString(stdout()).getAsJsonObject().getAsJsonArray("buckets").get(0).getAsJsonObject().getAsJsonArray("cases").get(0).getAsString();
        assertEquals(0, run("cases", "set", id, "--status", "in-progress", "--version", "1", "--by", "alice", "--library", lib), stderr());
        assertEquals(Main.FAILED, run("cases", "set", id, "--status", "solved", "--resolution", "x", "--version", "1", "--by", "bob", "--library", lib));
        assertTrue(stderr().contains("was changed by alice") && stderr().contains("nothing was saved"), stderr());
        assertEquals(0, run("cases", "show", id, "--format", "json", "--library", lib));
        JsonObject c = JsonParser.parseString(stdout()).getAsJsonObject();
        assertEquals("in-progress", c.get("status").getAsString());
        assertNull(c.get("resolution").isJsonNull() ? null : c.get("resolution").getAsString());
    }

    @Test
    void exportThenImportMovesALibrary() throws Exception {
        String lib = temp.resolve("lib").toString();
        assertEquals(0, run("cases", "add", folder().toString(), "--library", lib));
        assertEquals(0, run("cases", "list", "--format", "json", "--library", lib));
        String before = stdout();
        Path lines = temp.resolve("cases.jsonl");
        assertEquals(0, run("cases", "export", "-o", lines.toString(), "--library", lib));
        assertEquals(3, Files.readAllLines(lines).size());
        assertEquals(0, run("cases", "import", lines.toString(), "--library", temp.resolve("moved").toString()));
        assertTrue(stdout().startsWith("3 cases added, 0 already in the library"), stdout());
        assertEquals(0, run("cases", "list", "--format", "json", "--library", temp.resolve("moved").toString()));
        assertEquals(before, stdout());
    }

    @Test
    void badArgumentsAreSaidNotThrown() throws Exception {
        String lib = temp.resolve("lib").toString();
        assertEquals(Main.USAGE, run("cases", "frobnicate", "--library", lib));
        assertEquals(Main.USAGE, run("cases", "show", "cnothere", "--library", lib));
        assertEquals(Main.USAGE, run("cases", "add", temp.resolve("missing").toString(), "--library", lib));
        assertEquals(Main.USAGE, run("cases", "list", "--format", "xml", "--library", lib));
        assertEquals(Main.FAILED, run("cases", "list", "--library", Files.writeString(temp.resolve("file"), "x").toString()));
        assertTrue(stderr().contains("not a folder"), stderr());
    }
}
