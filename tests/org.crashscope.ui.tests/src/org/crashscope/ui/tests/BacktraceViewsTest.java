package org.crashscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.crashscope.presentation.StackWord;
import org.crashscope.ui.views.BacktraceView;
import org.crashscope.ui.views.RegistersView;
import org.crashscope.ui.editor.TranscriptEditor;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Backtrace and Registers views on the reference case. */
class BacktraceViewsTest {

    private IWorkbenchPage page;
    private TranscriptEditor editor;
    private IWorkbenchWindow window;

    @BeforeEach
    void openSeed() throws Exception {
        window = Seed.window();
        page = window.getActivePage();
        editor = Seed.openIn(window);
        assertNotNull(editor);
    }

    @Test
    void stackWordsAreLabelledAndTheFaultingInstructionIsMarked() throws Exception {
        BacktraceView view = (BacktraceView) page.showView(BacktraceView.ID);
        UiWait.until("the Backtrace view's stack words", () -> view.slots().getTable().getItemCount() > 0);
        TableItem[] rows = view.slots().getTable().getItems();
        assertEquals(25, rows.length, "the words of bt -FFls");
        TableItem rbx = java.util.Arrays.stream(rows).filter(r -> r.getText(0).equals("ffffaaab26b3fa08")).findFirst().orElseThrow();
        assertEquals("saved rbx", rbx.getText(2));
        assertTrue(rbx.getText(4).contains("R14, R15 of the exception frame at line 68"), rbx.getText(4));
        assertTrue(view.faultSummary().contains("mov (%rbx),%r12"), view.faultSummary());
        assertTrue(view.faultSummary().contains("NOT canonical"), view.faultSummary());
        TableItem trap = java.util.Arrays.stream(view.code().getTable().getItems()).filter(r -> r.getText(1).startsWith("=>")).findFirst().orElseThrow();
        assertEquals("=> mov (%rbx),%r12", trap.getText(1));

        StackWord ret = (StackWord) java.util.Arrays.stream(rows).filter(r -> r.getText(0).equals("ffffaaab26b3fa38")).findFirst()
                .orElseThrow().getData();
        view.slots().setSelection(new StructuredSelection(ret), true);
        UiWait.selects(editor, 187);

        // selecting saved rbx highlights 00007f1148cdf000 everywhere: R14, R15, the vtop, the oops registers, the slot
        StackWord savedRbx = (StackWord) rbx.getData();
        view.slots().setSelection(new StructuredSelection(savedRbx), true);
        UiWait.idle();
        var model = editor.getDocumentProvider().getAnnotationModel(editor.getEditorInput());
        java.util.List<Integer> lines = new java.util.ArrayList<>();
        model.getAnnotationIterator().forEachRemaining(a -> {
            if (TranscriptEditor.OCCURRENCE.equals(a.getType())) {
                try {
                    lines.add(editor.getDocumentProvider().getDocument(editor.getEditorInput()).getLineOfOffset(model.getPosition(a).getOffset()) + 1);
                } catch (org.eclipse.jface.text.BadLocationException e) {
                    throw new AssertionError(e);
                }
            }
        });
        java.util.Collections.sort(lines);
        assertTrue(lines.containsAll(java.util.List.of(74, 133, 175, 192, 194)), lines.toString());
        Screenshots.take(view.slots().getControl().getParent().getParent().getParent(), "backtrace-view-seed");
    }

    @Test
    void registersViewShowsTheExceptionFrameAndWhereValuesReappear() throws Exception {
        RegistersView view = (RegistersView) page.showView(RegistersView.ID);
        UiWait.until("the Registers view's rows", () -> view.table().getTable().getItemCount() > 0);
        TableItem r14 = java.util.Arrays.stream(view.table().getTable().getItems()).filter(r -> r.getText(0).equals("R14")).findFirst().orElseThrow();
        assertEquals("00007f1148cdf000", r14.getText(1));
        assertTrue(r14.getText(2).contains("stack slot 0xffffaaab26b3fa08"), r14.getText(2));
        assertNotNull(java.util.Arrays.stream(view.table().getTable().getItems()).filter(r -> r.getText(0).equals("RBX")).findFirst().orElseThrow());
        Screenshots.take(window.getShell(), "workbench-seed-backtrace-registers");
    }
}
