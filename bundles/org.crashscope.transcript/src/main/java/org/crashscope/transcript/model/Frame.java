package org.crashscope.transcript.model;

/**
 * A frame line of bt: {@code #5 [ffffaaab26b3fa38] internal_get_user_pages_fast at ffffffffb2e97d1e [kvm]}.
 *
 * @param unreliable  bt marked the frame with {@code ?}
 * @param function    the function name (offset separated when bt printed {@code name+off})
 * @param address     the text address, or {@code null}
 * @param module      the module in brackets, or {@code null}
 * @param source      {@code file:line} from {@code bt -l}, or {@code null}
 * @param exception   the exception frame printed after this frame, or {@code null}
 */
public record Frame(int line, int index, long stackAddress, boolean unreliable, String function, long offset, Long address,
        String module, String source, ExceptionFrame exception) {

    public Frame {
        function = Shared.text(function);
        module = Shared.text(module);
    }
}
