package org.crashscope.library;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DataFolderTest {

    @Test
    void linuxUsesXdgDataHomeElseDotLocalShare() {
        assertEquals(Path.of("/data/me/crashscope"), DataFolder.crashscope("Linux", Map.of("XDG_DATA_HOME", "/data/me"), "/home/me"));
        assertEquals(Path.of("/home/me/.local/share/crashscope"), DataFolder.crashscope("Linux", Map.of(), "/home/me"));
        // the XDG spec: a relative path is invalid and ignored
        assertEquals(Path.of("/home/me/.local/share/crashscope"), DataFolder.crashscope("Linux", Map.of("XDG_DATA_HOME", "rel"), "/home/me"));
    }

    @Test
    void windowsUsesAppDataAndMacApplicationSupport() {
        assertEquals(Path.of("C:\\Users\\me\\AppData\\Roaming", "Crashscope"),
                DataFolder.crashscope("Windows 11", Map.of("APPDATA", "C:\\Users\\me\\AppData\\Roaming"), "C:\\Users\\me"));
        assertEquals(Path.of("/Users/me/Library/Application Support/Crashscope"), DataFolder.crashscope("Mac OS X", Map.of(), "/Users/me"));
    }
}
