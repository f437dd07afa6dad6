package org.crashscope.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.crashscope.transcript.TerminalText;
import org.junit.jupiter.api.Test;

import com.google.gson.stream.JsonWriter;

/**
 * The JSON writer writes what Gson's streaming writer wrote, and onto a terminal that with what a terminal could act on
 * escaped ({@link TerminalText#json(String)}) in UTF-8, as the CLI wrote it: byte for byte, for
 * random documents of every kind of value, nesting and character (controls, quotes, DEL and C1, the bidi and
 * line-separator characters, letters beyond ASCII, pairs of surrogates and lone ones), pretty and compact.
 */
class JsonTest {

    /** The characters a string is made of: each class the writers treat apart. */
    private static final char[] CHARACTERS = {'a', 'Z', '0', ' ', '~', '"', '\\', '/', '<', '&', '\n', '\r', '\t', '\b', '\f', 0, 0x1b, 0x1f, 0x7f,
        0x80, 0x9b, 0x9f, 0xa0, 0xe9, 0xff, 0x061c, 0x200b, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202e, 0x2066, 0x2069, 0xfeff, 0x4e2d, 0xfffd};

    @Test
    void writesWhatGsonWroteWithTheTerminalEscapesAsUtf8() throws IOException {
        for (long seed = 0; seed < 300; seed++) {
            for (boolean pretty : new boolean[] {true, false}) {
                StringWriter written = new StringWriter();
                JsonWriter gson = gson(written, pretty);
                ByteArrayOutputStream actual = new ByteArrayOutputStream();
                Json json = Json.forTerminal(actual, pretty);
                document(new Random(seed), gson, json);
                gson.flush();
                json.flush();
                // (Java's encoder writes a lone surrogate as '?')
                byte[] expected = TerminalText.json(written.toString()).getBytes(StandardCharsets.UTF_8);
                assertArrayEquals(expected, actual.toByteArray(), "seed " + seed + (pretty ? " pretty" : " compact") + ":\n"
                        + new String(expected, StandardCharsets.UTF_8) + "\n" + actual.toString(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void writesWhatGsonWroteOntoAWriter() throws IOException {
        for (long seed = 0; seed < 300; seed++) {
            for (boolean pretty : new boolean[] {true, false}) {
                StringWriter expected = new StringWriter();
                JsonWriter gson = gson(expected, pretty);
                StringWriter actual = new StringWriter();
                Json json = new Json(actual, pretty);
                document(new Random(seed), gson, json);
                gson.flush();
                json.flush();
                // a lone surrogate, which Gson keeps and no UTF-8 file can hold, is written as '?', as Java's encoder writes it
                String utf8 = new String(expected.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                assertEquals(utf8, actual.toString(), "seed " + seed);
            }
        }
    }

    @Test
    void refusesWhatIsNoJson() {
        assertThrows(IllegalStateException.class, () -> new Json(true).beginObject().value("no name"));
        assertThrows(IllegalStateException.class, () -> new Json(true).beginArray().name("a"));
        assertThrows(IllegalStateException.class, () -> new Json(true).beginObject().endArray());
        assertThrows(IllegalStateException.class, () -> new Json(true).beginObject().name("a").endObject());
        assertThrows(IllegalStateException.class, () -> new Json(true).value(1).value(2));
        assertThrows(IllegalStateException.class, () -> new Json(true).beginObject().finish());
        assertEquals("{\n  \"a\": [],\n  \"b\": {}\n}", new Json(true).beginObject().name("a").beginArray().endArray().name("b").beginObject().endObject()
                .endObject().toString());
    }

    private static JsonWriter gson(java.io.Writer out, boolean pretty) {
        JsonWriter w = new JsonWriter(out);
        w.setSerializeNulls(true);
        w.setHtmlSafe(false);
        if (pretty) {
            w.setIndent("  ");
        }
        return w;
    }

    /** The same random document onto both writers: an object of up to six levels. */
    private static void document(Random random, JsonWriter gson, Json json) throws IOException {
        gson.beginObject();
        json.beginObject();
        members(random, gson, json, 0);
        gson.endObject();
        json.endObject();
    }

    private static void members(Random random, JsonWriter gson, Json json, int level) throws IOException {
        int count = random.nextInt(level == 0 ? 8 : 5);
        for (int i = 0; i < count; i++) {
            String name = text(random);
            gson.name(name);
            json.name(name);
            value(random, gson, json, level);
        }
    }

    private static void value(Random random, JsonWriter gson, Json json, int level) throws IOException {
        switch (random.nextInt(level < 6 ? 8 : 6)) {
            case 0 -> {
                String s = text(random);
                gson.value(s);
                json.value(s);
            }
            case 1 -> {
                long n = switch (random.nextInt(5)) {
                    case 0 -> random.nextInt(10);
                    case 1 -> Long.MIN_VALUE;
                    case 2 -> Long.MAX_VALUE;
                    case 3 -> -random.nextInt(1000);
                    default -> random.nextLong();
                };
                gson.value(n);
                json.value(n);
            }
            case 2 -> {
                boolean b = random.nextBoolean();
                gson.value(b);
                json.value(b);
            }
            case 3 -> {
                gson.value((String) null);
                json.value((String) null);
            }
            case 4 -> {
                String raw = random.nextBoolean() ? String.format("%.6f", random.nextDouble() * 1000) : null;
                gson.jsonValue(raw);
                json.raw(raw);
            }
            case 5 -> {
                gson.value("");
                json.value("");
            }
            case 6 -> {
                gson.beginObject();
                json.beginObject();
                members(random, gson, json, level + 1);
                gson.endObject();
                json.endObject();
            }
            default -> {
                gson.beginArray();
                json.beginArray();
                int count = random.nextInt(5);
                for (int i = 0; i < count; i++) {
                    value(random, gson, json, level + 1);
                }
                gson.endArray();
                json.endArray();
            }
        }
    }

    /**
     * A string of the characters above, pairs of surrogates (an emoji, a rare CJK letter, the last code points) and lone
     * ones; now and then one longer than the buffers.
     */
    private static String text(Random random) {
        int length = random.nextInt(20) == 0 ? 20_000 + random.nextInt(5_000) : random.nextInt(12);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(length > 1000 ? 40 : 12);
            if (kind == 0) {
                s.appendCodePoint(new int[] {0x10000, 0x1f600, 0x20000, 0x2a6d6, 0x10fffd}[random.nextInt(5)] + random.nextInt(2));
            } else if (kind == 1) {
                s.append(random.nextBoolean() ? '\ud83d' : '\ude00');
            } else if (kind < 6 || kind > 12) {
                s.append((char) ('a' + random.nextInt(26)));
            } else {
                s.append(CHARACTERS[random.nextInt(CHARACTERS.length)]);
            }
        }
        return s.toString();
    }
}
