package org.crashscope.ui.views;

import org.crashscope.analysis.TranscriptAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.crashscope.analysis.stack.Links;
import org.crashscope.analysis.stack.RegisterProvenance;
import org.crashscope.analysis.stack.StackSlotAnnotator;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.crashscope.ui.preferences.Preferences;

/** The registers at the fault (exception frame, else oops) and where each value reappears in the transcript. */
public final class RegistersView extends TranscriptView {

    public static final String ID = "org.crashscope.ui.registersView";

    /** One row: a register, its value, where else it appears. */
    public record Row(String register, long value, Links links, boolean faulting) {
    }

    private Label source;
    private TableViewer table;
    private int digits = 16;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        source = new Label(parent, SWT.NONE);
        source.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        table = Tables.create(parent);
        table.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        var mono = JFaceResources.getTextFont();
        Tables.column(table, Row.class, "register", 76, r -> r.register().toUpperCase(java.util.Locale.ROOT), this::color, mono);
        Tables.column(table, Row.class, "value", 144, r -> String.format("%0" + digits + "x", r.value()), this::color, mono);
        Tables.column(table, Row.class, "the same value elsewhere", 700, r -> r.links().text(), this::color, null);
        table.addSelectionChangedListener(e -> {
            if (((org.eclipse.jface.viewers.IStructuredSelection) e.getSelection()).getFirstElement() instanceof Row r) {
                highlightValue(r.value());
            }
        });
        getSite().setSelectionProvider(table);
        followActiveTranscript();
    }

    /** Another part selected a stack word or a value: the register that holds it. */
    @Override
    protected void follow(Linked link) {
        if (link.value() == null || !(table.getInput() instanceof List<?> rows)) {
            return;
        }
        for (Object o : rows) {
            if (o instanceof Row r && link.matches(r.value(), null, null)) {
                quietlySelect(table, r);
                return;
            }
        }
    }

    private Color color(Row r) {
        return r.faulting() ? Preferences.shade(0xfee2e2) : null;
    }

    @Override
    protected void show(TranscriptAnalysis analysis) {
        if (table.getControl().isDisposed()) {
            return;
        }
        List<Row> rows = new ArrayList<>();
        String from = "No exception frame or oops registers in this transcript.";
        if (analysis != null) {
            var fault = StackSlotAnnotator.faultRegisters(analysis.parsed());
            Map<String, Long> registers = fault.values();
            if (!registers.isEmpty()) {
                from = "Registers of the " + fault.where() + (analysis.arch().known() ? " (" + analysis.arch().arch().id() + ")" : "");
            }
            digits = 2 * analysis.arch().wordSize(8);
            String faulting = analysis.fault() == null ? null : analysis.fault().faultRegister();
            for (Map.Entry<String, Long> r : registers.entrySet()) {
                Links links = analysis.provenance().stream().filter(p -> p.register().equals(r.getKey())).findFirst()
                        .map(RegisterProvenance::places).orElse(Links.NONE);
                rows.add(new Row(r.getKey(), r.getValue(), links, r.getKey().equals(faulting)));
            }
        }
        source.setText(from);
        table.setInput(rows);
    }

    public TableViewer table() {
        return table;
    }

    @Override
    public void setFocus() {
        Tables.focus(table, table.getControl().getParent());
    }

}
