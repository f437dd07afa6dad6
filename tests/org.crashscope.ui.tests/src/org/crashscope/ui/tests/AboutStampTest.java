package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.runtime.Platform;
import org.eclipse.ui.internal.ProductProperties;
import org.junit.jupiter.api.Test;

/** Help > About Crashscope says the version, the commit and the date of the build (stamped by the build, never written by hand). */
class AboutStampTest {

    @Test
    void theAboutTextSaysTheVersionCommitAndDateOfTheBuild() {
        // what the About dialog shows: the product's aboutText with the app bundle's about.mappings filled in
        String text = new ProductProperties(Platform.getProduct()).getAboutText();
        String version = Platform.getBundle("org.crashscope.app").getVersion().toString();
        assertTrue(text.startsWith("Crashscope " + version + "\ncommit "), text);
        assertTrue(text.matches("(?s)Crashscope \\d+\\.\\d+\\.\\d+\\.\\d{12}\ncommit ([0-9a-f]{12}(-dirty)?|unknown), built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ\n.*"), text);
    }
}
