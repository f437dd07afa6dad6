package org.crashscope.ui;

/** The workbench bundle's identity: its id (preferences, statuses, markers) and the ids it declares in plugin.xml. */
public final class Ui {

    /** The bundle's symbolic name: the preference node, the plug-in of its statuses. */
    public static final String PLUGIN_ID = "org.crashscope.ui";
    /** The annotation type of page-table anomalies and failed walk checks in the editor (plugin.xml). */
    public static final String ANOMALY = "org.crashscope.ui.anomaly";
    /** The annotation type of the analyst's notes in the editor's ruler (plugin.xml). */
    public static final String NOTE = "org.crashscope.ui.note";

    private Ui() {
    }
}
