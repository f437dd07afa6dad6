package org.crashscope.arch;

import org.crashscope.arch.paging.PagingModel;
import org.crashscope.arch.x86.FaultingInstruction;
import org.crashscope.transcript.model.CodeBytes;
import org.crashscope.transcript.model.Registers;

/**
 * The architecture of a transcript that does not show it: nothing is checked or assumed, except
 * that an oops's {@code Code:} is handed to the x86-64 decoder, as the logs that name no
 * architecture are x86-64's in practice (every other architecture's oops names itself by its
 * registers); the decoder says when the bytes do not decode to an instruction on the trapping byte.
 */
final class UnknownArchitecture implements Architecture {

    private final Architecture decoder;

    UnknownArchitecture(Architecture decoder) {
        this.decoder = decoder;
    }

    @Override
    public Arch arch() {
        return null;
    }

    @Override
    public boolean modelled() {
        return false;
    }

    @Override
    public PagingModel paging() {
        return PagingModel.unchecked(null);
    }

    @Override
    public Boolean isUserAddress(long value) {
        return null;
    }

    @Override
    public boolean decodesCode() {
        return decoder.decodesCode();
    }

    @Override
    public FaultingInstruction decodeCode(CodeBytes code, Registers registers) {
        return decoder.decodeCode(code, registers);
    }
}
