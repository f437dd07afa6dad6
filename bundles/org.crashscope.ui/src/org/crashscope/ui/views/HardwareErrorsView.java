package org.crashscope.ui.views;

import java.util.List;

import org.crashscope.presentation.Presentation;
import org.crashscope.presentation.Presentation.HardwareRow;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The hardware errors of the log: GHES/CPER records, machine checks (one per CPU and bank, MCi_STATUS
 * decoded) and the kernel's memory-failure, soft-offline and EDAC lines, with their time before the
 * crash's report, severity, error type, physical address and location. Selecting one selects its
 * lines and highlights its physical address everywhere in the transcript.
 */
public final class HardwareErrorsView extends TranscriptView {

    public static final String ID = "org.crashscope.ui.hardwareErrorsView";

    private Label summary;
    private TableViewer table;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        summary = new Label(parent, SWT.NONE);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        table = Tables.create(parent);
        table.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        var mono = JFaceResources.getTextFont();
        Tables.column(table, HardwareRow.class, "line", 70, r -> String.valueOf(r.first()), null, null);
        Tables.column(table, HardwareRow.class, "kind", 140, HardwareRow::kind, null, null);
        Tables.column(table, HardwareRow.class, "time", 110, HardwareRow::time, null, mono);
        Tables.column(table, HardwareRow.class, "before the crash", 120, HardwareRow::beforeOops, null, null);
        Tables.column(table, HardwareRow.class, "severity", 90, HardwareRow::severity, null, null);
        Tables.column(table, HardwareRow.class, "error type", 200, HardwareRow::type, null, null);
        Tables.column(table, HardwareRow.class, "physical address", 150, r -> r.physical() == null ? "" : String.format("0x%x", r.physical()), null, mono);
        Tables.column(table, HardwareRow.class, "where", 400, HardwareRow::where, null, null);
        table.addSelectionChangedListener(e -> {
            if (((IStructuredSelection) e.getSelection()).getFirstElement() instanceof HardwareRow r) {
                revealLines(r.first(), r.last());
                if (r.physical() != null) {
                    highlightValue(r.physical());
                }
            }
        });
        getSite().setSelectionProvider(table);
        followActiveTranscript();
    }

    @Override
    protected void show(Presentation analysis) {
        List<HardwareRow> rows = analysis == null ? List.of() : analysis.hardwareRows();
        table.setInput(rows);
        summary.setText(analysis == null ? "No transcript" : rows.isEmpty() ? "No hardware error in this transcript"
                : rows.size() == 1 ? "1 hardware-error or memory-failure record in the log"
                : rows.size() + " hardware-error and memory-failure records in the log");
    }

    /** Another part selected a finding or a value: the record it names. */
    @Override
    protected void follow(Linked link) {
        if (!(table.getInput() instanceof List<?> rows)) {
            return;
        }
        for (Object o : rows) {
            if (o instanceof HardwareRow r && (link.matches(r.physical(), r.physical(), null)
                    || link.line() != null && link.line() <= r.last() && link.lastLine() >= r.first())) {
                quietlySelect(table, r);
                return;
            }
        }
    }

    /** The rows shown, for tests. */
    public TableViewer viewer() {
        return table;
    }

    @Override
    public void setFocus() {
        Tables.focus(table, table.getControl().getParent());
    }
}
