package org.crashscope.transcript.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.SysInfo;
import org.junit.jupiter.api.Test;

/** A transcript says which crash made it, and warns when that crash is older than the kernel it read. */
class CrashVersionTest {

    private static String session(String crash, String release) {
        return "\n" + crash + """

                Copyright (C) 2002-2022  Red Hat, Inc.
                This GDB was configured as "x86_64-pc-linux-gnu".

                      KERNEL: /usr/lib/debug/boot/vmlinux-%1$s
                    DUMPFILE: vmcore
                        CPUS: 2
                     RELEASE: %1$s
                     VERSION: #1 SMP PREEMPT_DYNAMIC Debian
                     MACHINE: x86_64  (2399 Mhz)

                crash> ps
                """.formatted(release);
    }

    @Test
    void aCrashOlderThanTheMapleTreeKernelIsSaidAtItsVersionLine() {
        ParsedTranscript p = Parse.text(session("crash 8.0.2", "6.1.0-57-amd64"));
        SysInfo banner = p.sysInfos().stream().filter(s -> s.kind() == SysInfo.Kind.BANNER).findFirst().orElseThrow();
        assertEquals("8.0.2", banner.get("CRASH"));
        assertEquals(2, banner.lineOf("CRASH"));
        List<Diagnostic> warnings = p.diagnostics().stream().filter(d -> d.message().startsWith("crash 8.0.2 is older than Linux 6.1")).toList();
        assertEquals(1, warnings.size(), p.diagnostics().toString());
        assertEquals(2, warnings.get(0).line());
    }

    @Test
    void aCrashNewEnoughOrAnOlderKernelIsNotWarnedAbout() {
        for (String[] pair : new String[][] {{"crash 8.0.6", "6.1.0-57-amd64"}, {"crash 8.0.2", "5.10.0-30-amd64"}, {"crash 9.0.0", "6.12.48"}}) {
            ParsedTranscript p = Parse.text(session(pair[0], pair[1]));
            assertTrue(p.diagnostics().stream().noneMatch(d -> d.message().contains("is older than")), pair[0] + " on " + pair[1]);
        }
    }
}
