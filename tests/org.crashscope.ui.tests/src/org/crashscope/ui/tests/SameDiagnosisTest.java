package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.crashscope.analysis.AnalysisSession;
import org.crashscope.presentation.KnownIssue;
import org.crashscope.presentation.TranscriptSession;
import org.crashscope.ui.preferences.Preferences;
import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.editor.Transcripts;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule folder set in the preferences gives the workbench the diagnosis `crashscope analyze --rules DIR` gives. */
class SameDiagnosisTest {

    @Test
    void thePreferencesRuleFolderAndTheCliFlagNameTheSameKnownIssues(@TempDir Path rules) throws Exception {
        Files.writeString(rules.resolve("gup.json"), """
                {"id": "site-gup-watch", "title": "Our fleet's watch on fast-GUP faults", "symptoms": [
                  {"id": "gup", "text": "the fault is in gup_pgd_range", "function": "^gup_pgd_range$", "required": true}]}
                """);
        IWorkbenchWindow window = Seed.window();
        window.getActivePage().closeAllEditors(false);
        String before = Preferences.store().getString(Preferences.RULE_FOLDERS);
        try {
            Preferences.store().setValue(Preferences.RULE_FOLDERS, rules.toString());
            TranscriptEditor editor = UiWait.analysed(Transcripts.open(window, Seed.path()));
            List<String> gui = editor.presentation().knownIssues().stream().map(d -> d.id()).toList();
            // what the CLI does with --rules DIR: the default settings and that folder
            try (TranscriptSession cli = TranscriptSession.open(Seed.path(), AnalysisSession.Settings.defaults().withRules(List.of(rules)))) {
                List<String> command = cli.presentation().knownIssues().stream().map(KnownIssue::id).toList();
                assertEquals(command, gui);
            }
            assertTrue(gui.contains("site-gup-watch"), gui.toString());
            assertTrue(gui.contains("ghes-hugepage-migration-gup-gpf"), gui.toString());
        } finally {
            Preferences.store().setValue(Preferences.RULE_FOLDERS, before);
            window.getActivePage().closeAllEditors(false);
        }
    }
}
