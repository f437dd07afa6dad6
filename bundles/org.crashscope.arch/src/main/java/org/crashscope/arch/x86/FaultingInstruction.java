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
 */
public record FaultingInstruction(List<Disassembler.Instruction> instructions, int trap, List<String> memoryRegisters, String faultRegister,
        Long faultAddress, Boolean canonical, String problem) {

    private static final Pattern MEMORY = Pattern.compile("\\[([^\\]]+)\\]");
    private static final Pattern TERM = Pattern.compile("^([a-z][a-z0-9]*)(?:\\*(\\d))?$");

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
                address += negative ? -disp : disp;
            }
        }
        String fault = base != null ? base : index;
        Long ea = known && !regs.isEmpty() ? address : null;
        return new FaultingInstruction(insns, trap, List.copyOf(regs), fault, ea, ea == null ? null : Addresses.isCanonical(ea, false), null);
    }
}
