package org.crashscope.ui.cases;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/** Window > Preferences > Crashscope > Case Library: whether opening a transcript records a case, and where the library is. */
public final class CasesPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public CasesPreferencePage() {
        super(GRID);
        setDescription("Every transcript opened is recorded as a case in the case library (once per file: its content is the key). "
                + "The library is a folder (an embedded database) or a team's jdbc:postgresql://HOST/DB?user=NAME URL; empty: "
                + org.crashscope.library.CaseLibrary.defaultLocation());
    }

    @Override
    public void init(IWorkbench workbench) {
        ScopedPreferenceStore store = new ScopedPreferenceStore(InstanceScope.INSTANCE, CaseLibraries.NODE);
        store.setDefault(CaseLibraries.RECORD, true);
        setPreferenceStore(store);
    }

    @Override
    protected void createFieldEditors() {
        addField(new BooleanFieldEditor(CaseLibraries.RECORD, "&Record a case for each transcript opened", getFieldEditorParent()));
        addField(new StringFieldEditor(CaseLibraries.LOCATION, "&Library (folder or URL):", getFieldEditorParent()));
    }
}
