package org.crashscope.transcript;

import java.time.Duration;
import java.util.Locale;

/**
 * The limits that keep a hostile or endless input from filling the disk or hanging a reader. Each
 * is a system property with a sane default (the CLI sets them from its options, the environment
 * can too); every message that hits one names it and how to raise it.
 */
public final class Limits {

    /** The default most a stream ({@code -}, a pipe, a FIFO, a device) may spool. */
    public static final String DEFAULT_SPOOL_LIMIT = "2g";

    private Limits() {
    }

    /**
     * The most a stream may spool before it is refused ({@code crashscope.spoolLimit}, else
     * {@code CRASHSCOPE_SPOOL_LIMIT}, else {@value #DEFAULT_SPOOL_LIMIT}): {@code /dev/zero} or a pipe
     * that never ends would fill the disk.
     */
    public static long spoolLimit() {
        String value = System.getProperty("crashscope.spoolLimit", System.getenv("CRASHSCOPE_SPOOL_LIMIT"));
        long parsed = value == null ? -1 : parseSize(value);
        return parsed > 0 ? parsed : parseSize(DEFAULT_SPOOL_LIMIT);
    }

    /**
     * How long a stream may give nothing before its read is abandoned ({@code crashscope.readTimeoutSeconds},
     * else {@code CRASHSCOPE_READ_TIMEOUT}, default 60 s): a FIFO whose writer opened it and then
     * went silent must not hang the reader.
     */
    public static Duration readTimeout() {
        String value = System.getProperty("crashscope.readTimeoutSeconds", System.getenv("CRASHSCOPE_READ_TIMEOUT"));
        try {
            long s = value == null ? 60 : Long.parseLong(value.strip());
            return Duration.ofSeconds(s > 0 ? s : 60);
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(60);
        }
    }

    /** A size as people write it: {@code 4096}, {@code 512k}, {@code 64m}, {@code 4g}, {@code 2GiB} (powers of 1024); -1 when it is none. */
    public static long parseSize(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("ib")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        int shift = 0;
        if (!t.isEmpty() && "kmgt".indexOf(t.charAt(t.length() - 1)) >= 0) {
            shift = 10 * (1 + "kmgt".indexOf(t.charAt(t.length() - 1)));
            t = t.substring(0, t.length() - 1);
        }
        if (!t.matches("\\d{1,12}")) {
            return -1;
        }
        long n = Long.parseLong(t);
        return n > (Long.MAX_VALUE >> shift) ? -1 : n << shift;
    }

    /** {@code bytes} in the largest binary unit that divides it ({@code 4 GiB}), else in bytes. */
    public static String human(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            int shift = 40 - 10 * i;
            if (bytes >= 1L << shift && bytes % (1L << shift) == 0) {
                return (bytes >> shift) + " " + units[i];
            }
        }
        return String.format("%,d bytes", bytes);
    }
}
