package org.crashscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.TranscriptParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The seed's JSON (what `crashscope analyze --format json` prints), read back with a real JSON parser. */
class ContractJsonTest {

    private static JsonObject json;

    @BeforeAll
    static void analyze() throws Exception {
        try (Transcript t = Transcript.open(org.crashscope.fixtures.SharedFixtures.path(ContractJsonTest.class, "seed-kcs-ghes-hugepage-gpf.txt"))) {
            json = JsonParser.parseString(ContractJson.write(org.crashscope.presentation.Presentation.of(org.crashscope.analysis.TranscriptAnalysis.of(TranscriptParser.parse(t), org.crashscope.analysis.rules.Rules.load(java.util.List.of()))))).getAsJsonObject();
        }
    }

    @Test
    void oopsFollowsTheContract() {
        JsonObject oops = json.getAsJsonArray("oopses").get(0).getAsJsonObject();
        assertEquals(123, oops.get("line").getAsInt());
        assertEquals(56, oops.get("cpu").getAsInt());
        assertEquals(20191, oops.get("pid").getAsInt());
        assertEquals("CPU 3/KVM", oops.get("comm").getAsString());
        assertEquals("4.18.0-305.34.2.el8_4.x86_64", oops.get("kernel").getAsString());
        assertEquals("gup_pgd_range", oops.getAsJsonObject("rip").get("symbol").getAsString());
        assertEquals("0x24c", oops.getAsJsonObject("rip").get("offset").getAsString());
        assertEquals("0xf98136ffff230", oops.getAsJsonObject("registers").get("rbx").getAsString());
        JsonObject code = oops.getAsJsonObject("code");
        assertEquals("4c", code.getAsJsonArray("bytes").get(code.get("trapIndex").getAsInt()).getAsString());
    }

    @Test
    void hardwareErrorsFollowTheContract() {
        JsonArray errors = json.getAsJsonArray("hardwareErrors");
        assertEquals(2, errors.size());
        JsonObject first = errors.get(0).getAsJsonObject();
        assertEquals(102, first.get("line").getAsInt());
        assertEquals("corrected", first.get("severity").getAsString());
        assertEquals("0x10af886040", first.get("physicalAddress").getAsString());
        assertEquals("single-bit ECC", first.get("errorType").getAsString());
        assertEquals(44193, first.get("row").getAsInt());
        assertEquals(928, first.get("column").getAsInt());
    }

    @Test
    void backtracesWalksAndDumpsFollowTheContract() {
        JsonObject bt = json.getAsJsonArray("backtraces").get(0).getAsJsonObject();
        assertEquals(62, bt.get("line").getAsInt());
        assertEquals("CPU 3/KVM", bt.get("command").getAsString());
        assertEquals(19, bt.getAsJsonArray("frames").size());
        assertEquals("gup_pgd_range", bt.getAsJsonObject("exception").getAsJsonObject("rip").get("symbol").getAsString());

        JsonArray walks = json.getAsJsonArray("walks");
        assertEquals(2, walks.size());
        JsonObject user = walks.get(1).getAsJsonObject();
        assertEquals("0x7f1148cdf000", user.get("virtual").getAsString());
        assertEquals("0xf88cdf000", user.get("physical").getAsString());
        assertEquals(1L << 30, user.get("pageSize").getAsLong());
        assertEquals("0x2d49ef2228", user.getAsJsonArray("levels").get(1).getAsJsonObject().get("entryAddress").getAsString());

        JsonObject dump = json.getAsJsonArray("tableDumps").get(0).getAsJsonObject();
        assertEquals(211, dump.get("line").getAsInt());
        assertEquals(38, dump.getAsJsonArray("entries").size());
        assertEquals("0x2d49ef2140", dump.getAsJsonArray("entries").get(0).getAsJsonObject().get("address").getAsString());
        assertTrue(json.getAsJsonArray("diagnostics").isJsonArray());
    }

    @Test
    void pudDumpHasExactlyOneAnomalyAndBothWalksCheckOut() {
        JsonObject dump = json.getAsJsonArray("tableDumps").get(0).getAsJsonObject();
        assertEquals("PUD", dump.get("level").getAsString());
        JsonArray anomalies = dump.getAsJsonArray("anomalies");
        assertEquals(1, anomalies.size());
        JsonObject a = anomalies.get(0).getAsJsonObject();
        assertEquals("0x2d49ef2228", a.get("address").getAsString());
        assertEquals("0x1080000000", a.get("expected").getAsString());
        assertEquals("0xf80000000", a.get("found").getAsString());
        assertTrue(a.get("reason").getAsString().contains("breaks the run"));
        assertTrue(a.get("reason").getAsString().contains("ACCESSED|DIRTY"));
        assertEquals("0x7f1140000000", a.get("mapsFrom").getAsString());

        JsonArray walks = json.getAsJsonArray("walks");
        assertTrue(walks.get(0).getAsJsonObject().get("consistent").getAsBoolean());
        assertTrue(walks.get(1).getAsJsonObject().get("consistent").getAsBoolean());
        assertEquals("0x98", walks.get(0).getAsJsonObject().getAsJsonArray("levels").get(1).getAsJsonObject().get("index").getAsString());
        JsonArray user = walks.get(1).getAsJsonObject().getAsJsonArray("levels");
        assertEquals("0xfe", user.get(0).getAsJsonObject().get("index").getAsString());
        assertEquals("0x45", user.get(1).getAsJsonObject().get("index").getAsString());
    }

    @Test
    void faultingInstructionAndStackSlotsFollowTheContract() {
        JsonObject code = json.getAsJsonArray("oopses").get(0).getAsJsonObject().getAsJsonObject("code");
        assertEquals("mov r12, qword ptr [rbx]", code.get("instruction").getAsString());
        assertEquals("rbx", code.get("faultRegister").getAsString());
        assertEquals("0xf98136ffff230", code.get("faultAddress").getAsString());
        assertFalse(code.get("canonical").getAsBoolean());

        JsonArray slots = json.getAsJsonArray("stackSlots");
        String[] registers = {"rbx", "rbp", "r12", "r13", "r14", "r15"};
        for (int i = 0; i < registers.length; i++) {
            String address = "0x" + Long.toHexString(0xffffaaab26b3fa08L + 8L * i);
            JsonObject slot = find(slots, address);
            assertEquals(registers[i], slot.get("register").getAsString(), address);
            assertTrue(slot.get("rule").getAsString().contains("gcc's push order"));
            assertTrue(slot.has("confidence"));
        }
        JsonObject ret = find(slots, "0xffffaaab26b3fa38");
        assertEquals("return-address", ret.get("kind").getAsString());
        assertEquals("internal_get_user_pages_fast", ret.get("frame").getAsString());
        assertEquals("high", ret.get("confidence").getAsString());
    }

    private static JsonObject find(JsonArray slots, String address) {
        for (var e : slots) {
            if (e.getAsJsonObject().get("address").getAsString().equals(address)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no slot " + address);
    }

    @Test
    void findingsAndTheDiagnosisFollowTheContract() {
        JsonArray findings = json.getAsJsonArray("findings");
        List<String> kinds = new java.util.ArrayList<>();
        findings.forEach(f -> kinds.add(f.getAsJsonObject().get("kind").getAsString()));
        assertEquals(List.of("hardware-error", "error-page", "table-slot", "virtual-range", "user-address", "vma", "task", "faulting-instruction",
                "crash"), kinds);
        JsonObject crash = json.getAsJsonObject("crash");
        assertEquals("general-protection-fault", crash.get("kind").getAsString());
        assertEquals("general protection fault in gup_pgd_range", crash.get("title").getAsString());
        assertEquals("gup_pgd_range", crash.get("guiltyFrame").getAsString());
        assertEquals(123, crash.get("line").getAsInt());
        assertFalse(crash.get("deliberate").getAsBoolean());
        String all = findings.toString();
        for (String value : List.of("0x10af886040", "0x1080000000", "0x2d49ef2228", "0x7f1148cdf000", "0x7f0a40000000-0x7f1240000000", "/dev/hugepages/",
                "PID 20191", "CPU 3/KVM")) {
            assertTrue(all.contains(value), value);
        }
        findings.forEach(f -> assertTrue(f.getAsJsonObject().getAsJsonArray("evidence").size() > 0, f.toString()));

        JsonObject d = json.getAsJsonArray("diagnoses").get(0).getAsJsonObject();
        assertEquals("ghes-hugepage-migration-gup-gpf", d.get("id").getAsString());
        assertEquals("[\"kernel-4.18.0-348.el8\",\"kernel-4.18.0-305.91.1.el8_4\"]", d.getAsJsonArray("fixedIn").toString());
        assertEquals("ghes.disable=y", d.get("workaround").getAsString());
        assertTrue(d.get("olderThanFix").getAsBoolean());
        assertTrue(d.getAsJsonArray("evidence").size() > 3);
    }
}
