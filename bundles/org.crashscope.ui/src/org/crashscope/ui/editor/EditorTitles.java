package org.crashscope.ui.editor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IWorkbenchPage;

/**
 * Tab titles that tell transcripts of the same name apart: a file's name alone while it is the only
 * one of that name, else with as many of its parent folders as it takes ({@code vmcore.crashscope-session.txt [run1]}),
 * as Eclipse does for editors of files with the same name.
 */
final class EditorTitles {

    private EditorTitles() {
    }

    /** Titles every transcript editor of {@code page} again (one opened or closed). */
    static void update(IWorkbenchPage page) {
        if (page == null) {
            return;
        }
        Map<String, List<TranscriptEditor>> byName = new HashMap<>();
        for (IEditorReference ref : page.getEditorReferences()) {
            if (ref.getEditor(false) instanceof TranscriptEditor e && e.file() != null && e.file().getFileName() != null) {
                byName.computeIfAbsent(e.file().getFileName().toString(), k -> new ArrayList<>()).add(e);
            }
        }
        for (var group : byName.entrySet()) {
            List<TranscriptEditor> editors = group.getValue();
            for (TranscriptEditor e : editors) {
                e.showTitle(editors.size() == 1 ? group.getKey() : group.getKey() + " [" + distinguishing(e.file(), editors) + "]");
            }
        }
    }

    /** The fewest parent folders of {@code file} (nearest last) that no other file of the group ends with. */
    static String distinguishing(Path file, List<TranscriptEditor> group) {
        Path folder = file.toAbsolutePath().normalize().getParent();
        if (folder == null) {
            return "/";
        }
        for (int depth = 1; depth <= folder.getNameCount(); depth++) {
            Path tail = folder.subpath(folder.getNameCount() - depth, folder.getNameCount());
            boolean unique = true;
            for (TranscriptEditor other : group) {
                Path otherFolder = other.file().toAbsolutePath().normalize().getParent();
                if (!other.file().toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize()) && otherFolder != null && otherFolder.endsWith(tail)) {
                    unique = false;
                }
            }
            if (unique) {
                return tail.toString();
            }
        }
        return folder.toString();
    }
}
