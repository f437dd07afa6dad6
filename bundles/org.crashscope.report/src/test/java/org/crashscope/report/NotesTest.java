package org.crashscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.crashscope.report.notes.Note;
import org.crashscope.report.notes.Notes;

/** Notes survive any text, damaged files are never overwritten, and nothing is lost. */
class NotesTest {

    private static final String SPECIAL = "{}[]\"\\/:,\n\r\t u";

    private static Note note(String id, String text) {
        return new Note(id, 10, 12, "finding:1", text, "analyst", "2026-12-01T10:00:00Z");
    }

    @Test
    void bracesLongTextsAndEscapesRoundTrip(@TempDir Path dir) throws Exception {
        Path sidecar = dir.resolve("t.txt.crashscope.json");
        List<Note> notes = List.of(note("a", "quotes {1}[Hardware Error]: physical_address: 0x10af886040 and } {"), note("b", "x".repeat(5000)),
                note("c", "\\uZZZZ and \\u12 and \"quoted\" and \u0000\u0001 tab\t and \u00e9\u4e2d\ud83d\ude00"), note("d", ""));
        Notes.write(sidecar, notes);
        assertEquals(notes, Notes.read(sidecar));
        // edit and delete other notes: the long and the bracing ones stay
        List<Note> edited = new ArrayList<>(Notes.read(sidecar));
        edited.remove(2);
        edited.set(2, note("d", "edited"));
        edited.add(note("e", "new"));
        Notes.write(sidecar, edited);
        List<Note> again = Notes.read(sidecar);
        assertEquals(notes.get(0), again.get(0));
        assertEquals(notes.get(1), again.get(1));
        assertEquals(4, again.size());
    }

    @Test
    void randomTextsRoundTrip(@TempDir Path dir) throws Exception {
        Random random = new Random(20261201);
        Path sidecar = dir.resolve("r.txt.crashscope.json");
        for (int round = 0; round < 200; round++) {
            List<Note> notes = new ArrayList<>();
            for (int n = random.nextInt(4); n >= 0; n--) {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(3000); i > 0; i--) {
                    int kind = random.nextInt(5);
                    text.appendCodePoint(switch (kind) {
                        case 0 -> SPECIAL.charAt(random.nextInt(SPECIAL.length()));
                        case 1 -> random.nextInt(0x20);
                        case 2 -> 0x20 + random.nextInt(0x5f);
                        case 3 -> 0xa0 + random.nextInt(0xd700 - 0xa0);
                        default -> 0x10000 + random.nextInt(0x100000);
                    });
                }
                notes.add(note("n" + round + "-" + n, text.toString()));
            }
            Notes.write(sidecar, notes);
            assertEquals(notes, Notes.read(sidecar), "round " + round);
        }
    }

    @Test
    void aHundredThousandRandomTextsRoundTripInMemory() {
        Random random = new Random(100_000);
        for (int round = 0; round < 100_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(round % 100 == 0 ? 5000 : 120); i > 0; i--) {
                text.appendCodePoint(switch (random.nextInt(5)) {
                    case 0 -> SPECIAL.charAt(random.nextInt(SPECIAL.length()));
                    case 1 -> random.nextInt(0x20);
                    case 2 -> 0x20 + random.nextInt(0x5f);
                    case 3 -> 0xa0 + random.nextInt(0xd700 - 0xa0);
                    default -> 0x10000 + random.nextInt(0x100000);
                });
            }
            List<Note> notes = List.of(note("r" + round, text.toString()));
            Notes.Loaded back = Notes.parse(Notes.format(notes).getBytes(StandardCharsets.UTF_8), "round " + round);
            if (back.damaged() || !back.notes().equals(notes)) {
                throw new AssertionError("round " + round + " did not round-trip: " + back.problem());
            }
        }
    }

    @Test
    void aDamagedSidecarIsNeverOverwrittenAndItsReadableNotesAreKept(@TempDir Path dir) throws Exception {
        Path sidecar = dir.resolve("d.txt.crashscope.json");
        Notes.write(sidecar, List.of(note("a", "first"), note("b", "second"), note("c", "third")));
        byte[] whole = Files.readAllBytes(sidecar);
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            byte[] damaged = round % 2 == 0 ? Arrays.copyOf(whole, random.nextInt(whole.length)) : whole.clone();
            if (round % 2 == 1) {
                for (int k = 0; k < 3; k++) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
            }
            Files.write(sidecar, damaged);
            Notes.Loaded loaded = Notes.load(sidecar);
            assertNotNull(loaded);
            if (loaded.damaged()) {
                assertNotNull(loaded.problem());
                Path aside = Notes.keepAside(sidecar);
                assertTrue(Arrays.equals(damaged, Files.readAllBytes(aside)), "the damaged file is kept as it was");
                Notes.write(sidecar, loaded.notes());
                assertEquals(loaded.notes(), Notes.read(sidecar));
                Files.delete(aside);
            }
        }
    }

    @Test
    void aLatin1SidecarIsReadAndSaidSo(@TempDir Path dir) throws Exception {
        Path sidecar = dir.resolve("l.txt.crashscope.json");
        Files.write(sidecar, "{\"format\": \"crashscope-notes/1\", \"notes\": [{\"id\": \"a\", \"firstLine\": 3, \"text\": \"caf\u00e9\"}]}"
                .getBytes(StandardCharsets.ISO_8859_1));
        Notes.Loaded loaded = Notes.load(sidecar);
        assertFalse(loaded.damaged());
        assertEquals("caf\u00e9", loaded.notes().get(0).text());
        assertTrue(loaded.problem().contains("Latin-1"), loaded.problem());
    }

    @Test
    void invalidEscapesAndHtmlAreDamageNotACrash(@TempDir Path dir) throws Exception {
        Path sidecar = dir.resolve("x.txt.crashscope.json");
        for (String text : List.of("{\"notes\": [{\"text\": \"\\uZZZZ\"}]}", "{\"notes\": [{\"text\": \"\\u12", "<!DOCTYPE html><html>", "[" .repeat(100_000),
                "{\"notes\": [{\"text\": 5}, {\"text\": \"kept\"}]}")) {
            Files.writeString(sidecar, text);
            Notes.Loaded loaded = Notes.load(sidecar);
            assertTrue(loaded.damaged(), text.substring(0, Math.min(40, text.length())));
        }
        assertEquals(List.of("kept"), Notes.load(sidecar).notes().stream().map(Note::text).toList(), "the readable notes of a damaged file are kept");
    }
}
