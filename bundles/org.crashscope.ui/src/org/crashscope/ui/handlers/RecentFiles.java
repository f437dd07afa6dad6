package org.crashscope.ui.handlers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;
import org.crashscope.ui.Ui;

/** The transcripts opened last, newest first, kept in the instance preferences. */
public final class RecentFiles {

    static final int MAX = 10;
    private static final String KEY = "recentFiles";

    private RecentFiles() {
    }

    public static List<Path> list() {
        String stored = node().get(KEY, "");
        List<Path> files = new ArrayList<>();
        for (String line : stored.split("\n")) {
            if (!line.isBlank()) {
                files.add(Path.of(line));
            }
        }
        return files;
    }

    public static void add(Path file) {
        Path normal = file.toAbsolutePath().normalize();
        if (bundled(normal)) {
            return; // the sample, unpacked in the OSGi cache: Help > Welcome opens it, its cache path means nothing to a user
        }
        List<Path> files = list();
        files.remove(normal);
        files.add(0, normal);
        store(files.subList(0, Math.min(MAX, files.size())));
    }

    public static void remove(Path file) {
        List<Path> files = list();
        if (files.remove(file.toAbsolutePath().normalize())) {
            store(files);
        }
    }

    /** Whether {@code file} lies in the product's configuration area (a bundle's file unpacked by OSGi). */
    static boolean bundled(Path file) {
        try {
            var area = org.eclipse.core.runtime.Platform.getConfigurationLocation();
            if (area == null || area.getURL() == null || !"file".equals(area.getURL().getProtocol())) {
                return false;
            }
            return file.startsWith(Path.of(area.getURL().getPath()).toAbsolutePath().normalize());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void store(List<Path> files) {
        StringBuilder text = new StringBuilder();
        files.forEach(f -> text.append(f).append('\n'));
        IEclipsePreferences node = node();
        node.put(KEY, text.toString());
        try {
            node.flush();
        } catch (BackingStoreException e) {
            ILog.of(RecentFiles.class).warn("Cannot save the recent files: " + e.getMessage());
        }
    }

    private static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(Ui.PLUGIN_ID);
    }
}
