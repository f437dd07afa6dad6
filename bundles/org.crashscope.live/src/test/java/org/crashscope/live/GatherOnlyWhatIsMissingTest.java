package org.crashscope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.crashscope.analysis.AnalysisSession;
import org.crashscope.fixtures.FakeCrash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gatherer runs only what the session's transcript is missing: commands typed before it, or
 * run by an earlier gathering, are known by their normal form and not run again; each command it
 * runs says why. With a stand-in crash ({@link FakeCrash}).
 */
class GatherOnlyWhatIsMissingTest {

    @TempDir
    Path dir;

    @Test
    void aNumberIsTheSameWithOrWithout0xInAnyCaseWithLeadingZeros() {
        assertEquals(Gatherer.normal("kmem -p 110200000"), Gatherer.normal("kmem  -p 0x0110200000"));
        assertEquals(Gatherer.normal("vtop -c 119 7f7ae5400000"), Gatherer.normal("vtop -c 119 0x7F7AE5400000 "));
        assertEquals("rd -p 8cdf000 512", Gatherer.normal("rd -p 0x8cdf000 512"));
        assertNotEquals(Gatherer.normal("vtop -c 119 7f7ae5400000"), Gatherer.normal("vtop -c 120 7f7ae5400000"));
        assertNotEquals(Gatherer.normal("bt -a"), Gatherer.normal("bt -A"), "options keep their case");
    }

    @Test
    void commandsTypedBeforeAndAnEarlierGatheringAreNotRunAgainAndEachStepSaysWhy() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path crash = FakeCrash.write(bin);
        Path vmlinux = Files.writeString(bin.resolve("vmlinux"), "no banner here");
        Path dump = Files.write(dir.resolve("vmcore"), FakeCrash.elfCore("OSRELEASE=6.1.0-57-amd64\n"));
        try (LiveSession session = LiveSession.start(Dump.of(dump), vmlinux, crash, Duration.ofSeconds(20))) {
            session.run("sys");
            session.run("bt   -a");
            List<String> told = new ArrayList<>();
            Gatherer first = new Gatherer(session, AnalysisSession.Settings.defaults(), told::add);
            first.gather();
            assertEquals(List.of("bt", "log", "ps"), first.steps().stream().map(Gatherer.Step::command).toList(), "sys and bt -a were typed already");
            assertEquals("bt  # first set: the panic task's backtrace", told.get(0));
            assertTrue(first.steps().stream().allMatch(s -> !s.why().isBlank()));

            Gatherer again = new Gatherer(session, AnalysisSession.Settings.defaults(), told::add);
            again.gather();
            assertEquals(List.of(), again.steps(), "a gathered session gathers nothing new");
            String text = Files.readString(session.transcript());
            for (String command : List.of("sys", "bt", "log", "ps")) {
                assertEquals(1, Pattern.compile("(?m)^crash> " + Pattern.quote(command) + "$").matcher(text).results().count(), command + " once");
            }
        }
    }
}
