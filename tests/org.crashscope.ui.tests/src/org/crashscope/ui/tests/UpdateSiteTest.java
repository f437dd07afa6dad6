package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.crashscope.app.UpdateSite;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.operations.ProvisioningSession;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.eclipse.equinox.p2.ui.ProvisioningUI;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help > Check for Updates reads the update site of the preferences: p2 is given that site, and only that one. */
class UpdateSiteTest {

    @TempDir
    Path dir;

    @AfterEach
    void noSite() throws Exception {
        var node = InstanceScope.INSTANCE.getNode(UpdateSite.NODE);
        node.remove(UpdateSite.PREFERENCE);
        node.flush();
    }

    @Test
    void theHelpMenuChecksForUpdatesAndInstallsNewSoftware() {
        Menu menuBar = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().getMenuBar();
        Menu help = Arrays.stream(menuBar.getItems()).filter(i -> i.getText().replace("&", "").equals("Help")).findFirst().orElseThrow().getMenu();
        help.notifyListeners(SWT.Show, new Event());
        List<String> items = new ArrayList<>();
        for (MenuItem item : help.getItems()) {
            items.add(item.getText().replace("&", ""));
        }
        help.notifyListeners(SWT.Hide, new Event());
        assertTrue(items.stream().anyMatch(t -> t.startsWith("Check for Updates")), items.toString());
        assertTrue(items.stream().anyMatch(t -> t.startsWith("Install New Software")), items.toString());
    }

    @Test
    void theSiteOfThePreferenceIsGivenToP2AndWithdrawnWhenItChanges() throws Exception {
        Path first = repository(dir.resolve("Crashscope updates ü").resolve("first"), "org.crashscope.tests.update.first");
        Path second = repository(dir.resolve("second site"), "org.crashscope.tests.update.second");
        ProvisioningUI ui = ProvisioningUI.getDefaultUI();
        ProvisioningSession session = ui.getSession();
        var node = InstanceScope.INSTANCE.getNode(UpdateSite.NODE);

        node.put(UpdateSite.PREFERENCE, first.toString());
        List<URI> known = List.of(ui.getRepositoryTracker().getKnownRepositories(session));
        assertTrue(known.contains(first.toUri()), known.toString());
        IMetadataRepositoryManager metadata = session.getProvisioningAgent().getService(IMetadataRepositoryManager.class);
        var units = metadata.loadRepository(first.toUri(), null).query(QueryUtil.createIUQuery("org.crashscope.tests.update.first"), null).toSet();
        assertEquals(1, units.size(), "p2 reads the site's units");
        assertEquals("9.9.9", units.stream().map(IInstallableUnit::getVersion).findFirst().orElseThrow().toString());

        node.put(UpdateSite.PREFERENCE, second.toUri().toString());
        known = List.of(ui.getRepositoryTracker().getKnownRepositories(session));
        assertTrue(known.contains(second.toUri()), known.toString());
        assertFalse(known.contains(first.toUri()), "the site set before is withdrawn: " + known);

        node.put(UpdateSite.PREFERENCE, "");
        known = List.of(ui.getRepositoryTracker().getKnownRepositories(session));
        assertFalse(known.contains(second.toUri()), "no site set, none given: " + known);
    }

    @Test
    void aSiteIsAnHttpOrFileAddressOrAnAbsoluteFolder() {
        assertEquals(URI.create("https://updates.example.org/crashscope/"), UpdateSite.parse(" https://updates.example.org/crashscope/ "));
        Path folder = dir.resolve("Fälle und Updates").resolve("repository");
        assertEquals(folder.toUri(), UpdateSite.parse(folder.toString()));
        assertEquals(folder, Path.of(UpdateSite.parse(folder.toString())));
        assertNull(UpdateSite.parse("  "));
        assertThrows(IllegalArgumentException.class, () -> UpdateSite.parse("repository"));
        assertThrows(IllegalArgumentException.class, () -> UpdateSite.parse("https:///crashscope"));
        assertThrows(IllegalArgumentException.class, () -> UpdateSite.parse("http://bad host/x"));
    }

    /** A p2 repository as the release writes one, of one unit: content.xml and artifacts.xml. */
    private static Path repository(Path folder, String unit) throws Exception {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("content.xml"), """
                <?xml version='1.0' encoding='UTF-8'?>
                <?metadataRepository version='1.2.0'?>
                <repository name='Crashscope test site' type='org.eclipse.equinox.internal.p2.metadata.repository.LocalMetadataRepository' version='1'>
                  <properties size='1'><property name='p2.timestamp' value='1'/></properties>
                  <units size='1'>
                    <unit id='%1$s' version='9.9.9'>
                      <provides size='1'><provided namespace='org.eclipse.equinox.p2.iu' name='%1$s' version='9.9.9'/></provides>
                      <touchpoint id='null' version='0.0.0'/>
                    </unit>
                  </units>
                </repository>
                """.formatted(unit), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("artifacts.xml"), """
                <?xml version='1.0' encoding='UTF-8'?>
                <?artifactRepository version='1.1.0'?>
                <repository name='Crashscope test site' type='org.eclipse.equinox.p2.artifact.repository.simpleRepository' version='1'>
                  <properties size='1'><property name='p2.timestamp' value='1'/></properties>
                  <mappings size='1'>
                    <rule filter='(&amp; (classifier=osgi.bundle))' output='${repoUrl}/plugins/${id}_${version}.jar'/>
                  </mappings>
                  <artifacts size='0'/>
                </repository>
                """, StandardCharsets.UTF_8);
        return folder;
    }
}
