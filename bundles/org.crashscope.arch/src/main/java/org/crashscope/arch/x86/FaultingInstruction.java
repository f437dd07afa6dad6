package org.crashscope.arch.x86;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.CodeBytes;
import org.crashscope.transcript.model.Registers;

/**
 * The instruction that trapped, decoded from an oops's {@code Code:} bytes the way the kernel's
 * decodecode does it: from an offset before the trapping byte that decodes cleanly up to an
 * instruction starting exactly at it (the bytes before that offset are context). Its memory operand's registers and, with the oops's
 * register values, its effective address and whether that is canonical.
 *
 * @param instructions      the decoded instructions, addresses relative to the first Code: byte
 * @param trap              the index in {@code instructions} of the trapping one, or -1 (no marker, or none starts at it)
 * @param memoryRegisters   the registers of the trapping instruction's memory operand, base first
 * @param faultRegister     the base (or index) register of that operand, or {@code null}
 * @param faultAddress      the effective address, or {@code null} when a register value is unknown
 * @param canonical         whether the effective address is canonical, or {@code null}
 * @param problem           why nothing or less was decoded, or {@code null}
 * @param operand           the trapping instruction's memory operand, its terms and the values the oops printed for them, or {@code null}
 */
public record FaultingInstruction(List<Disassembler.Instruction> instructions, int trap, List<String> memoryRegisters, String faultRegister,
        Long faultAddress, Boolean canonical, String problem, MemoryOperand operand) {

    public FaultingInstruction(List<Disassembler.Instruction> instructions, int trap, List<String> memoryRegisters, String faultRegister,
            Long faultAddress, Boolean canonical, String problem) {
        this(instructions, trap, memoryRegisters, faultRegister, faultAddress, canonical, problem, null);
    }

    /**
     * A memory operand {@code base + index*scale + displacement}: each register with the value the
     * oops printed for it (never the sum), and the effective address as what it is, a computation.
     *
     * @param base         the base register, or {@code null}
     * @param baseValue    its value as printed, or {@code null} when not printed
     * @param index        the index register, or {@code null}
     * @param indexValue   its value as printed, or {@code null}
     * @param scale        the index's scale (1 without an index)
     * @param displacement the signed displacement (0 without one)
     * @param address      the effective address, or {@code null} when a register's value is unknown
     */
    public record MemoryOperand(String base, Long baseValue, String index, Long indexValue, long scale, long displacement, Long address) {

        /** Whether the effective address is a register's printed value as it is (no index, no displacement). */
        public boolean plainRegister() {
            return index == null && displacement == 0 && base != null;
        }

        /**
         * The registers with their printed values ({@code RAX = 0xdead000000000100}), then the
         * address as a stated computation ({@code RAX + 0x18 = 0xdead000000000118}) unless it is one
         * register's value as it is.
         */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (base != null && baseValue != null) {
                parts.add(String.format("%s = 0x%x", base.toUpperCase(Locale.ROOT), baseValue));
            }
            if (index != null && indexValue != null) {
                parts.add(String.format("%s = 0x%x", index.toUpperCase(Locale.ROOT), indexValue));
            }
            String text = String.join(", ", parts);
            if (address != null && !plainRegister()) {
                text += (text.isEmpty() ? "" : ", so the address ") + expression() + String.format(" = 0x%x", address);
            }
            return text;
        }

        /** {@code RAX + RCX*8 + 0x18} as the operand reads. */
        public String expression() {
            List<String> terms = new ArrayList<>();
            if (base != null) {
                terms.add(base.toUpperCase(Locale.ROOT));
            }
            if (index != null) {
                terms.add(index.toUpperCase(Locale.ROOT) + (scale == 1 ? "" : "*" + scale));
            }
            String e = String.join(" + ", terms);
            if (displacement != 0) {
                e += (displacement < 0 ? " - " : " + ") + String.format("0x%x", Math.abs(displacement));
            }
            return e;
        }
    }

    private static final Pattern MEMORY = Pattern.compile("\\[([^\\]]+)\\]");
    private static final Pattern TERM = Pattern.compile("^([a-z][a-z0-9]*)(?:\\*(\\d))?$");

    /**
     * The address the trapping instruction used, as the oops's values give it: each register with
     * its printed value, the sum stated as a computation ({@code RAX = 0xdead000000000100, so the
     * address RAX + 0x18 = 0xdead000000000118}); {@code null} when it is not known.
     */
    public String addressText() {
        if (faultAddress == null) {
            return null;
        }
        return operand != null ? operand.describe() : String.format("the address 0x%x (from %s)", faultAddress, faultRegister.toUpperCase(Locale.ROOT));
    }

    public Disassembler.Instruction trapping() {
        return trap < 0 ? null : instructions.get(trap);
    }

    public static FaultingInstruction decode(CodeBytes code, Registers registers, Disassembler.Result disassembler) {
        if (disassembler.disassembler() == null) {
            return new FaultingInstruction(List.of(), -1, List.of(), null, null, null, disassembler.problem());
        }
        byte[] bytes = new byte[code.bytes().size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (int) code.bytes().get(i);
        }
        Disassembler d = disassembler.disassembler();
        if (code.trapIndex() < 0) {
            return new FaultingInstruction(d.disassemble(bytes, 0), -1, List.of(), null, null, null, "the Code: line marks no trapping byte");
        }
        // every start before the trapping byte from which an instruction begins exactly on it; the
        // first whose instructions before the trap look like code (no 00 00 "add %al,(%rax)", the
        // decoding of padding or of the middle of an instruction), else the least suspicious one
        List<Disassembler.Instruction> best = null;
        int bestTrap = -1;
        int bestSuspicious = Integer.MAX_VALUE;
        for (int start = 0; start <= code.trapIndex() && bestSuspicious > 0; start++) {
            byte[] tail = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
            List<Disassembler.Instruction> insns = d.disassemble(tail, start);
            int suspicious = 0;
            for (int i = 0; i < insns.size(); i++) {
                Disassembler.Instruction insn = insns.get(i);
                if (insn.address() == code.trapIndex()) {
                    if (suspicious < bestSuspicious) {
                        best = insns;
                        bestTrap = i;
                        bestSuspicious = suspicious;
                    }
                    break;
                }
                if (insn.address() > code.trapIndex()) {
                    break;
                }
                if (insn.bytes().startsWith("00")) {
                    suspicious++;
                }
            }
        }
        if (best != null) {
            return withOperand(best, bestTrap, registers);
        }
        return new FaultingInstruction(d.disassemble(bytes, 0), -1, List.of(), null, null, null,
                "no instruction boundary falls on the trapping byte");
    }

    /** The offset of the first decoded byte: the bytes before it are context, not decoded (they may end an instruction that began earlier). */
    public int firstDecoded() {
        return instructions.isEmpty() ? 0 : (int) instructions.get(0).address();
    }

    private static FaultingInstruction withOperand(List<Disassembler.Instruction> insns, int trap, Registers registers) {
        Matcher m = MEMORY.matcher(insns.get(trap).operands());
        if (!m.find()) {
            return new FaultingInstruction(insns, trap, List.of(), null, null, null, null);
        }
        List<String> regs = new ArrayList<>();
        String base = null;
        String index = null;
        long scaleOfIndex = 1;
        long displacement = 0;
        long address = 0;
        boolean known = true;
        for (String raw : m.group(1).replace(" - ", " + -").split("\\+")) {
            String term = raw.strip().toLowerCase(Locale.ROOT);
            Matcher t = TERM.matcher(term);
            if (t.matches() && !term.startsWith("0x") && !term.matches("\\d+")) {
                String reg = t.group(1);
                regs.add(reg);
                long scale = t.group(2) == null ? 1 : Long.parseLong(t.group(2));
                if (t.group(2) == null && base == null) {
                    base = reg;
                } else {
                    index = reg;
                    scaleOfIndex = scale;
                }
                Long value = reg.equals("rip") ? null : registers.get(reg);
                if (value == null) {
                    known = false;
                } else {
                    address += value * scale;
                }
            } else {
                boolean negative = term.startsWith("-");
                String digits = negative ? term.substring(1).strip() : term;
                long disp = digits.startsWith("0x") ? Long.parseUnsignedLong(digits.substring(2), 16) : Long.parseLong(digits);
                displacement += negative ? -disp : disp;
                address += negative ? -disp : disp;
            }
        }
        String fault = base != null ? base : index;
        Long ea = known && !regs.isEmpty() ? address : null;
        MemoryOperand operand = new MemoryOperand(base, base == null || base.equals("rip") ? null : registers.get(base), index,
                index == null ? null : registers.get(index), scaleOfIndex, displacement, ea);
        return new FaultingInstruction(insns, trap, List.copyOf(regs), fault, ea, ea == null ? null : Addresses.isCanonical(ea, false), null, operand);
    }
}
