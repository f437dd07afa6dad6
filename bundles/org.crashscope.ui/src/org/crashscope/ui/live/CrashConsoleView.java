package org.crashscope.ui.live;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.crashscope.live.LiveSession;
import org.crashscope.live.TranscriptTail;
import org.crashscope.ui.editor.TranscriptEditor;
import org.eclipse.jface.bindings.keys.KeyStroke;
import org.eclipse.jface.fieldassist.ContentProposalAdapter;
import org.eclipse.jface.fieldassist.SimpleContentProposalProvider;
import org.eclipse.jface.fieldassist.TextContentAdapter;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.part.ViewPart;

/**
 * The Crash Console: the live session of the transcript in front. Its output is the session's
 * transcript as crash printed it; a command typed in the input line (Up/Down: history, Ctrl+Space:
 * crash's commands) runs in a job and its output is appended; Interrupt sends Ctrl+C to a command
 * that runs too long; Gather evidence runs the chain's next commands; Restart opens the dump again
 * when crash has stopped.
 */
public final class CrashConsoleView extends ViewPart {

    public static final String ID = "org.crashscope.ui.crashConsoleView";

    /** crash's commands, for completion. */
    static final String[] COMMANDS = {"alias", "ascii", "bpf", "bt", "btop", "dev", "dis", "eval", "exit", "extend", "files", "foreach", "fuser", "gdb",
        "help", "ipcs", "irq", "kmem", "list", "log", "mach", "mod", "mount", "net", "p", "ps", "pte", "ptob", "ptov", "rd", "repeat", "runq", "sbitmapq",
        "search", "set", "sig", "struct", "swap", "sym", "sys", "task", "timer", "tree", "union", "vm", "vtop", "waitq", "whatis", "wr", "bt -a", "bt -FFls",
        "kmem -p", "kmem -h", "vtop -c", "rd -p", "log -T", "ps -m", "foreach UN bt"};

    private StyledText output;
    private Text input;
    private Label status;
    private Button interrupt;
    private Button gather;
    private Button restart;
    private LiveSession session;
    /** What the output shows of the session's transcript: read on from where it was, never whole again. */
    private TranscriptTail tail;
    private final List<String> history = new ArrayList<>();
    private int historyAt;
    private final Consumer<LiveSession> changed = s -> {
        if (output != null && !output.isDisposed()) {
            output.getDisplay().asyncExec(this::refresh);
        }
    };
    private final IPartListener2 editors = new IPartListener2() {
        @Override
        public void partActivated(IWorkbenchPartReference ref) {
            if (ref.getPart(false) instanceof TranscriptEditor) {
                refresh();
            }
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(4, false));
        status = new Label(parent, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        interrupt = button(parent, "Interrupt (Ctrl+C)", () -> {
            if (session != null) {
                try {
                    session.interrupt();
                } catch (java.io.IOException e) {
                    status.setText("Cannot interrupt: " + e.getMessage());
                }
            }
        });
        gather = button(parent, "Gather evidence", () -> {
            if (session != null) {
                LiveSessions.gather(getSite().getWorkbenchWindow(), session);
            }
        });
        restart = button(parent, "Restart", () -> {
            if (session != null && !session.alive()) {
                LiveSession ended = session;
                LiveSessions.end(ended);
                LiveSessions.open(getSite().getWorkbenchWindow(), ended.dump());
            }
        });
        output = new StyledText(parent, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL | SWT.READ_ONLY);
        output.setFont(JFaceResources.getTextFont());
        output.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        Composite line = new Composite(parent, SWT.NONE);
        line.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        GridLayout lineLayout = new GridLayout(2, false);
        lineLayout.marginWidth = 0;
        lineLayout.marginHeight = 0;
        line.setLayout(lineLayout);
        Label prompt = new Label(line, SWT.NONE);
        prompt.setText("crash>");
        prompt.setFont(JFaceResources.getTextFont());
        input = new Text(line, SWT.BORDER | SWT.SINGLE);
        input.setFont(JFaceResources.getTextFont());
        input.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        input.setMessage("a crash command (Up/Down: history, Ctrl+Space: commands)");
        input.addListener(SWT.DefaultSelection, e -> submit());
        input.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.ARROW_UP || e.keyCode == SWT.ARROW_DOWN) {
                browse(e.keyCode == SWT.ARROW_UP ? -1 : 1);
                e.doit = false;
            } else if (e.character == 3 && session != null) { // Ctrl+C in the input line interrupts, as in a terminal
                interrupt.notifyListeners(SWT.Selection, null);
            }
        });
        try {
            new ContentProposalAdapter(input, new TextContentAdapter(), new SimpleContentProposalProvider(COMMANDS), KeyStroke.getInstance("Ctrl+Space"), null)
                    .setProposalAcceptanceStyle(ContentProposalAdapter.PROPOSAL_REPLACE);
        } catch (org.eclipse.jface.bindings.keys.ParseException e) {
            throw new IllegalStateException(e);
        }
        LiveSessions.onChange(changed);
        getSite().getPage().addPartListener(editors);
        refresh();
    }

    private static Button button(Composite parent, String text, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    /** Runs the input line's command in the session. */
    void submit() {
        String command = input.getText().strip();
        if (command.isEmpty() || session == null || !session.alive()) {
            return;
        }
        history.remove(command);
        history.add(command);
        historyAt = history.size();
        input.setText("");
        status.setText("crash> " + command + " ...");
        LiveSessions.run(getSite().getWorkbenchWindow(), session, command);
    }

    private void browse(int step) {
        if (history.isEmpty()) {
            return;
        }
        historyAt = Math.max(0, Math.min(history.size(), historyAt + step));
        input.setText(historyAt == history.size() ? "" : history.get(historyAt));
        input.setSelection(input.getText().length());
    }

    /** Follows the live session of the transcript in front (or the last one started). */
    void refresh() {
        if (output == null || output.isDisposed()) {
            return;
        }
        LiveSession front = null;
        if (getSite().getPage().getActiveEditor() instanceof TranscriptEditor editor) {
            front = LiveSessions.of(editor.file());
        }
        session = front != null ? front : session;
        boolean alive = session != null && session.alive();
        input.setEnabled(alive);
        interrupt.setEnabled(alive);
        gather.setEnabled(alive);
        restart.setEnabled(session != null && !alive);
        if (session == null) {
            status.setText("No crash session: open a dump (File > Open Transcript..., or ./crashscope DUMP).");
            output.setText("");
            tail = null;
            return;
        }
        status.setText((alive ? "crash on " : "crash has stopped on ") + session.dump().file().getFileName() + " ("
                + (session.dump().release() == null ? "unknown release" : session.dump().release()) + "), session " + session.transcript().getFileName()
                + (session.warnings().isEmpty() ? "" : "; " + session.warnings().get(0)));
        try {
            if (tail == null || !tail.file().equals(session.transcript())) {
                tail = new TranscriptTail(session.transcript());
                output.setText("");
            }
            // what crash wrote since, appended: the whole session read and set again each time held the UI thread as it grew
            TranscriptTail.Added added = tail.next();
            if (added.anew() || !added.text().isEmpty()) {
                if (added.anew()) {
                    output.setText(added.text());
                } else {
                    output.append(added.text());
                }
                output.setTopIndex(Math.max(0, output.getLineCount() - 1));
            }
        } catch (java.io.IOException e) {
            status.setText("Cannot read " + session.transcript() + ": " + e.getMessage());
        }
        status.getParent().layout(true);
    }

    /** The session shown, for tests. */
    public LiveSession session() {
        return session;
    }

    public String outputText() {
        return output.getText();
    }

    /** Types {@code command} into the input line and runs it, as the user would. */
    public void type(String command) {
        input.setText(command);
        submit();
    }

    @Override
    public void setFocus() {
        input.setFocus();
    }

    @Override
    public void dispose() {
        LiveSessions.removeListener(changed);
        getSite().getPage().removePartListener(editors);
        super.dispose();
    }
}
