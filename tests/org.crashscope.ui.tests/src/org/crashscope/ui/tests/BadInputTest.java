package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.editor.Transcripts;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input is normal input: a line of megabytes, binary data, a transcript cut in the middle, an
 * empty file. Each opens with what can be shown, keeps the UI answering, gets an analysis (maybe
 * empty), and is never written.
 */
class BadInputTest {

    @TempDir
    Path dir;

    private Path make(String kind) throws Exception {
        Path file = dir.resolve(kind + ".txt");
        switch (kind) {
            case "one-line-3mb" -> Files.writeString(file, "crash> log\n[    1.000000] " + "x".repeat(3 << 20));
            case "binary-3mb" -> {
                byte[] bytes = new byte[3 << 20];
                new Random(1).nextBytes(bytes);
                Files.write(file, bytes);
            }
            case "binary-no-newline-30mb" -> {
                byte[] bytes = new byte[30 << 20];
                new Random(2).nextBytes(bytes);
                for (int i = 0; i < bytes.length; i++) {
                    if (bytes[i] == '\n') {
                        bytes[i] = 0;
                    }
                }
                Files.write(file, bytes);
            }
            case "truncated-seed" -> {
                byte[] seed = Files.readAllBytes(Seed.path());
                Files.write(file, java.util.Arrays.copyOf(seed, seed.length * 2 / 3));
            }
            case "empty" -> Files.write(file, new byte[0]);
            default -> throw new IllegalArgumentException(kind);
        }
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-line-3mb", "binary-3mb", "binary-no-newline-30mb", "truncated-seed", "empty"})
    void opensWhatCanBeShownKeepsTheUiAnsweringAndNeverWritesTheFile(String kind) throws Exception {
        IWorkbenchWindow window = Seed.window();
        window.getActivePage().closeAllEditors(false);
        Path file = make(kind);
        byte[] before = Files.readAllBytes(file);
        TranscriptEditor editor;
        try (UiWatchdog watchdog = UiWatchdog.start("opening " + kind)) {
            editor = Transcripts.open(window, file);
            assertNotNull(editor, kind + " opens");
            UiWait.analysed(editor);
            watchdog.assertWithinLimit();
        }
        StyledText text = (StyledText) editor.getAdapter(org.eclipse.swt.widgets.Control.class);
        for (int line = 0; line < Math.min(text.getLineCount(), 50); line++) {
            assertTrue(text.getLine(line).length() < 5000, kind + ": line " + line + " is cut for display");
        }
        if (kind.startsWith("one-line")) {
            assertTrue(text.getLine(1).contains("[line cut: "), text.getLine(1).substring(0, 40));
        }
        window.getActivePage().closeAllEditors(false);
        assertArrayEquals(before, Files.readAllBytes(file), kind + " is never written");
    }
}
