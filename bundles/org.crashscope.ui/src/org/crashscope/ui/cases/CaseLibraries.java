package org.crashscope.ui.cases;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.crashscope.library.CaseLibrary;
import org.crashscope.library.DataFolder;
import org.crashscope.library.KnownIssues;
import org.eclipse.core.runtime.Platform;

/**
 * The workbench's case library: where it is (Window > Preferences > Crashscope > Case Library, else
 * {@link CaseLibrary#defaultLocation()}: {@code -Dcrashscope.library}, {@code CRASHSCOPE_LIBRARY} or
 * the user's data folder) and whether opening a transcript records a case (on unless turned off there,
 * or by {@code -Dcrashscope.record=false}). Libraries are opened for one piece of work and closed: the
 * CLI can use the embedded one in between.
 */
public final class CaseLibraries {

    static final String NODE = "org.crashscope.ui";
    static final String LOCATION = "cases.library";
    static final String RECORD = "cases.record";

    private CaseLibraries() {
    }

    public static String location() {
        String pref = Platform.getPreferencesService().getString(NODE, LOCATION, "", null);
        return pref == null || pref.isBlank() ? CaseLibrary.defaultLocation() : pref.strip();
    }

    public static boolean recording() {
        return !"false".equals(System.getProperty("crashscope.record")) && !"0".equals(System.getenv("CRASHSCOPE_RECORD"))
                && Platform.getPreferencesService().getBoolean(NODE, RECORD, true, null);
    }

    public static CaseLibrary open() throws IOException {
        return CaseLibrary.open(location());
    }

    /** The library's known issues as a rule folder for the analysis, or none. */
    public static List<Path> knownIssueRules() {
        try (CaseLibrary library = open()) {
            if (library.knownIssues().isEmpty()) {
                return List.of();
            }
            Path folder = library.embedded() ? Path.of(library.location(), "known-issues")
                    : DataFolder.crashscope().resolve("known-issues").resolve(Integer.toHexString(library.location().hashCode()));
            return List.of(KnownIssues.materialize(library, folder));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
