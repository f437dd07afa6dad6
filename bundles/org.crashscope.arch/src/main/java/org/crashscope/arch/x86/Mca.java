package org.crashscope.arch.x86;

import java.util.ArrayList;
import java.util.List;

/**
 * An x86 MCi_STATUS value decoded as the Intel SDM (vol. 3B, 15.3.2 and 15.9) and AMD's APM lay it
 * out: the flag bits VAL OVER UC EN MISCV ADDRV PCC S AR, and the architectural MCA error code of
 * bits 15..0, simple or compound (memory controller, cache hierarchy, TLB, bus and interconnect).
 * The model-specific bits 31..16 and 54..32 are left as they are.
 *
 * @param flags       the names of the flag bits that are set, high bit first
 * @param code        the MCA error code (bits 15..0, without the correction-report filtering bit 12)
 * @param description what the error code says ({@code memory controller read error, channel unspecified})
 * @param memory      whether the code is a memory-controller error
 * @param corrected   whether the error was corrected (VAL without UC)
 */
public record Mca(long status, List<String> flags, int code, String description, boolean memory, boolean corrected) {

    private static final String[] FLAGS = {"VAL", "OVER", "UC", "EN", "MISCV", "ADDRV", "PCC", "S", "AR"};

    public static Mca decode(long status) {
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < FLAGS.length; i++) {
            if ((status >>> (63 - i) & 1) != 0) {
                flags.add(FLAGS[i]);
            }
        }
        int code = (int) (status & 0xefff);
        boolean memory = (code & 0xff80) == 0x0080;
        boolean valid = (status >>> 63) != 0;
        boolean uncorrected = (status >>> 61 & 1) != 0;
        return new Mca(status, List.copyOf(flags), code, describe(code), memory, valid && !uncorrected);
    }

    public boolean addressValid() {
        return flags.contains("ADDRV");
    }

    /** The SDM's name for an MCA error code. */
    static String describe(int code) {
        switch (code) {
            case 0x0000:
                return "no error";
            case 0x0001:
                return "unclassified error";
            case 0x0002:
                return "microcode ROM parity error";
            case 0x0003:
                return "external error (from another processor or the platform)";
            case 0x0004:
                return "FRC error";
            case 0x0005:
                return "internal parity error";
            case 0x0006:
                return "SMM handler code access violation";
            case 0x0400:
                return "internal timer error";
            case 0x0e0b:
                return "I/O error";
            default:
                break;
        }
        if ((code & 0xff80) == 0x0080) {
            String[] requests = {"generic", "read", "write", "address/command", "scrub", "unknown (5)", "unknown (6)", "unknown (7)"};
            int channel = code & 0xf;
            return String.format("memory controller %s error, %s", requests[(code >>> 4) & 0x7], channel == 0xf ? "channel unspecified" : "channel " + channel);
        }
        if ((code & 0xff00) == 0x0100) {
            String[] requests = {"generic", "read", "write", "data read", "data write", "instruction fetch", "prefetch", "eviction", "snoop"};
            int r = (code >>> 4) & 0xf;
            return String.format("cache hierarchy %s error, %s, %s", r < requests.length ? requests[r] : "unknown", type((code >>> 2) & 3), level(code & 3));
        }
        if ((code & 0xfff0) == 0x0010) {
            return String.format("TLB error, %s, %s", type((code >>> 2) & 3), level(code & 3));
        }
        if ((code & 0xf800) == 0x0800) {
            String[] participation = {"local processor originated the request", "local processor responded", "local processor observed", "generic"};
            return String.format("bus or interconnect error, %s%s", participation[(code >>> 9) & 3], (code & 0x100) != 0 ? ", timed out" : "");
        }
        if ((code & 0xfc00) == 0x0400) {
            return "internal unclassified error";
        }
        return String.format("error code 0x%04x", code);
    }

    private static String type(int t) {
        return switch (t) {
            case 0 -> "instruction";
            case 1 -> "data";
            case 2 -> "generic";
            default -> "type 3";
        };
    }

    private static String level(int l) {
        return l == 3 ? "level generic" : "level " + l;
    }
}
