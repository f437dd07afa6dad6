package org.crashscope.analysis.stack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.crashscope.transcript.parse.ParsedTranscript;

/** Where each register value of the fault reappears: stack slots, other registers, walked addresses, VMAs, hardware-error pages. */
public record RegisterProvenance(String register, long value, Links places) {

    /** The first places the value reappears (see {@link #places()} for how many there are). */
    public List<String> links() {
        return places.shown();
    }


    public static List<RegisterProvenance> of(ParsedTranscript parsed, List<AnnotatedSlot> slots) {
        return of(parsed, slots, new ValueIndex(parsed));
    }

    public static List<RegisterProvenance> of(ParsedTranscript parsed, List<AnnotatedSlot> slots, ValueIndex index) {
        List<RegisterProvenance> out = new ArrayList<>();
        StackSlotAnnotator.FaultRegisters fault = StackSlotAnnotator.faultRegisters(parsed);
        // the words that hold a fault register's value, annotated: not every word of a stack of millions
        Map<Long, List<AnnotatedSlot>> slotsByValue = new HashMap<>();
        fault.values().values().forEach(v -> slotsByValue.put(v, new ArrayList<>()));
        for (int i = 0; i < slots.size(); i++) {
            Long value = StackSlotAnnotator.wordAt(slots, i).value();
            if (value != null && slotsByValue.containsKey(value)) {
                slotsByValue.get(value).add(slots.get(i));
            }
        }
        for (Map.Entry<String, Long> r : fault.values().entrySet()) {
            List<String> found = new ArrayList<>(index.of(r.getValue(), r.getKey(), fault.where()));
            long value = r.getValue();
            if (!ValueIndex.trivial(value)) {
                for (AnnotatedSlot s : slotsByValue.getOrDefault(value, List.of())) {
                    found.add(String.format("stack slot 0x%x (line %d)%s", s.slot().address(), s.slot().line(), s.label().isEmpty() ? "" : ": " + s.label()));
                }
            }
            if (!found.isEmpty()) {
                out.add(new RegisterProvenance(r.getKey(), value, Links.of(found)));
            }
        }
        return List.copyOf(out);
    }
}
