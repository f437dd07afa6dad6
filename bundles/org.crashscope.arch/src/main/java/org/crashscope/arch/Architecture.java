package org.crashscope.arch;

import java.util.List;
import java.util.Map;

import org.crashscope.arch.paging.PagingModel;
import org.crashscope.arch.x86.FaultingInstruction;
import org.crashscope.arch.x86.PtRegs;
import org.crashscope.transcript.model.CodeBytes;
import org.crashscope.transcript.model.Frame;
import org.crashscope.transcript.model.Registers;

/**
 * Everything Crashscope knows of one architecture, in one object (as drgn keeps one
 * {@code drgn_architecture_info} per architecture, libdrgn/arch_x86_64.c): the entry layout and
 * walk of its page tables, its canonical-address check, its registers and {@code pt_regs} layout,
 * what in a transcript shows it, its {@code Code:} decoder and its unwinding hints. Code outside
 * this bundle asks these questions of the object ({@link ArchFacts#architecture()}) and never
 * compares {@link Arch} constants. An architecture Crashscope does not model answers "shown as
 * printed" (no check, no decoding, no guess), never {@code null} for the object itself.
 */
public interface Architecture {

    /** The architecture, or {@code null} for the object of a transcript that does not show it. */
    Arch arch();

    /** The contract name ({@code x86_64}, {@code arm64} ...), or {@code null} when unknown. */
    default String id() {
        return arch() == null ? null : arch().id();
    }

    /** The size of a stack word and a pointer, in bytes, or {@code fallback} when unknown. */
    default int wordSize(int fallback) {
        return arch() == null ? fallback : arch().wordSize();
    }

    /** Whether Crashscope models this architecture (checks its walks, reads its frames), or shows what crash printed. */
    boolean modelled();

    /** Why nothing of it is checked, for an architecture shown as printed; {@code null} when modelled. */
    default String shownAsPrinted() {
        return modelled() ? null
                : arch() == null ? "the transcript does not show the architecture" : arch().id() + " paging is not modelled: shown as crash printed it";
    }

    // --- page tables

    /** Reads a vtop walk into steps and checks it against this architecture's entry layout and index arithmetic. */
    PagingModel paging();

    /** Whether the walk's top table may be taken from the oops's CR3 (x86-64: a walk printed without PGD DIRECTORY). */
    default boolean topTableFromCr3() {
        return false;
    }

    /** Whether 8-byte {@code rd} dumps are read back as this architecture's page-table pages (slots, runs, anomalies). */
    default boolean readsTableDumps() {
        return false;
    }

    // --- addresses

    /**
     * Whether {@code value} is a user-space address for this architecture's usual split, or
     * {@code null} when the split is not modelled.
     */
    Boolean isUserAddress(long value);

    /**
     * The canonical-address check of this architecture for {@code virtual}, or {@code null} where
     * it has none Crashscope makes.
     */
    default Canonical canonical(long virtual) {
        return null;
    }

    /**
     * A canonical-address verdict and what it assumed.
     *
     * @param check     what was checked, in words ({@code canonical x86-64 address})
     * @param canonical the verdict
     * @param assuming  the paging mode it assumed ({@code 4-level paging})
     */
    record Canonical(String check, boolean canonical, String assuming) {
    }

    // --- registers

    /** The register names crash prints for it, lower case as the parser keys them; empty when not modelled. */
    default List<String> registers() {
        return List.of();
    }

    /** The layout of its exception frame ({@code struct pt_regs}) on the stack, or {@code null} where it is not modelled. */
    default PtRegs ptRegs() {
        return null;
    }

    /** The registers the ABI makes a callee save and restore (its prologue pushes them), lower case. */
    default List<String> calleeSaved() {
        return List.of();
    }

    // --- unwinding

    /**
     * The order in which a compiler's prologue pushes the callee-saved registers, read downwards
     * from a return address when no {@code dis} shows the function's own prologue; empty where
     * the order is not modelled (then nothing is guessed).
     */
    default List<String> prologuePushOrder() {
        return List.of();
    }

    // --- Code:

    /** Whether the oops's {@code Code:} bytes are decoded for this architecture (decoded correctly, or not at all). */
    default boolean decodesCode() {
        return false;
    }

    /** The faulting instruction from an oops's {@code Code:} bytes and registers, or {@code null} when {@link #decodesCode()} is false. */
    default FaultingInstruction decodeCode(CodeBytes code, Registers registers) {
        return null;
    }

    // --- detection

    /**
     * This architecture when {@code registers} (an oops's or an exception frame's) are its own,
     * with the evidence, else {@code null}.
     *
     * @param line  the line of the registers
     * @param where what printed them ({@code the oops's registers})
     */
    default ArchFacts byRegisters(Map<String, Long> registers, int line, String where) {
        return null;
    }

    /** This architecture when {@code frame} of a backtrace is its entry code, with the evidence, else {@code null}. */
    default ArchFacts byEntryFrame(Frame frame) {
        return null;
    }
}
