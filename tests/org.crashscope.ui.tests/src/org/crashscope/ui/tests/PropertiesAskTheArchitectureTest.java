package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.crashscope.arch.Arch;
import org.crashscope.ui.editor.CaretValue;
import org.crashscope.ui.views.Properties;
import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.junit.jupiter.api.Test;

/** A hex number's Properties say whether it is canonical where its architecture has that check, and nothing of it elsewhere. */
class PropertiesAskTheArchitectureTest {

    private static String row(IPropertySource properties, String name) {
        for (IPropertyDescriptor d : properties.getPropertyDescriptors()) {
            if (d.getDisplayName().equals(name)) {
                return String.valueOf(properties.getPropertyValue(d.getId()));
            }
        }
        return null;
    }

    private static IPropertySource of(long value, Arch arch) {
        return Properties.of(new CaretValue(Long.toHexString(value), value, 1, List.of(), arch));
    }

    @Test
    void anX86_64ValueIsSaidCanonicalOrNotWithThePagingItAssumed() {
        assertEquals("no (4-level paging)", row(of(0xf98136ffff230L, Arch.valueOf("X86_64")), "canonical x86-64 address"), "the seed's RBX");
        assertEquals("yes", row(of(0xffff98262f886040L, Arch.valueOf("X86_64")), "canonical x86-64 address"));
    }

    @Test
    void otherArchitecturesAndAnUnknownOneHaveNoSuchRow() {
        for (Arch arch : new Arch[] {Arch.valueOf("I386"), Arch.valueOf("ARM64"), Arch.valueOf("S390X"), null}) {
            assertNull(row(of(0xf98136ffff230L, arch), "canonical x86-64 address"), String.valueOf(arch));
            assertEquals("0xf98136ffff230", row(of(0xf98136ffff230L, arch), "hex"));
        }
    }
}
