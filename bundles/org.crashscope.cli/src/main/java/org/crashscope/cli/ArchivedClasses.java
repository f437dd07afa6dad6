package org.crashscope.cli;

import java.io.File;
import java.io.IOException;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The classes the launcher's class-data archive holds. The JVM makes the archive when the first
 * analysis ends ({@code -XX:+AutoCreateSharedArchive}) of the classes that run loaded, and keeps it:
 * a first run over a small log would leave out the parsers, the analysis and the writers every later
 * run needs. So the launcher asks that first run ({@code -Dcrashscope.archiveClasses=true}) to load
 * every class of Crashscope's jars (and the two small libraries every analysis uses) before it exits;
 * loading is not running them (no class is initialized). About 1,000 classes, once, in a fraction of
 * a second.
 */
final class ArchivedClasses {

    /** The system property the launcher sets while the archive is made. */
    static final String PROPERTY = "crashscope.archiveClasses";

    private ArchivedClasses() {
    }

    /** Loads every class of the class path's Crashscope, Gson and RE2/J jars when the archive is being made. */
    static void loadAllWhenArchiving() {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        ClassLoader loader = ArchivedClasses.class.getClassLoader();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            String name = new File(entry).getName();
            if (name.endsWith(".jar") && (name.startsWith("org.crashscope.") || name.startsWith("com.google.gson") || name.contains("re2j"))) {
                load(entry, loader);
            }
        }
    }

    private static void load(String jar, ClassLoader loader) {
        try (JarFile file = new JarFile(jar)) {
            for (JarEntry e : java.util.Collections.list(file.entries())) {
                String path = e.getName();
                if (path.endsWith(".class") && !path.endsWith("module-info.class") && !path.startsWith("META-INF/")) {
                    try {
                        Class.forName(path.substring(0, path.length() - ".class".length()).replace('/', '.'), false, loader);
                    } catch (ClassNotFoundException | LinkageError notLoadable) {
                        // a class that needs what the CLI does not carry (none should): not archived
                    }
                }
            }
        } catch (IOException unreadable) {
            // the jar is the JVM's to complain of: the archive just holds less
        }
    }
}
