package org.crashscope.report.notes;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;

import org.crashscope.transcript.JsonProblems;
import org.crashscope.report.AtomicFiles;

/**
 * Analyst notes kept in a sidecar file next to the transcript ({@code <file>.crashscope.json}),
 * read and written with a real JSON library, so that any text round-trips. Writes are atomic and
 * never replace the transcript. A sidecar that cannot be read whole is never overwritten: the
 * notes it still yields are kept, and the next save first moves it aside
 * ({@code NAME.bad-2026-12-01T10-15-00}).
 */
public final class Notes {

    public static final String FORMAT = "crashscope-notes/1";
    /** A sidecar this large is no notes file (a report written over it, a log): it is not read. */
    static final long MAX_BYTES = 64L << 20;

    /**
     * What a sidecar held.
     *
     * @param problem what was wrong with it, for the user, or {@code null}
     * @param damaged the file holds something the notes do not show (unreadable JSON, a note that
     *                could not be read): saving must move it aside first, never overwrite it
     */
    public record Loaded(List<Note> notes, String problem, boolean damaged) {
        static final Loaded NONE = new Loaded(List.of(), null, false);
    }

    private Notes() {
    }

    public static Path sidecar(Path transcript) {
        return transcript.resolveSibling(transcript.getFileName() + ".crashscope.json");
    }

    /** The notes of a sidecar and what was wrong with it; none and no problem when there is none. */
    public static Loaded load(Path sidecar) {
        if (!Files.exists(sidecar)) {
            return Loaded.NONE;
        }
        try {
            if (!Files.isRegularFile(sidecar)) {
                return new Loaded(List.of(), sidecar + " is not a regular file", true);
            }
            if (Files.size(sidecar) > MAX_BYTES) {
                return new Loaded(List.of(), String.format("%s is %,d bytes: not a notes file", sidecar, Files.size(sidecar)), true);
            }
            return parse(Files.readAllBytes(sidecar), sidecar.toString());
        } catch (IOException e) {
            return new Loaded(List.of(), "cannot read " + sidecar + ": " + e.getMessage(), true);
        }
    }

    /** The notes of a sidecar; an unreadable one is an {@link IOException}. */
    public static List<Note> read(Path sidecar) throws IOException {
        Loaded loaded = load(sidecar);
        if (loaded.damaged()) {
            throw new IOException(loaded.problem());
        }
        return loaded.notes();
    }

    /** Writes the notes; {@code transcript} (and any other protected file) is never the file written. */
    public static void write(Path sidecar, List<Note> notes, Path... protectedFiles) throws IOException {
        AtomicFiles.write(sidecar, format(notes), protectedFiles);
    }

    /** Moves a damaged sidecar aside, so that new notes start a new file; returns where it went. */
    public static Path keepAside(Path sidecar) throws IOException {
        return AtomicFiles.keepAside(sidecar, "bad-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss")));
    }

    public static String format(List<Note> notes) {
        StringWriter out = new StringWriter();
        try (JsonWriter w = new JsonWriter(out)) {
            w.setIndent("  ");
            w.setHtmlSafe(false);
            w.beginObject().name("format").value(FORMAT).name("notes").beginArray();
            for (Note n : notes) {
                w.beginObject().name("id").value(n.id()).name("firstLine").value(n.firstLine()).name("lastLine").value(n.lastLine());
                w.name("target").value(n.target()).name("text").value(n.text()).name("author").value(n.author()).name("created").value(n.created());
                w.endObject();
            }
            w.endArray().endObject();
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return out + "\n";
    }

    /** Reads a sidecar's bytes: UTF-8 (or Latin-1, said so), JSON, every note that is whole. */
    public static Loaded parse(byte[] bytes, String name) {
        String text;
        List<String> problems = new ArrayList<>();
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
            problems.add(name + " is not UTF-8: read as Latin-1 (it is saved as UTF-8)");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException | StackOverflowError e) {
            return new Loaded(List.of(), name + " is not a notes file (" + JsonProblems.describe(e) + "); it is kept and set aside when notes are saved",
                    true);
        }
        JsonArray array = root.isJsonObject() && root.getAsJsonObject().get("notes") instanceof JsonArray a ? a : null;
        if (array == null) {
            return new Loaded(List.of(), name + " has no \"notes\" list; it is kept and set aside when notes are saved", true);
        }
        List<Note> notes = new ArrayList<>();
        int unreadable = 0;
        for (JsonElement e : array) {
            Note n = e.isJsonObject() ? note(e.getAsJsonObject()) : null;
            if (n == null) {
                unreadable++;
            } else {
                notes.add(n);
            }
        }
        if (unreadable > 0) {
            problems.add(String.format("%s: %d note%s could not be read; the file is kept and set aside when notes are saved", name, unreadable,
                    unreadable == 1 ? "" : "s"));
        }
        return new Loaded(List.copyOf(notes), problems.isEmpty() ? null : String.join("; ", problems), unreadable > 0);
    }

    /** A note, or {@code null} when it has no text or its lines are not numbers. */
    private static Note note(JsonObject o) {
        String text = string(o, "text");
        Integer first = integer(o, "firstLine");
        Integer last = integer(o, "lastLine");
        if (text == null || first == null && o.has("firstLine") || last == null && o.has("lastLine")) {
            return null;
        }
        return new Note(string(o, "id"), first == null ? 0 : first, last == null ? (first == null ? 0 : first) : last, string(o, "target"), text,
                string(o, "author"), string(o, "created"));
    }

    private static String string(JsonObject o, String key) {
        return o.get(key) instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
    }

    private static Integer integer(JsonObject o, String key) {
        if (o.get(key) instanceof JsonPrimitive p && p.isNumber()) {
            double d = p.getAsDouble();
            if (d == Math.rint(d) && d >= 0 && d <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        return null;
    }
}
