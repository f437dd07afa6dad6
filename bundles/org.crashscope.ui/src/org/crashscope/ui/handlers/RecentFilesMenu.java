package org.crashscope.ui.handlers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.jface.action.IContributionItem;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.CompoundContributionItem;
import org.crashscope.ui.editor.Transcripts;

/** File > Open Recent: one item per recent dump or transcript (a dump opens in a new crash session), numbered for keyboard access. */
public final class RecentFilesMenu extends CompoundContributionItem {

    @Override
    protected IContributionItem[] getContributionItems() {
        List<Path> files = RecentFiles.list();
        List<IContributionItem> items = new ArrayList<>();
        if (files.isEmpty()) {
            Action none = new Action("(no recent files)") {
            };
            none.setEnabled(false);
            items.add(new ActionContributionItem(none));
        }
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String mnemonic = i < 9 ? "&" + (i + 1) + " " : "   ";
            Action open = new Action(mnemonic + file.getFileName() + "  [" + file.getParent() + "]") {
                @Override
                public void run() {
                    Transcripts.open(PlatformUI.getWorkbench().getActiveWorkbenchWindow(), file);
                }
            };
            open.setToolTipText(file.toString());
            items.add(new ActionContributionItem(open));
        }
        return items.toArray(IContributionItem[]::new);
    }
}
