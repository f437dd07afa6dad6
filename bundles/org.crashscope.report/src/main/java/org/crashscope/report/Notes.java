package org.crashscope.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Analyst notes kept in a sidecar file next to the transcript ({@code <file>.crashscope.json}),
 * written atomically (a temporary file renamed over the old one); the transcript itself is never
 * written.
 */
public final class Notes {

    private Notes() {
    }

    public static Path sidecar(Path transcript) {
        return transcript.resolveSibling(transcript.getFileName() + ".crashscope.json");
    }

    /** The notes of a transcript; none when there is no sidecar. */
    public static List<Note> read(Path sidecar) throws IOException {
        if (!Files.isRegularFile(sidecar)) {
            return List.of();
        }
        return parse(Files.readString(sidecar, StandardCharsets.UTF_8));
    }

    public static void write(Path sidecar, List<Note> notes) throws IOException {
        Json json = new Json(true).beginObject().field("format", "crashscope-notes/1").name("notes").beginArray();
        for (Note n : notes) {
            json.beginObject().field("id", n.id()).field("firstLine", n.firstLine()).field("lastLine", n.lastLine()).field("target", n.target())
                    .field("text", n.text()).field("author", n.author()).field("created", n.created()).endObject();
        }
        AtomicFiles.write(sidecar, json.endArray().endObject() + "\n");
    }

    private static final Pattern NOTE = Pattern.compile("\\{([^{}]*)\\}");
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|-?\\d+|null)");

    /** Reads the sidecar format this class writes (flat note objects). */
    static List<Note> parse(String text) {
        List<Note> notes = new ArrayList<>();
        int start = text.indexOf("\"notes\"");
        if (start < 0) {
            return notes;
        }
        Matcher m = NOTE.matcher(text.substring(start));
        while (m.find()) {
            java.util.Map<String, String> f = new java.util.HashMap<>();
            Matcher fm = FIELD.matcher(m.group(1));
            while (fm.find()) {
                f.put(fm.group(1), fm.group(3) != null ? unescape(fm.group(3)) : fm.group(2).equals("null") ? null : fm.group(2));
            }
            if (f.containsKey("text")) {
                notes.add(new Note(f.get("id"), parseInt(f.get("firstLine")), parseInt(f.get("lastLine")), f.get("target"), f.get("text"),
                        f.get("author"), f.get("created")));
            }
        }
        return notes;
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(e);
            }
        }
        return b.toString();
    }
}
