package org.crashscope.ui.preferences;

import org.eclipse.jface.preference.ColorFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.PathEditor;
import org.eclipse.jface.preference.RadioGroupFieldEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;

/**
 * Window > Preferences > Crashscope: the theme, the transcript's colours (in the active theme),
 * extra folders of known-issue rules, and the format File > Export Report suggests.
 */
public final class PreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public static final String ID = "org.crashscope.ui.preferences";
    private Button dark;

    public PreferencePage() {
        super(GRID);
        setPreferenceStore(Preferences.store());
        setDescription("How transcripts are shown, where known-issue rules come from, and how reports are exported.");
    }

    @Override
    public void init(IWorkbench workbench) {
        // the store is set in the constructor
    }

    @Override
    protected void createFieldEditors() {
        Composite parent = getFieldEditorParent();
        Group theme = new Group(parent, SWT.NONE);
        theme.setText("Theme");
        theme.setLayout(new RowLayout());
        theme.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        Button light = new Button(theme, SWT.RADIO);
        light.setText("&Light");
        dark = new Button(theme, SWT.RADIO);
        dark.setText("&Dark");
        dark.setSelection(Preferences.isDark());
        light.setSelection(!Preferences.isDark());
        Label restart = new Label(theme, SWT.NONE);
        restart.setText("(GTK may keep some tables in the old theme until Crashscope restarts)");

        Label colours = new Label(parent, SWT.NONE);
        colours.setText("Transcript colours in the " + (Preferences.isDark() ? "dark" : "light") + " theme:");
        colours.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        for (Preferences.Colour colour : Preferences.Colour.values()) {
            addField(new ColorFieldEditor(colour.key(Preferences.isDark()), colour.label, parent));
        }
        addField(new PathEditor(Preferences.RULE_FOLDERS, "Folders of known-issue &rules (besides ~/.crashscope/rules and $CRASHSCOPE_RULES):",
                "Choose a folder of rule files (*.json)", parent));
        addField(new org.eclipse.jface.preference.BooleanFieldEditor(Preferences.INTEL_SYNTAX,
                "Write instructions in &Intel syntax (default: AT&&T, as objdump -d and decodecode print them)", parent));
        addField(new org.eclipse.jface.preference.FileFieldEditor(Preferences.CRASH_PATH,
                "&crash to run on dumps (empty: $CRASHSCOPE_CRASH, else crash on the PATH):", parent));
        addField(new RadioGroupFieldEditor(Preferences.EXPORT_FORMAT, "Default &export format", 3,
                new String[][] {{"HTML", "html"}, {"Markdown", "md"}, {"JSON", "json"}}, parent, true));
    }

    @Override
    public boolean performOk() {
        boolean ok = super.performOk();
        if (dark.getSelection() != Preferences.isDark()) {
            Preferences.setDark(dark.getSelection());
        } else {
            Preferences.refreshColours();
        }
        return ok;
    }
}
