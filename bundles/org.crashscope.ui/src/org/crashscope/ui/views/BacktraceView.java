package org.crashscope.ui.views;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.crashscope.presentation.Presentation;
import org.crashscope.presentation.StackWord;
import org.crashscope.presentation.Traces;
import org.crashscope.transcript.model.Frame;
import org.crashscope.arch.x86.Disassembler;
import org.crashscope.arch.x86.FaultingInstruction;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.crashscope.ui.preferences.Preferences;

/**
 * A backtrace of the active transcript: its frames, its stack words labelled with what they hold
 * (return addresses, saved registers with the rule and confidence, slab objects), and the
 * faulting instruction decoded from the oops's Code: line. Selecting a row selects its line.
 */
public final class BacktraceView extends TranscriptView {

    public static final String ID = "org.crashscope.ui.backtraceView";

    private Chooser traces;
    private TableViewer frames;
    private TableViewer slots;
    private Label faultSummary;
    private TableViewer code;
    private Presentation analysis;
    private List<Traces.Entry> entries = List.of();
    private List<Traces.Entry> shownEntries = List.of();
    private Text filter;
    /** Set while show() clears the filter: the traces are listed once, by show(). */
    private boolean filling;
    private SashForm sash;
    private SashForm top;
    private final Map<String, Integer> kindColors = new HashMap<>();
    private static final int TRAP = 0xfee2e2;

    @Override
    public void createPartControl(Composite parent) {
        Font mono = JFaceResources.getTextFont();
        kindColors.put("return-address", 0xdbeafe);
        kindColors.put("saved-register", 0xfef3c7);
        kindColors.put("slab-object", 0xdcfce7);
        kindColors.put("user-address", 0xfae8ff);
        parent.setLayout(new GridLayout(2, false));
        traces = new Chooser(parent);
        traces.onSelect(this::showTrace);
        filter = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage("Filter: command, PID, CPU or a function in the trace");
        filter.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        filter.addListener(SWT.Modify, e -> applyFilter());
        sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        top = new SashForm(sash, SWT.HORIZONTAL);
        frames = Tables.create(top);
        Tables.column(frames, Frame.class, "#", 36, f -> f.index() < 0 ? "" : Integer.toString(f.index()), null, mono);
        Tables.column(frames, Frame.class, "function", 230, f -> (f.unreliable() ? "? " : "") + f.function()
                + (f.offset() == 0 ? "" : "+0x" + Long.toHexString(f.offset())) + (f.exception() != null ? "  [exception]" : ""), null, mono);
        Tables.column(frames, Frame.class, "stack", 140, f -> f.stackAddress() == 0 ? "" : Long.toHexString(f.stackAddress()), null, mono);
        Tables.column(frames, Frame.class, "module", 70, f -> f.module() == null ? "" : f.module(), null, mono);
        Tables.column(frames, Frame.class, "source", 200, f -> f.source() == null ? "" : f.source(), null, mono);
        frames.addSelectionChangedListener(e -> {
            if (((IStructuredSelection) e.getSelection()).getFirstElement() instanceof Frame f) {
                revealLines(f.line(), f.line());
            }
        });
        slots = Tables.create(top);
        Tables.column(slots, StackWord.class, "address", 140, s -> Long.toHexString(s.slot().address()), this::colorOf, mono);
        Tables.column(slots, StackWord.class, "value", 250, s -> s.slot().value() != null ? String.format("%0" + 2 * s.slot().width() + "x", s.slot().value())
                : s.slot().symbol() != null ? s.slot().symbol() : String.format("[%x:%s]", s.slot().slabObject(), s.slot().slabCache()), this::colorOf, mono);
        Tables.column(slots, StackWord.class, "what it holds", 300, s -> s.label(), this::colorOf, null);
        Tables.column(slots, StackWord.class, "sure", 60, s -> s.labelled() ? s.confidence() : "",
                this::colorOf, null);
        Tables.column(slots, StackWord.class, "why / same value elsewhere", 520,
                s -> s.rule() + (s.places().total() == 0 ? "" : "  =  " + s.places().text()), this::colorOf, null);
        slots.addSelectionChangedListener(e -> {
            if (((IStructuredSelection) e.getSelection()).getFirstElement() instanceof StackWord s) {
                revealLines(s.slot().line(), s.slot().line());
                if (s.slot().value() != null) {
                    highlightValue(s.slot().value());
                }
            }
        });
        top.setWeights(42, 58);
        Composite bottom = new Composite(sash, SWT.NONE);
        bottom.setLayout(new GridLayout(1, false));
        faultSummary = new Label(bottom, SWT.WRAP);
        faultSummary.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        code = Tables.create(bottom);
        code.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Tables.column(code, Disassembler.Instruction.class, "offset", 70, i -> "+" + i.address(), this::trapColor, mono);
        Tables.column(code, Disassembler.Instruction.class, "instruction (decoded from the oops's Code: bytes, from the first instruction boundary)", 520,
                i -> (isTrap(i) ? "=> " : "   ") + i.text(Preferences.syntax()), this::trapColor, mono);
        sash.setWeights(68, 32);
        getSite().setSelectionProvider(slots);
        followActiveTranscript();
    }

    private Color colorOf(StackWord s) {
        Integer rgb = kindColors.get(s.kind());
        return rgb == null ? null : Preferences.shade(rgb);
    }

    private boolean isTrap(Disassembler.Instruction i) {
        FaultingInstruction f = analysis == null ? null : analysis.fault();
        return f != null && f.trapping() == i;
    }

    private Color trapColor(Disassembler.Instruction i) {
        return isTrap(i) ? Preferences.shade(TRAP) : null;
    }

    @Override
    protected void show(Presentation analysis) {
        if (traces.isDisposed()) {
            return;
        }
        this.analysis = analysis;
        entries = analysis == null ? List.of() : analysis.traces();
        filling = true;
        filter.setText(""); // a new transcript: every trace
        filling = false;
        shownEntries = entries;
        traces.setItems(shownEntries.size(), i -> shownEntries.get(i).label());
        traces.select(newest(entries, newAfter()) >= 0 ? newest(entries, newAfter()) : Traces.opening(entries));
        traces.setEmptyText(analysis == null ? "" : "No backtrace in this transcript (bt, bt -a, foreach bt).");
        showTrace();
        showFault();
        traces.control().getParent().layout(true, true);
    }

    /** The index of the last trace that starts past {@code line} (a bt just typed in a live session), or -1. */
    private static int newest(List<Traces.Entry> entries, int line) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).index() >= 0 && entries.get(i).backtrace().span().first() > line) {
                return i;
            }
        }
        return -1;
    }

    private void showTrace() {
        int i = traces.getSelectionIndex();
        if (analysis == null || i < 0) {
            frames.setInput(List.of());
            slots.setInput(List.of());
            return;
        }
        Traces.Entry entry = shownEntries.get(i);
        frames.setInput(entry.backtrace().frames());
        // the trace's words made once for the table and for following links (a presentation makes them when asked); a log's
        // stack printed none
        slots.setInput(List.copyOf(analysis.wordsOf(entry)));
    }

    /** The traces the filter names, the one shown kept when it still is. */
    private void applyFilter() {
        if (analysis == null || filling) {
            return;
        }
        Traces.Entry current = traces.getSelectionIndex() < 0 || traces.getSelectionIndex() >= shownEntries.size() ? null
                : shownEntries.get(traces.getSelectionIndex());
        String query = filter.getText();
        shownEntries = query.isBlank() ? entries : entries.stream().filter(e -> e.matches(query)).toList();
        traces.setItems(shownEntries.size(), i -> shownEntries.get(i).label());
        int keep = current == null ? -1 : shownEntries.indexOf(current);
        traces.select(keep >= 0 ? keep : shownEntries.isEmpty() ? -1 : 0);
        showTrace();
    }

    /** The filter of the drop-down. */
    public Text filter() {
        return filter;
    }

    private void showFault() {
        FaultingInstruction f = analysis == null ? null : analysis.fault();
        if (f == null) {
            faultSummary.setText(analysis == null ? "" : "No oops with a Code: line in this transcript.");
            code.setInput(List.of());
            sash.setMaximizedControl(top); // no code to decode: the traces get the room
            return;
        }
        sash.setMaximizedControl(null);
        StringBuilder text = new StringBuilder("Oops at line ").append(analysis.faultingOops().line()).append(": ");
        if (f.trapping() != null) {
            text.append("faulting instruction  ").append(f.trapping().text(Preferences.syntax()));
            if (f.faultAddress() != null) {
                text.append(String.format("  -  %s: %s", f.addressText(),
                        f.canonical() ? "canonical" : "NOT canonical: a general protection fault, not a page fault"));
            }
        } else {
            text.append(f.problem());
        }
        faultSummary.setText(text.toString());
        code.setInput(f.instructions());
        if (f.trapping() != null) {
            code.reveal(f.trapping());
        }
    }

    /** Another part selected a register, a value, a line: the stack word that holds it. */
    @Override
    protected void follow(Linked link) {
        if (!(slots.getInput() instanceof List<?> shownSlots)) {
            return;
        }
        for (Object o : shownSlots) {
            if (o instanceof StackWord a && link.matches(a.slot().value(), a.slot().address(), a.slot().line())) {
                quietlySelect(slots, a);
                return;
            }
        }
    }

    public TableViewer frames() {
        return frames;
    }

    public TableViewer slots() {
        return slots;
    }

    public TableViewer code() {
        return code;
    }

    public String faultSummary() {
        return faultSummary.getText();
    }

    @Override
    public void setFocus() {
        Tables.focus(slots, traces.focusControl());
    }


    /** The drop-down of the traces shown. */
    public Chooser chooser() {
        return traces;
    }
}
