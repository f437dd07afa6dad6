package org.crashscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import org.crashscope.analysis.TranscriptAnalysis;
import org.crashscope.analysis.stack.Links;
import org.crashscope.fixtures.SharedFixtures;
import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.TranscriptParser;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Cross-references cost what the transcript holds, not its square: the reference case 100 times
 * over writes about 100 times the JSON of one copy, and every stack word names at most
 * {@link Links#SHOWN} places its value reappears, with the count of all of them.
 */
class CrossReferencesTest {

    @Test
    void theJsonOfACaseRepeatedGrowsWithTheCopiesAndTheLinksAreCountedNotListed() throws Exception {
        byte[] seed = Files.readAllBytes(SharedFixtures.path(CrossReferencesTest.class, "seed-kcs-ghes-hugepage-gpf.txt"));
        int copies = 100;
        byte[] many = new byte[seed.length * copies];
        for (int i = 0; i < copies; i++) {
            System.arraycopy(seed, 0, many, i * seed.length, seed.length);
        }
        String one = json("seed.txt", seed);
        String all = json("seed-x100.txt", many);
        assertTrue(all.length() < 1.2 * copies * one.length(), "JSON of " + copies + " copies: " + all.length() + " chars, one copy: " + one.length());

        JsonObject root = JsonParser.parseString(all).getAsJsonObject();
        int counted = 0;
        for (JsonElement e : root.getAsJsonArray("stackSlots")) {
            JsonObject slot = e.getAsJsonObject();
            int shown = slot.getAsJsonArray("links").size();
            assertTrue(shown <= Links.SHOWN, slot.toString());
            if (slot.has("linkCount")) {
                counted++;
                assertEquals(Links.SHOWN, shown, "the first places are named when there are more");
                assertTrue(slot.get("linkCount").getAsInt() > shown);
            }
        }
        assertTrue(counted > 0, "a saved register's value reappears in every copy: counted, not listed");
        JsonObject rbx = root.getAsJsonArray("registerProvenance").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(p -> p.get("register").getAsString().equals("rbx")).findFirst().orElseThrow();
        assertTrue(rbx.get("linkCount").getAsInt() >= copies, "RBX's value is in every copy's oops and stack: " + rbx);
    }

    private static String json(String name, byte[] content) {
        try (Transcript t = Transcript.of(name, content)) {
            return ContractJson.write(org.crashscope.presentation.Presentation.of(TranscriptAnalysis.of(TranscriptParser.parse(t))));
        }
    }
}
