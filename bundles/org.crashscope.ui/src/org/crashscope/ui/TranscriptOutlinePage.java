package org.crashscope.ui;

import java.util.List;

import org.crashscope.transcript.CommandBlock;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;

/** Lists the command blocks of a transcript; selecting one reveals it in the editor. */
public final class TranscriptOutlinePage extends ContentOutlinePage {

    private final TranscriptEditor editor;
    private List<CommandBlock> blocks = List.of();

    TranscriptOutlinePage(TranscriptEditor editor) {
        this.editor = editor;
    }

    @Override
    public void createControl(Composite parent) {
        super.createControl(parent);
        TreeViewer viewer = getTreeViewer();
        viewer.setContentProvider(new BlockContentProvider());
        viewer.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return label((CommandBlock) element);
            }

            @Override
            public String getToolTipText(Object element) {
                CommandBlock block = (CommandBlock) element;
                return "crash> " + block.command() + "\nlines " + block.firstLine() + "-" + block.lastLine();
            }
        });
        viewer.setInput(blocks);
        // link with editor: the block around the caret (or what another view selected) is selected here
        getSite().getPage().addPostSelectionListener(follow);
    }

    private final ISelectionListener follow = this::editorSelectionChanged;

    private void editorSelectionChanged(IWorkbenchPart part, ISelection selection) {
        if (part == editor && selection instanceof ITextSelection text && text.getStartLine() >= 0) {
            showBlockAt(editor.fileLine(text.getStartLine()));
        }
    }

    /** Selects (without revealing it again in the editor) the block holding file line {@code line}. */
    void showBlockAt(int line) {
        TreeViewer viewer = getTreeViewer();
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        for (CommandBlock block : blocks) {
            if (line >= block.firstLine() && line <= block.lastLine()) {
                if (viewer.testFindItem(block) instanceof TreeItem item) {
                    viewer.getTree().setSelection(item);
                    viewer.getTree().showSelection();
                }
                return;
            }
        }
    }

    @Override
    public void dispose() {
        if (getSite() != null) {
            getSite().getPage().removePostSelectionListener(follow);
        }
        super.dispose();
    }

    /** The label shown for a block: its command and the line of its prompt. */
    public static String label(CommandBlock block) {
        String command = block.isBare() ? "(bare prompt)" : block.command();
        return command + "  :" + block.firstLine();
    }

    /** The tree of blocks, for tests and for views that follow the outline. */
    public TreeViewer viewer() {
        return getTreeViewer();
    }

    void setBlocks(List<CommandBlock> blocks) {
        this.blocks = blocks;
        TreeViewer viewer = getTreeViewer();
        if (viewer != null && !viewer.getControl().isDisposed()) {
            viewer.setInput(blocks);
        }
    }

    @Override
    public void selectionChanged(SelectionChangedEvent event) {
        super.selectionChanged(event);
        if (event.getSelection() instanceof IStructuredSelection selection && selection.getFirstElement() instanceof CommandBlock block) {
            editor.revealLines(block.firstLine(), block.lastLine());
        }
    }

    private static final class BlockContentProvider implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return ArrayContentProvider.getInstance().getElements(input);
        }

        @Override
        public Object[] getChildren(Object parent) {
            return new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return false;
        }
    }
}
