package org.crashscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.crashscope.arch.paging.Anomaly;
import org.crashscope.arch.paging.PageTable;
import org.crashscope.analysis.rules.Rules;
import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.TranscriptParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A soft-offlined huge page in runs of one to 512 slots, PUD and PMD, rising and falling, with and
 * without the log line, the walks and {@code kmem -p} (fixtures/migrated, written by its make.py,
 * each with NAME.expect.json): the migrated slot is flagged with the old and the new page, its
 * confidence and its evidence, and the chain names the old page, the slot and the user address.
 */
class MigratedHugePagesTest {

    record Case(String name, TranscriptAnalysis analysis, JsonObject expect, List<String> lines) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(MigratedHugePagesTest.class.getResource("/fixtures/migrated").toURI());
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path expect : files.filter(f -> f.toString().endsWith(".expect.json")).sorted().toList()) {
                String name = expect.getFileName().toString().replace(".expect.json", "");
                Path txt = dir.resolve(name + ".txt");
                try (Transcript t = Transcript.open(txt)) {
                    out.add(new Case(name, TranscriptAnalysis.of(TranscriptParser.parse(t), Rules.load(List.of())),
                            JsonParser.parseString(Files.readString(expect)).getAsJsonObject(), Files.readAllLines(txt)));
                }
            }
        }
        assertTrue(out.size() >= 10, "the fixtures are there: " + out);
        return out.stream();
    }

    private static long hex(String s) {
        return Long.parseUnsignedLong(s.substring(2), 16);
    }

    private static PageTable table(Case c) {
        long base = hex(c.expect().get("table").getAsString());
        PageTable t = c.analysis().paging().tables().stream().filter(p -> p.base() == base).findFirst().orElse(null);
        assertNotNull(t, "the dumped table is recognised");
        assertEquals(c.expect().get("level").getAsString(), t.level());
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theMigratedSlotIsFlaggedWithTheOldAndTheNewPageAndNothingElseIs(Case c) {
        PageTable t = table(c);
        if (c.expect().get("migrated").isJsonNull()) {
            assertEquals(List.of(), t.anomalies().stream().map(Anomaly::reason).toList(), "no slot is called migrated");
            return;
        }
        JsonObject m = c.expect().getAsJsonObject("migrated");
        assertEquals(List.of(m.get("slot").getAsInt()), t.anomalies().stream().map(a -> a.slot().index()).toList(),
                t.anomalies().stream().map(Anomaly::reason).toList().toString());
        Anomaly a = t.anomalies().get(0);
        assertEquals(Anomaly.Kind.OUT_OF_SEQUENCE, a.kind());
        assertEquals(hex(m.get("expected").getAsString()), a.expected(), a.reason());
        assertEquals(hex(m.get("found").getAsString()), (long) a.found(), a.reason());
        assertEquals(m.get("confidence").getAsString(), a.confidence(), a.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyPieceOfEvidenceIsCitedByTheLineThatShowsIt(Case c) {
        PageTable t = table(c);
        for (Anomaly a : t.anomalies()) {
            String old = Long.toHexString(a.expected());
            // the hwpoison struct page, the log line and each walk that reads the slot are cited; each cited line shows what is said of it
            for (int i = 0; i < c.lines().size(); i++) {
                String line = c.lines().get(i);
                boolean poison = line.contains(" " + old + " ") && line.endsWith("hwpoison");
                boolean logged = line.contains("Soft offlining pfn 0x" + Long.toHexString(a.expected() >>> 12) + " ");
                boolean walk = line.strip().startsWith(t.level() + ": " + Long.toHexString(a.slot().address()) + " ");
                if (poison || logged || walk) {
                    assertTrue(a.lines().contains(i + 1), "line " + (i + 1) + " (" + line + ") is cited: " + a.reason());
                }
            }
            for (Anomaly.Cited cited : a.evidence()) {
                for (int line : cited.lines()) {
                    assertTrue(line >= 1 && line <= c.lines().size(), cited.toString());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theChainNamesTheOldPageTheSlotAndTheUserAddress(Case c) {
        List<Finding> findings = c.analysis().findings();
        String all = String.join("\n", findings.stream().map(Finding::text).toList());
        assertFalse(all.contains("No walk and no page-table dump"), "the walks and the dump are in the transcript:\n" + all);
        if (c.expect().get("migrated").isJsonNull()) {
            if (c.expect().has("oldPage")) {
                Finding gap = findings.stream().filter(f -> f.isGap() && f.text().contains(c.expect().get("oldPage").getAsString())).findFirst()
                        .orElseThrow(() -> new AssertionError("a gap says nothing maps the old page:\n" + all));
                assertTrue(gap.text().contains("no slot of the " + c.expect().get("level").getAsString() + " table"), gap.text());
            }
            return;
        }
        JsonObject m = c.expect().getAsJsonObject("migrated");
        Finding slot = findings.stream().filter(f -> f.kind() == FindingKind.TABLE_SLOT).findFirst()
                .orElseThrow(() -> new AssertionError("a table-slot step:\n" + all));
        assertTrue(slot.text().contains(String.format("Slot 0x%x ", m.get("slot").getAsInt())), slot.text());
        assertTrue(slot.text().contains("should map " + m.get("expected").getAsString() + " but maps " + m.get("found").getAsString()), slot.text());
        assertTrue(slot.text().contains("migrated to " + m.get("found").getAsString()), slot.text());
        assertTrue(slot.text().contains("(" + m.get("confidence").getAsString() + " confidence"), slot.text());
        Finding page = findings.stream().filter(f -> f.kind() == FindingKind.ERROR_PAGE).findFirst()
                .orElseThrow(() -> new AssertionError("an error-page step:\n" + all));
        assertTrue(page.text().contains(m.get("expected").getAsString()), page.text());
        if (c.lines().stream().anyMatch(l -> l.startsWith("crash> vtop"))) {
            Finding user = findings.stream().filter(f -> f.kind() == FindingKind.USER_ADDRESS).findFirst()
                    .orElseThrow(() -> new AssertionError("a user-address step:\n" + all));
            assertTrue(user.text().contains(m.get("virtual").getAsString()), user.text());
        }
    }
}
