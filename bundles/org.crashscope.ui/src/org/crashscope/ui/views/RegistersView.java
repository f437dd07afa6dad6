package org.crashscope.ui.views;

import java.util.List;

import org.crashscope.presentation.Presentation;
import org.crashscope.presentation.Presentation.RegisterRow;
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
        Tables.column(table, RegisterRow.class, "register", 76, r -> r.register().toUpperCase(java.util.Locale.ROOT), this::color, mono);
        Tables.column(table, RegisterRow.class, "value", 144, r -> String.format("%0" + digits + "x", r.value()), this::color, mono);
        Tables.column(table, RegisterRow.class, "the same value elsewhere", 700, r -> r.places().text(), this::color, null);
        table.addSelectionChangedListener(e -> {
            if (((org.eclipse.jface.viewers.IStructuredSelection) e.getSelection()).getFirstElement() instanceof RegisterRow r) {
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
            if (o instanceof RegisterRow r && link.matches(r.value(), null, null)) {
                quietlySelect(table, r);
                return;
            }
        }
    }

    private Color color(RegisterRow r) {
        return r.faulting() ? Preferences.shade(0xfee2e2) : null;
    }

    @Override
    protected void show(Presentation analysis) {
        if (table.getControl().isDisposed()) {
            return;
        }
        Presentation.FaultRegisters fault = analysis == null ? null : analysis.faultRegisters();
        digits = fault == null ? 16 : fault.digits();
        source.setText(fault == null || fault.rows().isEmpty() ? "No exception frame or oops registers in this transcript."
                : "Registers of the " + fault.where() + (fault.arch() == null ? "" : " (" + fault.arch() + ")"));
        table.setInput(fault == null ? List.of() : fault.rows());
    }

    public TableViewer table() {
        return table;
    }

    @Override
    public void setFocus() {
        Tables.focus(table, table.getControl().getParent());
    }

}
