package org.crashscope.ui.editor;

import java.util.List;

import org.crashscope.presentation.Outline;
import org.crashscope.transcript.CommandBlock;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;

/**
 * The outline of a transcript (built in core, {@link Outline}): crash's session header, every block
 * in file order with the tasks, oopses, hardware errors and walks it holds, and crash's own
 * messages; selecting a node reveals its lines in the editor. A transcript of thousands of blocks
 * is listed a page at a time, a UI task each ({@link #PAGE} rows: a few milliseconds), so that the
 * opening never holds the UI thread for the whole list.
 */
public final class TranscriptOutlinePage extends ContentOutlinePage {

    /** How many top-level nodes one UI task adds to the tree. */
    static final int PAGE = 200;

    private final TranscriptEditor editor;
    private List<Outline.Node> nodes = List.of();
    /** The top-level nodes in the tree so far (its input): the first pages of {@link #nodes}. */
    private final List<Outline.Node> listed = new java.util.ArrayList<>();
    /** Counts the lists shown: the pages still to add of a list replaced since are dropped. */
    private int shownLists;
    /** The prompt lines of the commands Crashscope ran, when the transcript is a live session's. */
    private java.util.Set<Integer> ran = java.util.Set.of();

    TranscriptOutlinePage(TranscriptEditor editor) {
        this.editor = editor;
    }

    @Override
    public void createControl(Composite parent) {
        super.createControl(parent);
        TreeViewer viewer = getTreeViewer();
        viewer.setContentProvider(new NodeContentProvider());
        viewer.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                Outline.Node n = (Outline.Node) element;
                return ran.contains(n.firstLine()) && n.kind() == Outline.Kind.COMMAND ? n.label() + "  (run by Crashscope)" : n.label();
            }

            @Override
            public Font getFont(Object element) {
                Outline.Node n = (Outline.Node) element;
                return n.kind() == Outline.Kind.SESSION || n.label().contains("(panic task)")
                        ? org.eclipse.jface.resource.JFaceResources.getFontRegistry().getBold(org.eclipse.jface.resource.JFaceResources.DEFAULT_FONT)
                        : null;
            }

            @Override
            public String getToolTipText(Object element) {
                Outline.Node n = (Outline.Node) element;
                return (n.source() instanceof CommandBlock b ? "crash> " + b.command() + "\n" : "") + "lines " + n.firstLine() + "-" + n.lastLine();
            }
        });
        viewer.setInput(listed);
        list();
        // link with editor: the block around the caret (or what another view selected) is selected here
        getSite().getPage().addPostSelectionListener(follow);
    }

    private final ISelectionListener follow = this::editorSelectionChanged;

    private void editorSelectionChanged(IWorkbenchPart part, ISelection selection) {
        if (part == editor && selection instanceof ITextSelection text && text.getStartLine() >= 0) {
            showBlockAt(editor.fileLine(text.getStartLine()));
        }
    }

    /** Selects (without revealing it again in the editor) the top-level node holding file line {@code line}. */
    void showBlockAt(int line) {
        TreeViewer viewer = getTreeViewer();
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        for (Outline.Node node : nodes) {
            if (node.contains(line)) {
                if (viewer.testFindItem(node) instanceof TreeItem item) {
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

    /** The label shown for a command block: its command and the line of its prompt. */
    public static String label(CommandBlock block) {
        return Outline.label(block);
    }

    /** The tree of nodes, for tests and for views that follow the outline. */
    public TreeViewer viewer() {
        return getTreeViewer();
    }

    /** The top-level nodes shown. */
    public List<Outline.Node> nodes() {
        return nodes;
    }

    /** Selects the node of a command block, as a click would. */
    public void select(CommandBlock block) {
        nodes.stream().filter(n -> n.source() == block || block.equals(n.source())).findFirst()
                .ifPresent(n -> getTreeViewer().setSelection(new StructuredSelection(n), true));
    }

    void setNodes(List<Outline.Node> nodes) {
        this.nodes = nodes;
        ran = editor.file() == null ? java.util.Set.of() : org.crashscope.ui.live.LiveSessions.ranLines(editor.file());
        TreeViewer viewer = getTreeViewer();
        if (viewer != null && !viewer.getControl().isDisposed()) {
            list();
        }
    }

    /** Lists {@link #nodes} afresh: the first page now, each next one in a UI task of its own. */
    private void list() {
        listed.clear(); // the first page's refresh replaces the rows of the list shown before
        listPage(++shownLists);
    }

    private void listPage(int list) {
        TreeViewer viewer = getTreeViewer();
        if (list != shownLists || viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        boolean first = listed.isEmpty();
        listed.addAll(nodes.subList(listed.size(), Math.min(nodes.size(), listed.size() + PAGE)));
        // the first page's rows take the new list's labels (a block may have been run by Crashscope since); later
        // pages keep the rows listed before theirs as they are and make only their own
        viewer.refresh(first);
        if (listed.size() < nodes.size()) {
            viewer.getControl().getDisplay().asyncExec(() -> listPage(list));
        }
    }

    @Override
    public void selectionChanged(SelectionChangedEvent event) {
        super.selectionChanged(event);
        if (event.getSelection() instanceof IStructuredSelection selection && selection.getFirstElement() instanceof Outline.Node node) {
            editor.revealLines(node.firstLine(), node.lastLine());
        }
    }

    private static final class NodeContentProvider implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return ((List<?>) input).toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            return ((Outline.Node) parent).children().toArray();
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return !((Outline.Node) element).children().isEmpty();
        }
    }
}
