package org.crashscope.transcript.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A register set held as names and arrays answers as the maps it was given: values in the order printed, lines
 * where they are known, by name in any case; two sets of the same registers share one list of names; a set the
 * arrays cannot hold (a register without a value) is kept as maps.
 */
class RegistersTest {

    @Test
    void answersAsTheMapsItWasGiven() {
        Map<String, Long> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        String[] names = {"rip", "rsp", "eflags", "rax", "rbx", "r8", "orig_rax", "cs"};
        for (int i = 0; i < names.length; i++) {
            values.put(names[i], 0xffffffff81000000L + i * 0x1111L);
            if (i % 3 != 1) {
                lines.put(names[i], 100 + i / 3);
            }
        }
        Registers registers = new Registers(values, lines);
        assertEquals(values, registers.values());
        assertEquals(List.of(names), List.copyOf(registers.values().keySet()), "the order printed");
        assertEquals(lines, registers.lines());
        assertEquals(0xffffffff81003333L, registers.get("RAX"));
        assertEquals(101, registers.lineOf("rax"));
        assertNull(registers.lineOf("rsp"), "printed on a line the parser did not know");
        assertNull(registers.get("r15"));
        assertEquals(new Registers(new LinkedHashMap<>(values), new LinkedHashMap<>(lines)), registers);
        assertEquals(registers.hashCode(), new Registers(values, lines).hashCode());
        Map<String, Long> again = new LinkedHashMap<>();
        values.forEach((name, value) -> again.put(new String(name), value)); // (other strings of the same names)
        assertSame(List.copyOf(registers.values().keySet()).get(3), List.copyOf(new Registers(again).values().keySet()).get(3), "one copy of a name");
        assertThrows(UnsupportedOperationException.class, () -> registers.values().put("r9", 1L));

        // an x86-64 oops's "RIP: 0010:do_idle+0x1f" line names the function: the line of rip, no value
        Map<String, Integer> ripLine = new LinkedHashMap<>(lines);
        ripLine.put("rip", 99);
        Map<String, Long> noRip = new LinkedHashMap<>(values);
        noRip.remove("rip");
        Registers oops = new Registers(noRip, ripLine);
        assertEquals(noRip, oops.values());
        assertEquals(99, oops.lineOf("RIP"));
        assertNull(oops.get("rip"));

        Map<String, Long> withNull = new LinkedHashMap<>(values);
        withNull.put("r9", null);
        Registers kept = new Registers(withNull, Map.of("r9", 7));
        assertEquals(withNull, kept.values());
        assertEquals(7, kept.lineOf("r9"));
        assertEquals(new Registers(Map.of()).values(), Map.of());
    }
}
