package org.crashscope.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.equinox.p2.operations.ProvisioningSession;
import org.eclipse.equinox.p2.operations.RepositoryTracker;
import org.eclipse.equinox.p2.ui.ProvisioningUI;
import org.osgi.service.prefs.BackingStoreException;

/**
 * The update site the product checks (Help > Check for Updates, p2's command): a preference of this bundle
 * (Window > Preferences > Crashscope > Updates, or {@code org.crashscope.app/updateSite} in a
 * plugin_customization.ini), given to p2 as a metadata and artifact repository. The site given before is
 * remembered and withdrawn when the preference changes, so that p2 never keeps checking a site nobody set.
 */
public final class UpdateSite {

    public static final String NODE = "org.crashscope.app";
    public static final String PREFERENCE = "updateSite";
    /** The site last given to p2 by this class (not by the user in p2's own Available Software Sites). */
    static final String GIVEN = "updateSiteGivenToP2";
    static final String NICKNAME = "Crashscope updates";

    private UpdateSite() {
    }

    /**
     * The site a preference's text names: an http, https or file URI, or a local folder (absolute path, with
     * the platform's separators); null for an empty text. Anything else throws, saying what is wrong.
     */
    public static URI parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (t.regionMatches(true, 0, "http://", 0, 7) || t.regionMatches(true, 0, "https://", 0, 8) || t.regionMatches(true, 0, "file:", 0, 5)) {
            try {
                URI uri = new URI(t);
                String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("file") && (uri.getHost() == null || uri.getHost().isEmpty())) {
                    throw new IllegalArgumentException("the address names no host: " + t);
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not an address: " + e.getMessage());
            }
        }
        Path path;
        try {
            path = Path.of(t);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("neither an http(s) or file address nor a folder: " + t);
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("a folder must be given by its absolute path: " + t);
        }
        return path.toUri();
    }

    /** The site the preference names now, or null (none set, or not a site: said in the log). */
    static URI configured() {
        try {
            return parse(node().get(PREFERENCE, ""));
        } catch (IllegalArgumentException e) {
            ILog.of(UpdateSite.class).warn("The update site preference is not used: " + e.getMessage());
            return null;
        }
    }

    /**
     * Gives p2 the configured site and withdraws the one given before when it differs: at start-up and
     * whenever the preference changes. Sites the user added in p2's own preferences are left alone.
     */
    static void apply() {
        IEclipsePreferences prefs = node();
        URI site = configured();
        String before = prefs.get(GIVEN, "");
        ProvisioningUI ui = ProvisioningUI.getDefaultUI();
        RepositoryTracker tracker = ui.getRepositoryTracker();
        ProvisioningSession session = ui.getSession();
        if (!before.isEmpty() && (site == null || !before.equals(site.toString()))) {
            tracker.removeRepositories(new URI[] {URI.create(before)}, session);
        }
        if (site != null && !Arrays.asList(tracker.getKnownRepositories(session)).contains(site)) {
            tracker.addRepository(site, NICKNAME, session);
        }
        prefs.put(GIVEN, site == null ? "" : site.toString());
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            ILog.of(UpdateSite.class).warn("Cannot save which update site was given to p2: " + e.getMessage());
        }
    }

    /** Applies the preference now and again whenever it changes. */
    static void follow() {
        apply();
        node().addPreferenceChangeListener(event -> {
            if (PREFERENCE.equals(event.getKey())) {
                apply();
            }
        });
    }

    static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }
}
