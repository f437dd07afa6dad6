package org.crashscope.app;

import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.eclipse.core.runtime.preferences.InstanceScope;

/** Window > Preferences > Crashscope > Updates: the site Help > Check for Updates reads. */
public final class UpdatesPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public UpdatesPreferencePage() {
        super(GRID);
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, UpdateSite.NODE));
        setDescription("Help > Check for Updates looks for a newer Crashscope on this update site (the release's repository/ folder,"
                + " served over https or opened from a folder). Empty: none.");
    }

    @Override
    protected void createFieldEditors() {
        addField(new StringFieldEditor(UpdateSite.PREFERENCE, "&Update site:", getFieldEditorParent()) {
            @Override
            protected boolean doCheckState() {
                try {
                    UpdateSite.parse(getStringValue());
                    return true;
                } catch (IllegalArgumentException e) {
                    setErrorMessage(e.getMessage());
                    return false;
                }
            }
        });
    }

    @Override
    public void init(IWorkbench workbench) {
        // the store is the bundle's instance scope, set in the constructor
    }
}
