package org.crashscope.ui.preferences;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.crashscope.analysis.AnalysisSession;
import org.crashscope.diagram.Palette;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.ui.css.swt.theme.IThemeEngine;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.PreferenceConverter;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.crashscope.ui.editor.TranscriptColors;
import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.Ui;

/**
 * Crashscope's settings (Window > Preferences > Crashscope) and the theme: the colours of the
 * transcript, extra rule folders, the default export format, light or dark.
 */
public final class Preferences {

    public static final String RULE_FOLDERS = "ruleFolders";
    public static final String EXPORT_FORMAT = "exportFormat";
    /** Instructions in Intel syntax instead of objdump's AT&T. */
    public static final String INTEL_SYNTAX = "intelSyntax";
    /** The case id and the analyst the last report named: asked once, remembered. */
    public static final String REPORT_CASE = "reportCase";
    public static final String REPORT_ANALYST = "reportAnalyst";
    /** The crash to run on dumps (empty: CRASHSCOPE_CRASH, else crash on the PATH). */
    public static final String CRASH_PATH = "crashPath";
    /** The vmlinux given for a release ({@code vmlinux.6.1.0-37-amd64}). */
    public static final String VMLINUX_PREFIX = "vmlinux.";
    public static final String LIGHT_THEME = "org.eclipse.e4.ui.css.theme.e4_default";
    public static final String DARK_THEME = "org.eclipse.e4.ui.css.theme.e4_dark";
    private static final String THEME_ENGINE = "org.eclipse.e4.ui.css.swt.theme";

    /** What the transcript colours mean, with their colour on a light background. */
    public enum Colour {
        PROMPT("Prompts and commands", TranscriptColors.PROMPT),
        TIMESTAMP("Log timestamps", TranscriptColors.TIMESTAMP),
        HARDWARE("Hardware-error lines", TranscriptColors.HARDWARE),
        REGISTER("Register names", TranscriptColors.REGISTER),
        SYMBOL("Symbols with offsets", TranscriptColors.SYMBOL),
        HEX("Addresses and long hex values", TranscriptColors.HEX),
        ANNOTATION("Analyst's arrows and anomalies", TranscriptColors.ANNOTATION);

        public final String label;
        public final RGB light;

        Colour(String label, RGB light) {
            this.label = label;
            this.light = light;
        }

        /** The preference key of the colour in the light theme; the dark theme's key ends in {@code .dark}. */
        public String key(boolean dark) {
            return "color." + name().toLowerCase(Locale.ROOT) + (dark ? ".dark" : "");
        }

        /** The default in a theme: as designed for light, lightness inverted for dark. */
        public RGB defaultIn(boolean dark) {
            if (!dark) {
                return light;
            }
            int rgb = Palette.onDark((light.red << 16) | (light.green << 8) | light.blue);
            return new RGB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
        }
    }

    private static ScopedPreferenceStore store;

    private Preferences() {
    }

    public static synchronized IPreferenceStore store() {
        if (store == null) {
            store = new ScopedPreferenceStore(InstanceScope.INSTANCE, Ui.PLUGIN_ID);
            for (Colour colour : Colour.values()) {
                PreferenceConverter.setDefault(store, colour.key(false), colour.defaultIn(false));
                PreferenceConverter.setDefault(store, colour.key(true), colour.defaultIn(true));
            }
            store.setDefault(RULE_FOLDERS, "");
            store.setDefault(EXPORT_FORMAT, "html");
            store.setDefault(INTEL_SYNTAX, false);
            store.setDefault(CRASH_PATH, "");
            store.addPropertyChangeListener(event -> RGBS.clear());
        }
        return store;
    }

    /** The colours as stored ("r,g,b" strings), parsed once: the colouring asks for one per token. */
    private static final Map<String, RGB> RGBS = new ConcurrentHashMap<>();

    /** The colour to draw {@code colour} in now, in the active theme. */
    public static RGB rgb(Colour colour) {
        IPreferenceStore preferences = store();
        return RGBS.computeIfAbsent(colour.key(isDark()), key -> PreferenceConverter.getColor(preferences, key));
    }

    private static final Map<Integer, Color> SHADES = new ConcurrentHashMap<>();

    /**
     * A row or cell shade ({@code 0xRRGGBB} as designed for light) in the active theme: the same
     * hue with lightness inverted in the dark theme, so that light text stays readable on it.
     */
    public static Color shade(int rgb) {
        int shown = isDark() ? Palette.onDark(rgb) : rgb;
        return SHADES.computeIfAbsent(shown, c -> new Color(new RGB((c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff)));
    }

    /**
     * The settings of the workbench's analysis sessions: the views' depth, the rule folders of the
     * environment and those set here. {@code crashscope analyze --rules DIR} with the same folders
     * gives the same diagnosis.
     */
    public static AnalysisSession.Settings settings() {
        return AnalysisSession.Settings.defaults().withDepth(AnalysisSession.Settings.Depth.VIEW).withRules(ruleFolders());
    }

    /** The folders of rule files set in the preferences (besides ~/.crashscope/rules and $CRASHSCOPE_RULES). */
    public static List<Path> ruleFolders() {
        List<Path> folders = new ArrayList<>();
        for (String folder : store().getString(RULE_FOLDERS).split(File.pathSeparator)) {
            if (!folder.isBlank()) {
                folders.add(Path.of(folder.trim()));
            }
        }
        return folders;
    }

    private static IThemeEngine engine() {
        Display display = Display.getCurrent() != null ? Display.getCurrent() : PlatformUI.getWorkbench().getDisplay();
        return display.getData(THEME_ENGINE) instanceof IThemeEngine engine ? engine : null;
    }

    /** Whether the dark theme is active. */
    /** How the views and reports write instructions. */
    public static org.crashscope.arch.x86.Disassembler.Syntax syntax() {
        return store().getBoolean(INTEL_SYNTAX) ? org.crashscope.arch.x86.Disassembler.Syntax.INTEL : org.crashscope.arch.x86.Disassembler.Syntax.ATT;
    }

    public static boolean isDark() {
        IThemeEngine engine = Display.getCurrent() == null ? null : engine();
        return engine != null && engine.getActiveTheme() != null && engine.getActiveTheme().getId().contains("dark");
    }

    /**
     * Switches between the light and the dark theme (remembered for the next start) and redraws
     * the transcripts and diagrams in the new colours.
     */
    public static void setDark(boolean dark) {
        IThemeEngine engine = engine();
        if (engine == null) {
            return;
        }
        // the new theme does not undo colours only the old one set (a light theme leaves tables as the
        // dark one painted them): back to the system's colours first, then the new theme restyles all
        for (IWorkbenchWindow window : PlatformUI.getWorkbench().getWorkbenchWindows()) {
            resetColours(window.getShell());
        }
        // GTK draws tables and trees in its own dark variant once asked to: ask for the right one
        PlatformUI.getWorkbench().getDisplay().setDarkThemePreferred(dark);
        engine.setTheme(dark ? DARK_THEME : LIGHT_THEME, true);
        refreshColours();
    }

    private static void resetColours(Control control) {
        control.setBackground(null);
        control.setForeground(null);
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                resetColours(child);
            }
        }
    }

    /** Recolours every open transcript and diagram, after a change of theme or colour preferences. */
    public static void refreshColours() {
        for (IWorkbenchWindow window : PlatformUI.getWorkbench().getWorkbenchWindows()) {
            var size = window.getShell().getSize();
            window.getShell().redraw(0, 0, size.x, size.y, true); // diagrams pick the theme's palette as they paint
            for (IWorkbenchPage page : window.getPages()) {
                for (IEditorReference ref : page.getEditorReferences()) {
                    if (ref.getPart(false) instanceof TranscriptEditor editor) {
                        editor.recolour();
                    }
                }
            }
        }
    }
}
