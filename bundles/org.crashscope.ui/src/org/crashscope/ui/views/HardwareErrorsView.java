package org.crashscope.ui.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.crashscope.analysis.HardwareEvidence;
import org.crashscope.analysis.TranscriptAnalysis;
import org.crashscope.transcript.model.Oops;
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

    /** One row: a CPER record, a machine check or a memory-failure line. */
    public record Row(String kind, String time, String severity, String type, Long physical, String where, String beforeOops, int first, int last) {
    }

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
        Tables.column(table, Row.class, "line", 70, r -> String.valueOf(r.first()), null, null);
        Tables.column(table, Row.class, "kind", 140, Row::kind, null, null);
        Tables.column(table, Row.class, "time", 110, Row::time, null, mono);
        Tables.column(table, Row.class, "before the crash", 120, Row::beforeOops, null, null);
        Tables.column(table, Row.class, "severity", 90, Row::severity, null, null);
        Tables.column(table, Row.class, "error type", 200, Row::type, null, null);
        Tables.column(table, Row.class, "physical address", 150, r -> r.physical() == null ? "" : String.format("0x%x", r.physical()), null, mono);
        Tables.column(table, Row.class, "where", 400, Row::where, null, null);
        table.addSelectionChangedListener(e -> {
            if (((IStructuredSelection) e.getSelection()).getFirstElement() instanceof Row r) {
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
    protected void show(TranscriptAnalysis analysis) {
        List<Row> rows = analysis == null ? List.of() : rows(analysis);
        table.setInput(rows);
        summary.setText(analysis == null ? "No transcript" : rows.isEmpty() ? "No hardware error in this transcript"
                : rows.size() == 1 ? "1 hardware-error or memory-failure record in the log"
                : rows.size() + " hardware-error and memory-failure records in the log");
    }

    /** The rows of an analysis, in the order of the log; the time is counted to the crash's report. */
    public static List<Row> rows(TranscriptAnalysis analysis) {
        Oops oops = analysis.crash() != null && analysis.crash().oops() != null ? analysis.crash().oops()
                : analysis.parsed().oopses().stream().findFirst().orElse(null);
        Double oopsTime = oops == null ? null : oops.timestamp();
        List<Row> rows = new ArrayList<>();
        for (HardwareEvidence e : HardwareEvidence.of(analysis.parsed())) {
            rows.add(new Row(e.source(), time(e.timestamp()), e.severity(), e.what(), e.physical(), e.where(), before(e.timestamp(), oopsTime), e.first(),
                    e.last()));
        }
        return rows;
    }

    private static String time(Double t) {
        return t == null ? "" : String.format(Locale.ROOT, "%.6f", t);
    }

    private static String before(Double t, Double oops) {
        if (t == null || oops == null) {
            return "";
        }
        double ms = (oops - t) * 1000;
        return ms >= 0 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.1f ms after", -ms);
    }

    /** Another part selected a finding or a value: the record it names. */
    @Override
    protected void follow(Linked link) {
        if (!(table.getInput() instanceof List<?> rows)) {
            return;
        }
        for (Object o : rows) {
            if (o instanceof Row r && (link.matches(r.physical(), r.physical(), null)
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
