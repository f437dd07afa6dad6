package org.crashscope.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** JSON written as a stream reaches the terminal as {@link TerminalText#json(String)} would have made the whole of it. */
class TerminalJsonWriterTest {

    private static final char[] ALPHABET = {'a', '"', '\\', '\n', '\t', '\r', '\u001b', '\u007f', '\u009b', '\u0085', '\u202e', '\u2028', '\u200b',
        '\ufeff', '\u00e9', '\ud83d', '\ude00', '{', ' '};

    @Test
    void writesWhatTheWholeStringWouldHaveBeen() throws IOException {
        Random r = new Random(30);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int n = r.nextInt(200_000 / (1 + round));
            // every other round mostly printable, as JSON is: long runs copied as blocks, to the buffer's end
            boolean printable = round % 2 == 0;
            for (int i = 0; i < n; i++) {
                text.append(printable && r.nextInt(200) > 0 ? (char) ('a' + r.nextInt(26)) : ALPHABET[r.nextInt(ALPHABET.length)]);
            }
            StringWriter out = new StringWriter();
            try (Writer json = TerminalText.json(out)) {
                // in the pieces a JSON writer uses: single characters, strings, parts of arrays
                int i = 0;
                while (i < text.length()) {
                    int len = Math.min(text.length() - i, 1 + r.nextInt(r.nextBoolean() ? 40 : 70_000)); // short ones as an indent
                    switch (r.nextInt(3)) {
                        case 0 -> json.write(text.charAt(i++));
                        case 1 -> {
                            json.write(text.toString(), i, len);
                            i += len;
                        }
                        default -> {
                            json.write(text.toString().toCharArray(), i, len);
                            i += len;
                        }
                    }
                }
            }
            assertEquals(TerminalText.json(text.toString()), out.toString());
        }
    }
}
