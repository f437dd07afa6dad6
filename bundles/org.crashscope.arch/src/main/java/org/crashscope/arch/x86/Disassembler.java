package org.crashscope.arch.x86;

import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * x86-64 disassembly by the system's capstone library (Debian's libcapstone4 or libcapstone5)
 * through JNA. Only what capstone 4 and 5 share is used; the layout of {@code cs_insn}, which
 * differs between them, is chosen from {@code cs_version()}.
 */
public final class Disassembler {

    /** How instructions are written: AT&T as {@code objdump -d} and the kernel's decodecode print them, or Intel. */
    public enum Syntax {
        ATT, INTEL
    }

    /**
     * One decoded instruction.
     *
     * @param mnemonic the Intel mnemonic, {@code operands} its Intel operands (what the analysis reads)
     * @param att      the instruction in AT&T syntax, as {@code objdump -d} writes it ({@code mov (%rbx),%r12})
     * @param bytes    its bytes in hex, as the Code: line has them ({@code 4c 8b 23})
     */
    public record Instruction(long address, int size, String mnemonic, String operands, String att, String bytes) {
        /** The instruction in Intel syntax. */
        public String text() {
            return operands.isEmpty() ? mnemonic : mnemonic + " " + operands;
        }

        public String text(Syntax syntax) {
            return syntax == Syntax.ATT && att != null ? att : text();
        }
    }

    private interface Capstone extends Library {
        int cs_version(IntByReference major, IntByReference minor);

        int cs_open(int arch, int mode, LongByReference handle);

        long cs_disasm(long handle, byte[] code, long size, long address, long count, PointerByReference insn);

        void cs_free(Pointer insn, long count);

        int cs_close(LongByReference handle);

        int cs_option(long handle, int type, long value);
    }

    private static final int CS_ARCH_X86 = 3;
    private static final int CS_MODE_64 = 1 << 3;
    private static final int CS_OPT_SYNTAX = 1;
    private static final int CS_OPT_SYNTAX_ATT = 2;
    /** objdump leaves the size suffix off when a register operand gives the size; capstone always writes it. */
    private static final java.util.regex.Pattern SIZED = java.util.regex.Pattern.compile(
            "(mov|add|sub|and|or|xor|cmp|test|lea|push|pop|inc|dec|neg|not|shl|shr|sar|sal|rol|ror|imul|xchg|cmpxchg|xadd|adc|sbb|bt|bts|btr|btc)[bwlq]");
    private static final String[] LIBRARIES = {"capstone", "libcapstone.so.5", "libcapstone.so.4"};
    private static volatile Object loaded;

    private final Capstone capstone;
    private final int mnemonicOffset;
    private final int operandsOffset;
    private final int structSize;
    private final String version;

    private Disassembler(Capstone capstone, int major, int minor) {
        this.capstone = capstone;
        this.version = major + "." + minor;
        // cs_insn: id (4), pad, address (8), size (2), bytes[16 in v4, 24 in v5], mnemonic[32], op_str[160], detail*
        int bytes = major >= 5 ? 24 : 16;
        this.mnemonicOffset = 18 + bytes;
        this.operandsOffset = mnemonicOffset + 32;
        this.structSize = ((operandsOffset + 160 + 7) & ~7) + 8;
    }

    /**
     * The system's disassembler, or an explanation of why there is none (library missing, an
     * unsupported major version).
     */
    public static synchronized Result load() {
        if (loaded == null) {
            loaded = tryLoad();
        }
        return loaded instanceof Disassembler d ? new Result(d, null) : new Result(null, (String) loaded);
    }

    /** The disassembler or the reason it is missing. */
    public record Result(Disassembler disassembler, String problem) {
    }

    private static Object tryLoad() {
        for (String name : LIBRARIES) {
            try {
                Capstone lib = Native.load(name, Capstone.class);
                IntByReference major = new IntByReference();
                IntByReference minor = new IntByReference();
                lib.cs_version(major, minor);
                if (major.getValue() < 4 || major.getValue() > 5) {
                    return "capstone " + major.getValue() + "." + minor.getValue() + " is not supported (4 or 5 is)";
                }
                return new Disassembler(lib, major.getValue(), minor.getValue());
            } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                // try the next name; the message below says what to install
            }
        }
        return "the capstone library is not installed (Debian: apt-get install libcapstone4 or libcapstone5)";
    }

    public String version() {
        return version;
    }

    /** Decodes {@code code} as x86-64 at {@code address}; stops at the first byte that is not an instruction. */
    public List<Instruction> disassemble(byte[] code, long address) {
        List<String[]> intel = decode(code, address, false);
        List<String[]> att = decode(code, address, true);
        List<Instruction> out = new ArrayList<>(intel.size());
        for (int i = 0; i < intel.size(); i++) {
            String[] in = intel.get(i);
            long at = Long.parseLong(in[0]);
            int size = Integer.parseInt(in[1]);
            String[] a = i < att.size() && att.get(i)[0].equals(in[0]) ? att.get(i) : null;
            StringBuilder hex = new StringBuilder();
            for (int k = 0; k < size; k++) {
                int b = code[(int) (at - address) + k] & 0xff;
                hex.append(k == 0 ? "" : " ").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
            }
            out.add(new Instruction(at, size, in[2], in[3], a == null ? null : objdump(a[2], a[3]), hex.toString()));
        }
        return out;
    }

    /** Capstone's AT&T as objdump writes it: no blank after a comma, no size suffix a register operand makes redundant. */
    static String objdump(String mnemonic, String operands) {
        String ops = operands.replace(", ", ",");
        String m = mnemonic;
        var sized = SIZED.matcher(m);
        // a register outside the parentheses of a memory operand gives the size
        if (sized.matches() && ops.replaceAll("\\([^)]*\\)", "").contains("%")) {
            m = sized.group(1);
        }
        // objdump writes displacements and immediates in hex: -0x1(%r14), $0x1
        ops = hex(DISPLACEMENT.matcher(ops), "", "(");
        ops = hex(IMMEDIATE.matcher(ops), "$", "");
        return ops.isEmpty() ? m : m + " " + ops;
    }

    private static final java.util.regex.Pattern DISPLACEMENT = java.util.regex.Pattern.compile("(?<![\\w$])(-?)(\\d+)\\(");
    private static final java.util.regex.Pattern IMMEDIATE = java.util.regex.Pattern.compile("\\$(-?)(\\d+)(?![\\w])");

    private static String hex(java.util.regex.Matcher m, String before, String after) {
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(before + m.group(1) + "0x" + Long.toHexString(Long.parseLong(m.group(2))) + after));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {address, size, mnemonic, operands} of each instruction, in AT&T or Intel syntax. */
    private List<String[]> decode(byte[] code, long address, boolean att) {
        LongByReference handle = new LongByReference();
        if (code.length == 0 || capstone.cs_open(CS_ARCH_X86, CS_MODE_64, handle) != 0) {
            return List.of();
        }
        try {
            if (att && capstone.cs_option(handle.getValue(), CS_OPT_SYNTAX, CS_OPT_SYNTAX_ATT) != 0) {
                return List.of();
            }
            PointerByReference insns = new PointerByReference();
            long count = capstone.cs_disasm(handle.getValue(), code, code.length, address, 0, insns);
            List<String[]> out = new ArrayList<>((int) count);
            if (count > 0) {
                Pointer base = insns.getValue();
                try {
                    for (long i = 0; i < count; i++) {
                        Pointer insn = base.share(i * structSize);
                        out.add(new String[] {Long.toString(insn.getLong(8)), Integer.toString(insn.getShort(16) & 0xffff),
                                insn.getString(mnemonicOffset, "US-ASCII"), insn.getString(operandsOffset, "US-ASCII")});
                    }
                } finally {
                    capstone.cs_free(base, count);
                }
            }
            return out;
        } finally {
            capstone.cs_close(handle);
        }
    }
}
