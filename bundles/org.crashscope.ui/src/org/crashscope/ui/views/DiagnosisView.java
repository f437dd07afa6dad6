package org.crashscope.ui.views;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.crashscope.presentation.KnownIssue;
import org.crashscope.presentation.Presentation;
import org.crashscope.presentation.SessionInfo;
import org.crashscope.presentation.Step;
import org.crashscope.diagram.DiagnosisDiagram;
import org.crashscope.report.notes.Note;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.PlatformUI;
import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.notes.NoteOperation;

/**
 * The diagnosis of the active transcript: the evidence chain step by step (click a step to select
 * its lines in the editor), the known issue with its fixes and workaround, and the crash commands
 * that would fill the gaps, ready to copy.
 */
public final class DiagnosisView extends TranscriptView {

    public static final String ID = "org.crashscope.ui.diagnosisView";

    private Label headline;
    private Label session;
    private Button copy;
    private Button run;
    private DiagramCanvas canvas;
    private org.crashscope.ui.cases.SeenBefore seenBefore;
    private List<Step> findings = List.of();
    private int selected = -1;
    private final SimpleSelectionProvider selection = new SimpleSelectionProvider();

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(4, false));
        headline = new Label(parent, SWT.NONE);
        headline.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button note = new Button(parent, SWT.PUSH);
        note.setText("Add Note...");
        note.setToolTipText("Attach a note to the selected step (its evidence lines)");
        note.addListener(SWT.Selection, e -> {
            if (selected >= 0 && selected < findings.size()) {
                InputDialog dialog = new InputDialog(parent.getShell(), "Add Note",
                        "Note on step " + (selected + 1) + " (" + findings.get(selected).kind() + "):", "", null);
                if (dialog.open() == Window.OK && !dialog.getValue().isBlank()) {
                    addNote(selected, dialog.getValue().strip());
                }
            }
        });
        copy = new Button(parent, SWT.PUSH);
        copy.setText("Copy next commands");
        copy.setToolTipText("Copy the crash commands that would fill the gaps in the evidence");
        copy.addListener(SWT.Selection, e -> copyNextCommands());
        run = new Button(parent, SWT.PUSH);
        run.setText("Run in crash");
        run.setToolTipText("Run the commands that would fill the gaps in this transcript's live crash session");
        run.addListener(SWT.Selection, e -> runNextCommands());
        session = new Label(parent, SWT.WRAP);
        session.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        seenBefore = new org.crashscope.ui.cases.SeenBefore(parent);
        seenBefore.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        canvas = new DiagramCanvas(parent);
        canvas.control().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        canvas.onSelect(this::selectFinding);
        canvas.control().addListener(SWT.Resize, e -> {
            if (Math.abs(canvas.control().getClientArea().width - 24 - drawnWidth) > 40 && !findings.isEmpty()) {
                drawChain();
            }
        });
        getSite().setSelectionProvider(selection);
        followActiveTranscript();
    }

    @Override
    protected void show(Presentation analysis) {
        if (headline.isDisposed()) {
            return;
        }
        findings = analysis == null ? List.of() : analysis.steps();
        diagnoses = List.of();
        session.setText(analysis == null ? "" : sessionLine(analysis));
        seenBefore.show(activeEditor() == null ? null : activeEditor().file(), analysis == null || activeEditor() == null ? null : activeEditor().session());
        if (analysis == null) {
            headline.setText("No transcript open.");
            canvas.setDiagram(null);
        } else {
            KnownIssue top = analysis.topIssue();
            String crash = analysis.crash() == null ? "" : analysis.crash().headline() + ". ";
            headline.setText(crash + (top == null ? findings.size() + " findings; no known issue matches"
                    : top.what() + ": " + top.name() + " (" + Math.round(top.confidence() * 100) + "% of its symptoms hold)"));
            diagnoses = analysis.knownIssues();
            drawChain();
        }
        copy.setEnabled(!nextCommands().isEmpty());
        run.setEnabled(live() != null && !runnable().isEmpty());
        headline.getParent().layout(true, true);
    }

    private List<KnownIssue> diagnoses = List.of();
    private int drawnWidth;

    /** The architecture (and what decided it) and crash's session header: kernel, machine, panic, panic task. */
    public static String sessionLine(Presentation analysis) {
        StringBuilder b = new StringBuilder(analysis.arch().known() ? "Architecture " + analysis.arch().arch().id() + " (" + analysis.arch().evidence()
                + ")" : "Architecture not shown by the transcript");
        SessionInfo s = analysis.session();
        if (s.present()) {
            if (s.get("release") != null) {
                b.append("  |  ").append(s.get("release"));
            }
            if (s.get("dumpfile") != null) {
                b.append("  |  dump ").append(s.get("dumpfile"));
            }
            if (s.panic() != null) {
                b.append("  |  panic: \"").append(s.panic()).append('"');
            }
            if (s.pid() != null) {
                b.append("  |  task ").append(s.pid()).append(s.command() == null ? "" : " " + s.command()).append(s.cpu() == null ? "" : " on CPU " + s.cpu());
            }
        }
        return b.toString();
    }

    /** The chain as wide as the view (so that a wide screen shows it in fewer lines). */
    private void drawChain() {
        int width = canvas.control().getClientArea().width - 24;
        drawnWidth = width;
        canvas.setDiagram(findings.isEmpty() && diagnoses.isEmpty() ? null
                : DiagnosisDiagram.of(findings, diagnoses, width <= 0 ? DiagnosisDiagram.WIDTH : width));
    }

    /** The crash commands of the gaps, one a line. */
    /** The live crash session of the transcript in front, or {@code null}. */
    private java.nio.file.Path live() {
        return getSite().getPage().getActiveEditor() instanceof org.crashscope.ui.editor.TranscriptEditor editor
                && org.crashscope.ui.live.LiveSessions.isLive(editor.file()) ? editor.file() : null;
    }

    /** The gaps' commands that can run as they are (not those with a placeholder: {@code vtop -c <pid> ADDR}). */
    private List<String> runnable() {
        return findings.stream().filter(Step::typeable).map(Step::nextCommand).distinct().toList();
    }

    /** Runs the gaps' commands in the live session, one after the other; the views follow as each ends. */
    private void runNextCommands() {
        var live = live();
        if (live != null) {
            runnable().forEach(c -> org.crashscope.ui.live.LiveSessions.run(getSite().getWorkbenchWindow(), live, c));
        }
    }

    public String nextCommands() {
        StringBuilder b = new StringBuilder();
        findings.stream().filter(Step::isGap).forEach(f -> b.append(f.nextCommand()).append('\n'));
        return b.toString();
    }

    private void copyNextCommands() {
        Clipboard clipboard = new Clipboard(copy.getDisplay());
        try {
            clipboard.setContents(new Object[] {nextCommands()}, new Transfer[] {TextTransfer.getInstance()});
        } finally {
            clipboard.dispose();
        }
    }

    /** Selects a step by its key ({@code finding:N}): its evidence lines in the editor. */
    public void selectFinding(String key) {
        upToDate();
        if (key == null || !key.startsWith("finding:")) {
            return;
        }
        int index = Integer.parseInt(key.substring("finding:".length()));
        if (index < 0 || index >= findings.size()) {
            return;
        }
        Step f = findings.get(index);
        selected = index;
        selection.setSelection(new StructuredSelection(f));
        if (!f.evidence().isEmpty()) {
            revealLines(f.evidence().get(0), f.evidence().get(f.evidence().size() - 1));
        }
    }

    private int followed = -1;

    @Override
    protected void selectionCleared() {
        selected = -1; // (Add Note attached the note to the step of that index in the next transcript's chain)
    }

    /** Another part selected something a step of the chain rests on: that step, scrolled to. */
    @Override
    protected void follow(Linked link) {
        if (link.line() == null) {
            return;
        }
        for (int i = 0; i < findings.size(); i++) {
            if (findings.get(i).evidence().stream().anyMatch(link::covers)) {
                followed = i;
                canvas.reveal(DiagnosisDiagram.key(i));
                return;
            }
        }
    }

    /** The step last shown because another part selected its evidence, or -1; for tests. */
    public int followed() {
        return followed;
    }

    /** Attaches a note to step {@code index} of the chain: its evidence lines, target {@code finding:<kind>}. */
    public void addNote(int index, String text) {
        upToDate();
        TranscriptEditor editor = activeEditor();
        if (editor == null || editor.notes() == null || index < 0 || index >= findings.size()) {
            return;
        }
        Step f = findings.get(index);
        int first = f.evidence().isEmpty() ? 1 : f.evidence().get(0);
        int last = f.evidence().isEmpty() ? 1 : f.evidence().get(f.evidence().size() - 1);
        Note note = new Note(UUID.randomUUID().toString(), first, last,
                "finding:" + f.kind(), text, System.getProperty("user.name"), Instant.now().toString());
        try {
            PlatformUI.getWorkbench().getOperationSupport().getOperationHistory().execute(NoteOperation.add(editor, note), null, null);
        } catch (ExecutionException e) {
            ILog.of(getClass()).error("Cannot add the note", e);
        }
    }

    public DiagramCanvas canvas() {
        return canvas;
    }

    public String headline() {
        return headline.getText();
    }

    /** The "seen before" line of the case library. */
    public org.crashscope.ui.cases.SeenBefore seenBefore() {
        return seenBefore;
    }

    @Override
    public void setFocus() {
        canvas.canvas().setFocus();
    }
}
