package org.crashscope.transcript.parse;

/** Hex numbers as crash prints them: with or without {@code 0x}, up to 64 bits, unsigned. */
public final class Hex {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private Hex() {
    }

    /** Parses {@code text} as unsigned hex, or returns {@code null} when it is not one. */
    public static Long parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (s.isEmpty() || s.length() > 16) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return null;
            }
        }
        return Long.parseUnsignedLong(s, 16);
    }

    /** {@code 0x...} in lower case without leading zeros: the CLI contract's form. */
    public static String format(long value) {
        // one string made at once: every value of a full JSON is written so
        int digits = Math.max(1, (67 - Long.numberOfLeadingZeros(value)) / 4);
        byte[] text = new byte[2 + digits];
        text[0] = '0';
        text[1] = 'x';
        for (int i = text.length - 1; i >= 2; i--) {
            text[i] = DIGITS[(int) (value & 0xf)];
            value >>>= 4;
        }
        return new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Parses {@code 0x1f} as hex and {@code 31} as decimal, as crash's offsets come in both forms. */
    public static Long parseOffset(String text) {
        if (text.startsWith("0x") || text.startsWith("0X")) {
            return parse(text);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
