package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.editor.Transcripts;
import org.crashscope.ui.handlers.OpenDumpHandler;
import org.crashscope.ui.handlers.OpenTranscriptHandler;
import org.crashscope.ui.handlers.RecentFiles;
import org.crashscope.ui.live.LiveSessions;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.bindings.Binding;
import org.eclipse.jface.bindings.TriggerSequence;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.keys.IBindingService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dumps open as dumps: File > Open Dump... with a key of its own, dialogs that list dumps and all
 * files, a dump recognised by content whatever its name, remembered in Open Recent as itself, a new
 * crash session each time, a crash too old for the kernel said before any command runs, and an
 * earlier session's transcript said to be one. crash is a stand-in script (no real dump needed).
 */
class OpenDumpTest {

    @TempDir
    Path dir;

    @AfterEach
    void endSessions() {
        StandInCrash.remove();
    }

    @Test
    void openDumpIsInTheFileMenuWithAKeyNoOtherCommandHas() {
        IBindingService bindings = PlatformUI.getWorkbench().getService(IBindingService.class);
        // the declared bindings, not the active ones: which are active depends on the shell and context in front when the test runs
        String scheme = bindings.getActiveScheme().getId();
        TriggerSequence[] keys = Arrays.stream(bindings.getBindings()).filter(b -> b.getParameterizedCommand() != null
                && b.getParameterizedCommand().getId().equals(OpenDumpHandler.ID) && scheme.equals(b.getSchemeId())).map(Binding::getTriggerSequence)
                .toArray(TriggerSequence[]::new);
        assertEquals(List.of("Ctrl+Alt+O"), Arrays.stream(keys).map(TriggerSequence::format).toList(), "Open Dump's key");
        for (TriggerSequence key : keys) {
            List<String> others = new ArrayList<>();
            for (Binding b : bindings.getBindings()) {
                if (b.getTriggerSequence().equals(key) && b.getParameterizedCommand() != null
                        && !b.getParameterizedCommand().getId().equals(OpenDumpHandler.ID) && b.getType() == Binding.SYSTEM) {
                    others.add(b.getParameterizedCommand().getId() + " in " + b.getContextId());
                }
            }
            assertEquals(List.of(), others, key.format() + " is Open Dump's alone");
        }
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        List<String> file = MenuItems.of(window.getShell().getMenuBar().getItem(0).getMenu());
        assertTrue(file.stream().anyMatch(t -> t.startsWith("Open &Dump...")), file.toString());
    }

    @Test
    void bothOpenDialogsListDumpsAndAllFiles() {
        assertTrue(OpenDumpHandler.FILTER_NAMES[0].startsWith("Kernel dumps"), "Open Dump lists dumps first");
        for (String[] extensions : List.of(OpenDumpHandler.FILTER_EXTENSIONS, OpenTranscriptHandler.FILTER_EXTENSIONS)) {
            List<String> all = Arrays.asList(extensions);
            assertTrue(all.contains("*"), "All files: " + all);
            String dumps = all.stream().filter(e -> e.contains("vmcore*")).findFirst().orElse("");
            for (String pattern : List.of("vmcore*", "*.kdump", "*.elf", "*.core")) {
                assertTrue(Arrays.asList(dumps.split(";")).contains(pattern), pattern + " in " + dumps);
            }
        }
        assertTrue(Arrays.asList(OpenTranscriptHandler.FILTER_NAMES).contains("All files"));
    }

    @Test
    void aDumpOfAnyNameStartsANewSessionRemembersTheDumpAndATooOldCrashIsSaidBeforeAnyCommand() throws Exception {
        Path crash = StandInCrash.install(dir, "8.0.2");
        // a dump with a transcript's name: recognised by its ELF magic and VMCOREINFO, not by the name
        Path dump = StandInCrash.dump(dir.resolve("capture.txt"));
        Display display = Display.getCurrent();
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        window.getActivePage().closeAllEditors(false);

        Transcripts.open(window, dump);
        Path transcript = dir.resolve("capture.txt.crashscope-session.txt");
        assertTrue(UiWait.until(display, 60_000, () -> LiveSessions.lastMessage() != null
                && LiveSessions.lastMessage().contains("crash 8.0.2 is older than Linux 6.1")), "said: " + LiveSessions.lastMessage());
        assertTrue(LiveSessions.lastMessage().contains("No command was run"), LiveSessions.lastMessage());
        assertFalse(Files.readString(transcript).contains("crash> sys"), "no first set typed into the old crash");
        assertEquals(dump.toAbsolutePath().normalize(), RecentFiles.list().get(0), "Open Recent holds the dump, above its session");
        assertTrue(UiWait.until(display, 10_000, () -> window.getActivePage().getActiveEditor() instanceof TranscriptEditor e
                && transcript.equals(e.file()) && e.presentation() != null));
        assertFalse(((TranscriptEditor) window.getActivePage().getActiveEditor()).status().startsWith("Earlier crash session"),
                "the running session's transcript is not called earlier");
        Screenshots.take(window.getShell(), "open-dump-too-old-crash");

        // opened again (Open Recent runs this): a new session, its own transcript
        Files.writeString(crash.resolveSibling("version"), "8.0.6");
        Transcripts.open(window, RecentFiles.list().get(0));
        Path second = dir.resolve("capture.txt.crashscope-session.2.txt");
        assertTrue(UiWait.until(display, 60_000, () -> LiveSessions.of(second) != null), "a second session: " + LiveSessions.lastMessage());
        assertTrue(UiWait.until(display, 60_000, () -> {
            try {
                return Files.readString(second).contains("crash> bt -a");
            } catch (java.io.IOException e) {
                return false;
            }
        }), "crash 8.0.6 runs the first set");
        // Gather evidence on the gathered session: nothing new, the transcript (and its Outline) does not double
        assertTrue(UiWait.until(display, 60_000, () -> Arrays.stream(Job.getJobManager().find(null)).noneMatch(j -> j.getName().startsWith("Crash session on"))),
                "the first gathering ended");
        long prompts = Files.readAllLines(second).stream().filter(l -> l.startsWith("crash> ")).count();
        Job gather = LiveSessions.gather(window, LiveSessions.of(second));
        assertTrue(UiWait.until(display, 30_000, () -> gather.getResult() != null), "gathered");
        assertEquals(prompts, Files.readAllLines(second).stream().filter(l -> l.startsWith("crash> ")).count(), "Gather evidence ran nothing new");

        // the first session's transcript reopened after its crash ended: said to be an earlier session's
        LiveSessions.endAll();
        window.getActivePage().closeAllEditors(false);
        TranscriptEditor old = Transcripts.open(window, transcript);
        assertNotNull(old);
        UiWait.analysed(old);
        UiWait.until("the status line of the earlier session (it says '" + old.status() + "')", () -> old.status().startsWith("Earlier crash session"));
        assertTrue(old.status().startsWith("Earlier crash session on capture.txt, crash not running (File > Open Dump... starts a new one) \u00b7 5 lines"), old.status());
        Screenshots.take(window.getShell(), "open-dump-earlier-session");
    }
}
