package org.crashscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import org.crashscope.arch.paging.Anomaly;
import org.crashscope.arch.paging.NonPresent;
import org.crashscope.arch.paging.PageTable;
import org.crashscope.arch.paging.TableSlot;
import org.crashscope.arch.x86.Mca;
import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.model.MachineCheck;
import org.crashscope.transcript.parse.TranscriptParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.crashscope.analysis.chain.CrashKind;
import org.crashscope.analysis.chain.CrashReport;
import org.crashscope.analysis.rules.Rules;

/**
 * The sessions releng/vmcore made: the real crash on real dumps of Debian 12's and 13's kernels, each with
 * its ground truth (NAME.facts.json: the guest's pagemap, its console, what the generator made
 * fail). Every fact is asserted on every session that can show it; nothing here names a session.
 */
class RealSessionsTest {

    /** A session and its facts. */
    record Session(String name, TranscriptAnalysis analysis, Map<String, Object> facts) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Session> sessions() throws IOException, URISyntaxException {
        List<Session> out = new ArrayList<>();
        for (Path facts : org.crashscope.fixtures.SharedFixtures.files("vmcore", ".facts.json")) {
            String name = facts.getFileName().toString().replace(".facts.json", "");
            try (Transcript t = Transcript.open(org.crashscope.fixtures.SharedFixtures.path("vmcore/" + name + ".txt"))) {
                out.add(new Session(name, TranscriptAnalysis.of(TranscriptParser.parse(t), Rules.load(List.of())), map(json(JsonParser.parseString(Files.readString(facts))))));
            }
        }
        assertTrue(out.size() >= 10, "the generated sessions are there: " + out);
        return out.stream();
    }

    /**
     * A session whose facts say {@code "known": "..."} is one Crashscope reads wrong today, said how: its
     * check is skipped with that reason while it fails, and fails once it passes (the key is then to go).
     * The facts stay what happened.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void theCrashKindTitleAndGuiltyFrameAreRight(Session s) {
        Object known = s.facts().get("known");
        if (known == null) {
            kindTitleAndGuiltyFrame(s);
            return;
        }
        try {
            kindTitleAndGuiltyFrame(s);
        } catch (AssertionError e) {
            Assumptions.abort("known: " + known + " (" + e.getMessage() + ")");
        }
        fail(s.name() + " is read right now: remove its \"known\" from " + s.name() + ".facts.json (" + known + ")");
    }

    private static void kindTitleAndGuiltyFrame(Session s) {
        Map<String, Object> expect = map(s.facts().get("expect"));
        CrashReport crash = s.analysis().crash();
        assertNotNull(crash, "the session's crash");
        assertEquals(expect.get("kind"), crash.kind().id(), crash.toString());
        assertEquals(expect.get("deliberate"), crash.deliberate(), crash.toString());
        Object guilty = expect.get("guilty");
        if (guilty != null) {
            assertEquals(guilty, crash.guiltyFrame(), crash.toString());
            if (crash.evidence().contains(", the work it stalled in")) {
                // a stall's title names the work it stalled in, the same wherever the loop was caught; the evidence says where it looped
                assertTrue(crash.title().contains(" in ") && crash.evidence().contains("blamed on " + guilty), crash.evidence());
            } else {
                assertTrue(crash.title().endsWith(" in " + guilty), crash.title());
            }
        }
        assertTrue(s.analysis().findings().stream().anyMatch(f -> f.kind().id().equals("crash")), "a finding says the kind");
        Long address = crash.oops() == null ? null : CrashReport.reportedAddress(crash.oops().message(), crash.oops());
        assertEquals(CrashReport.listPoison(address), s.analysis().findings().stream().anyMatch(f -> f.kind().id().equals("list-poison")),
                "a fault on LIST_POISON, and only one, has its finding");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void onlyAFaultNamesAFaultingTaskAndInstruction(Session s) {
        CrashReport crash = s.analysis().crash();
        boolean fault = crash.kind().fault() && !crash.deliberate();
        for (Finding f : s.analysis().findings()) {
            if (!fault) {
                assertFalse(f.kind().id().equals("task") || f.kind().id().equals("faulting-instruction"), f.toString());
                assertFalse(f.text().contains("faulted") || f.text().contains("executed"), f.toString());
            }
        }
        // a user-mode Code: line is never decoded as the fault
        if (s.analysis().faultingOops() != null) {
            assertNotNull(s.analysis().faultingOops().rip(), "the decoded Code: belongs to a kernel RIP");
        }
    }

    /** The migrated slot and the hwpoison entry are the anomalies, with the addresses the pagemap shows; nothing else is. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void theMigratedSlotAndTheHwpoisonEntryAreTheOnlyAnomalies(Session s) {
        Map<String, Object> table = map(s.facts().get("table"));
        if (table == null) {
            return;
        }
        PageTable t = s.analysis().paging().tables().stream().filter(p -> p.base() == hex(table.get("base"))).findFirst().orElse(null);
        assertNotNull(t, "the dumped table is recognised");
        assertEquals(table.get("level"), t.level());
        List<Integer> expected = new ArrayList<>();
        Map<String, Object> migrated = map(table.get("migrated"));
        if (migrated != null && Boolean.TRUE.equals(migrated.get("moved"))) {
            int slot = ((Number) migrated.get("slot")).intValue();
            expected.add(slot);
            Anomaly a = anomalyAt(t, slot);
            assertEquals(Anomaly.Kind.OUT_OF_SEQUENCE, a.kind());
            assertEquals(hex(migrated.get("expected")), a.expected(), a.reason());
            assertEquals(hex(migrated.get("found")), a.found(), a.reason());
        }
        Map<String, Object> poisoned = map(table.get("hwpoisoned"));
        if (poisoned != null && poisoned.get("entry") != null) {
            int slot = ((Number) poisoned.get("slot")).intValue();
            expected.add(slot);
            TableSlot entry = t.slot(slot);
            assertEquals(hex(poisoned.get("entry")), entry.entry().value());
            assertEquals(NonPresent.Kind.HWPOISON, entry.nonPresent().kind(), entry.nonPresent().toString());
            assertEquals(hex(poisoned.get("huge_page")), entry.nonPresent().physical());
            Anomaly a = anomalyAt(t, slot);
            assertEquals(Anomaly.Kind.NON_PRESENT, a.kind());
            assertEquals(hex(poisoned.get("huge_page")), a.expected(), a.reason());
        }
        assertEquals(expected.stream().sorted().toList(), t.anomalies().stream().map(a -> a.slot().index()).sorted().toList(),
                "no other slot is called an anomaly: " + t.anomalies().stream().map(Anomaly::reason).toList());
    }

    /** The chain names the old page and the user address the guest used. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void theChainNamesTheOldPageAndTheUserAddress(Session s) {
        Map<String, Object> console = map(s.facts().get("console"));
        Map<String, Object> before = map(console.get("pages_before"));
        String all = String.join("\n", s.analysis().findings().stream().map(f -> f.text() + " " + f.nextCommand()).toList());
        for (String what : List.of("soft", "poison")) {
            Map<String, Object> done = map(console.get(what));
            if (done == null) {
                continue;
            }
            long va = hex(done.get("va"));
            assertTrue(all.contains(String.format("0x%x", va)), "the user address 0x" + Long.toHexString(va) + " in\n" + all);
            // the huge page; a poisoned one also by the 4 KiB frame the failure hit (without a walk, nothing says the huge page's size)
            List<Long> pages = new ArrayList<>(List.of(hex(map(before.get(String.valueOf(((Number) done.get("page")).intValue()))).get("pa"))));
            Map<String, Object> target = map(console.get(what + "_target"));
            if (target != null) {
                pages.add(hex(target.get("pa")));
            }
            assertTrue(pages.stream().anyMatch(p -> all.contains(String.format("0x%x", p)) || all.contains(String.format("0x%x", p >>> 12))),
                    "the old page " + pages.stream().map(Long::toHexString).toList() + " in\n" + all);
        }
    }

    /** An injected machine check is one record with its bank, status, address and misc, and MCi_STATUS decoded. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void anInjectedMachineCheckIsDecoded(Session s) {
        Map<String, Object> injected = map(map(s.facts().get("console")).get("mce_injected"));
        if (injected == null) {
            return;
        }
        MachineCheck m = s.analysis().parsed().machineChecks().stream().filter(c -> c.bank() != null).findFirst().orElseThrow();
        assertEquals(((Number) injected.get("bank")).intValue(), m.bank());
        assertEquals(hex(injected.get("status")), m.status());
        assertEquals(hex(injected.get("addr")), m.address());
        assertEquals(hex(injected.get("misc")), m.misc());
        Mca mca = Mca.decode(m.status());
        assertTrue(mca.memory() && mca.corrected() && mca.addressValid(), mca.toString());
        Finding error = s.analysis().findings().stream().filter(f -> f.kind().id().equals("hardware-error")).findFirst().orElseThrow();
        assertTrue(error.text().contains(String.format("0x%x", m.address())) && error.evidence().contains(m.span().first()), error.toString());
    }

    private static Anomaly anomalyAt(PageTable t, int slot) {
        return t.anomalies().stream().filter(a -> a.slot().index() == slot).findFirst()
                .orElseThrow(() -> new AssertionError("no anomaly at slot " + slot + ": " + t.anomalies().stream().map(Anomaly::reason).toList()));
    }

    /** Facts as maps, lists, strings, doubles and booleans. */
    private static Object json(JsonElement e) {
        if (e.isJsonObject()) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            e.getAsJsonObject().entrySet().forEach(x -> m.put(x.getKey(), json(x.getValue())));
            return m;
        }
        if (e.isJsonArray()) {
            List<Object> l = new ArrayList<>();
            e.getAsJsonArray().forEach(x -> l.add(json(x)));
            return l;
        }
        if (e.isJsonNull()) {
            return null;
        }
        var p = e.getAsJsonPrimitive();
        return p.isBoolean() ? (Object) p.getAsBoolean() : p.isNumber() ? (Object) p.getAsDouble() : p.getAsString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static long hex(Object o) {
        String s = o.toString();
        return Long.parseUnsignedLong(s.startsWith("0x") ? s.substring(2) : s, 16);
    }
}
