package org.crashscope.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The contract on the embedded store: H2 in a folder. */
class EmbeddedLibraryTest extends LibraryContract {

    private int made;

    @Override
    CaseLibrary fresh() throws IOException {
        return CaseLibrary.open(temp.resolve("library-" + made++).toString());
    }

    @Override
    CaseLibrary again(CaseLibrary of) throws IOException {
        return CaseLibrary.open(of.location());
    }

    @Test
    void theEmbeddedStoreIsOneFileInItsFolderUnderTheLocalAccount() throws Exception {
        Path dir = temp.resolve("lib");
        try (CaseLibrary lib = CaseLibrary.open(dir.toString())) {
            assertEquals(CaseLibrary.LOCAL, lib.add(Sessions.facts("ck-null")).account());
        }
        assertTrue(Files.isRegularFile(dir.resolve("library.mv.db")));
        // opened again: migrated once, the case is there
        try (CaseLibrary lib = CaseLibrary.open(dir.toString())) {
            assertEquals(1, lib.count());
        }
    }

    @Test
    void aFileOrALinkWhereTheLibraryShouldBeIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("plain"), "x");
        assertThrows(IOException.class, () -> CaseLibrary.open(file.toString()));
        Path dir = Files.createDirectories(temp.resolve("linked"));
        Files.createSymbolicLink(dir.resolve("library.mv.db"), temp.resolve("elsewhere.mv.db"));
        assertThrows(IOException.class, () -> CaseLibrary.open(dir.toString()));
        assertTrue(Files.notExists(temp.resolve("elsewhere.mv.db")));
    }

    @Test
    void aJdbcUrlOfAnotherDatabaseIsRefused() {
        IOException e = assertThrows(IOException.class, () -> CaseLibrary.open("jdbc:mysql://db/cases"));
        assertTrue(e.getMessage().contains("jdbc:postgresql:"), e.getMessage());
    }
}
