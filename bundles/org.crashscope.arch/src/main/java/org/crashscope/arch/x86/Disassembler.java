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

    /** One decoded instruction, in Intel syntax. */
    public record Instruction(long address, int size, String mnemonic, String operands) {
        public String text() {
            return operands.isEmpty() ? mnemonic : mnemonic + " " + operands;
        }
    }

    private interface Capstone extends Library {
        int cs_version(IntByReference major, IntByReference minor);

        int cs_open(int arch, int mode, LongByReference handle);

        long cs_disasm(long handle, byte[] code, long size, long address, long count, PointerByReference insn);

        void cs_free(Pointer insn, long count);

        int cs_close(LongByReference handle);
    }

    private static final int CS_ARCH_X86 = 3;
    private static final int CS_MODE_64 = 1 << 3;
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
        LongByReference handle = new LongByReference();
        if (code.length == 0 || capstone.cs_open(CS_ARCH_X86, CS_MODE_64, handle) != 0) {
            return List.of();
        }
        try {
            PointerByReference insns = new PointerByReference();
            long count = capstone.cs_disasm(handle.getValue(), code, code.length, address, 0, insns);
            List<Instruction> out = new ArrayList<>((int) count);
            if (count > 0) {
                Pointer base = insns.getValue();
                try {
                    for (long i = 0; i < count; i++) {
                        Pointer insn = base.share(i * structSize);
                        out.add(new Instruction(insn.getLong(8), insn.getShort(16) & 0xffff, insn.getString(mnemonicOffset, "US-ASCII"),
                                insn.getString(operandsOffset, "US-ASCII")));
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
