package org.crashscope.transcript.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.crashscope.transcript.Transcript;
import org.junit.jupiter.api.Test;

/**
 * A mutation fuzzer: mutated transcripts (ranges dropped, duplicated or cut, bytes flipped,
 * binary noise, CR/TAB/NUL and structural fragments injected, prompts inserted, very long lines)
 * go through the scanner and every parser; none may throw, and no parser may fail on a block.
 * The normal build runs a short, seeded regression; {@code -Dfuzz.tries=100000 -Dfuzz.seed=N}
 * runs a long one (see README). A failure names the seed and try that reproduce it.
 */
class ParserFuzzTest {

    private static final List<String> CORPUS = List.of("seed-kcs-ghes-hugepage-gpf.txt", "vtop-forms.txt", "bt-forms.txt",
            "rd-kmem-dis-sys-vm.txt", "dmesg-forms.txt", "truncated-crlf-tabs.txt");
    private static final List<String> FRAGMENTS = List.of("PID: ", "    [exception RIP: ", "Code: <", "{1}[Hardware Error]: physical_address: 0x",
            "   PUD: ", "  PAGE: ", "ffff888100000000: ", "[ 12.3] general protection fault: ", "VIRTUAL PHYSICAL\n", "\ncrash> bt\n",
            "\ncrash> vtop 7f\n", "\ncrash> rd -32\n", "\ncrash> log\n", " #3 [ffff] ", "(PRESENT|RW", "node:99999999999999999999 ");

    @Test
    void mutatedTranscriptsNeverMakeTheParserFail() {
        int tries = Integer.getInteger("crashscope.fuzz.tries", 400);
        long seed = Long.getLong("crashscope.fuzz.seed", 20261125L);
        List<byte[]> corpus = CORPUS.stream().map(ParserFuzzTest::read).toList();
        Random random = new Random(seed);
        for (int i = 0; i < tries; i++) {
            byte[] input = mutate(corpus.get(random.nextInt(corpus.size())), random);
            try (Transcript transcript = Transcript.of("fuzz", input)) {
                ParsedTranscript parsed = TranscriptParser.parse(transcript);
                assertTrue(parsed.diagnostics().stream().noneMatch(d -> d.message().startsWith(TranscriptParser.PARSER_FAILED)),
                        "seed " + seed + " try " + i + ": a parser failed: " + parsed.diagnostics());
                TranscriptParser.parse(transcript, TranscriptParser.Depth.LOG_MARKERS);
            } catch (RuntimeException e) {
                fail("seed " + seed + " try " + i + ": " + e, e);
            }
        }
    }

    private static byte[] mutate(byte[] input, Random random) {
        byte[] out = input;
        int mutations = 1 + random.nextInt(12);
        for (int m = 0; m < mutations; m++) {
            int at = out.length == 0 ? 0 : random.nextInt(out.length);
            int len = Math.min(random.nextInt(400), out.length - at);
            out = switch (random.nextInt(9)) {
                case 0 -> splice(out, at, len, new byte[0]); // delete a range
                case 1 -> splice(out, at, 0, Arrays.copyOfRange(out, at, at + len)); // duplicate a range
                case 2 -> {
                    if (out.length > 0) {
                        out[at] = (byte) random.nextInt(256); // flip a byte
                    }
                    yield out;
                }
                case 3 -> Arrays.copyOf(out, at); // truncate
                case 4 -> splice(out, at, 0, new byte[] {(byte) "\r\t\0\n>{[#:".charAt(random.nextInt(9))});
                case 5 -> { // binary noise
                    byte[] noise = new byte[random.nextInt(64)];
                    random.nextBytes(noise);
                    yield splice(out, at, 0, noise);
                }
                case 6, 7 -> splice(out, at, 0, FRAGMENTS.get(random.nextInt(FRAGMENTS.size())).getBytes(StandardCharsets.UTF_8));
                default -> splice(out, at, 0, "x".repeat(random.nextInt(20_000)).getBytes(StandardCharsets.US_ASCII)); // a long line
            };
        }
        return out;
    }

    private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + insert.length);
        out.write(in, 0, at);
        out.writeBytes(insert);
        out.write(in, at + remove, in.length - at - remove);
        return out.toByteArray();
    }

    private static byte[] read(String fixture) {
        try (InputStream in = ParserFuzzTest.class.getResourceAsStream("/fixtures/" + fixture)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
