package org.crashscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.crashscope.analysis.rules.Rpm;

/** rpmvercmp's classic cases (from rpm's own test suite, rpmvercmp.at) and kernel releases. */
class RpmTest {

    @ParameterizedTest(name = "{0} vs {1} = {2}")
    @CsvSource({
        "1.0, 1.0, 0", "1.0, 2.0, -1", "2.0, 1.0, 1",
        "2.0.1, 2.0.1, 0", "2.0, 2.0.1, -1", "2.0.1, 2.0, 1",
        "2.0.1a, 2.0.1a, 0", "2.0.1a, 2.0.1, 1", "2.0.1, 2.0.1a, -1",
        "5.5p1, 5.5p1, 0", "5.5p1, 5.5p2, -1", "5.5p10, 5.5p1, 1",
        "10xyz, 10.1xyz, -1", "10.1xyz, 10xyz, 1",
        "xyz10, xyz10.1, -1", "xyz.4, 8, -1", "8, xyz.4, 1",
        "1b.fc17, 1b.fc17, 0", "1b.fc17, 1.fc17, -1", "1.fc17, 1b.fc17, 1", "1g.fc17, 1.fc17, 1", "1.fc17, 1g.fc17, -1",
        "1.0010, 1.9, 1", "1.05, 1.5, 0", "1.0, 1, 1", "2.50, 2.5, 1",
        "1.0~rc1, 1.0~rc1, 0", "1.0~rc1, 1.0, -1", "1.0, 1.0~rc1, 1", "1.0~rc1, 1.0~rc2, -1", "1.0~rc1~git123, 1.0~rc1, -1",
        "1.0^, 1.0^, 0", "1.0^, 1.0, 1", "1.0, 1.0^, -1", "1.0^git1, 1.0^git2, -1", "1.0^git1, 1.01, -1", "1.0^20160101, 1.0.1, -1",
        "1.0~rc1^git1, 1.0~rc1, 1", "1.0^git1~pre, 1.0^git1, -1",
        "305.34.2.el8_4, 305.91.1.el8_4, -1", "305.34.2.el8_4, 348.el8, -1", "348.7.1.el8_5, 348.el8, 1", "305.91.1.el8_4, 305.91.1.el8_4, 0",
        "a, b, -1", "a+, a_, 0", "+a, _a, 0"
    })
    void comparesLikeRpm(String a, String b, int expected) {
        assertEquals(expected, Rpm.vercmp(a, b));
    }

    @Test
    void parsesKernelReleasesAndPackageNevras() {
        Rpm.Evr running = Rpm.Evr.parse("4.18.0-305.34.2.el8_4.x86_64");
        assertEquals("4.18.0", running.version());
        assertEquals("305.34.2.el8_4", running.release());
        assertEquals("el8_4", running.stream());
        Rpm.Evr fix = Rpm.Evr.parse("kernel-4.18.0-348.el8");
        assertEquals("kernel", fix.name());
        assertEquals("348.el8", fix.release());
        assertEquals("el8", fix.stream());
        assertEquals(-1, running.compareTo(fix));
        assertEquals(2, Rpm.Evr.parse("kernel-2:1.0-1.el9").epoch());
    }
}
