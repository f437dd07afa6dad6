package org.crashscope.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.crashscope.transcript.parse.ParsedTranscript;

/** Where each register value of the fault reappears: stack slots, other registers, walked addresses, VMAs, hardware-error pages. */
public record RegisterProvenance(String register, long value, List<String> links) {

    public static List<RegisterProvenance> of(ParsedTranscript parsed, List<AnnotatedSlot> slots) {
        Links links = new Links(parsed);
        List<RegisterProvenance> out = new ArrayList<>();
        StackSlotAnnotator.FaultRegisters fault = StackSlotAnnotator.faultRegisters(parsed);
        for (Map.Entry<String, Long> r : fault.values().entrySet()) {
            List<String> found = new ArrayList<>(links.of(r.getValue(), r.getKey(), fault.where()));
            long value = r.getValue();
            for (AnnotatedSlot s : slots) {
                if (s.slot().value() != null && s.slot().value() == value && value != 0 && value != 1) {
                    found.add(String.format("stack slot 0x%x (line %d)%s", s.slot().address(), s.slot().line(), s.label().isEmpty() ? "" : ": " + s.label()));
                }
            }
            if (!found.isEmpty()) {
                out.add(new RegisterProvenance(r.getKey(), value, List.copyOf(found)));
            }
        }
        return List.copyOf(out);
    }
}
