package org.crashscope.ui.help;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

/** Help > User Guide (F1): the guide at the section of the active view or editor. */
public final class ShowGuideHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchPart part = HandlerUtil.getActivePart(event);
        String section = event.getParameter("org.crashscope.ui.guide.section");
        if (section == null) {
            section = GuideView.sectionOf(part == null ? null : part.getSite().getId());
        }
        try {
            GuideView.open(HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage(), section);
        } catch (PartInitException e) {
            throw new ExecutionException("Cannot show the user guide", e);
        }
        return null;
    }
}
