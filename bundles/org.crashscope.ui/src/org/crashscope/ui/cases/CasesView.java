package org.crashscope.ui.cases;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.crashscope.library.Bucket;
import org.crashscope.library.Case;
import org.crashscope.library.CaseCounts;
import org.crashscope.library.CaseLibrary;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;

/**
 * The Cases view: the case library's buckets (signature and title, count, first and last seen,
 * kernels, status) and a chart of its cases per week and per kernel release, drawn with SWT. The
 * library is read in a job; Refresh reads it again.
 */
public final class CasesView extends ViewPart {

    public static final String ID = "org.crashscope.ui.casesView";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    private Label summary;
    private TableViewer viewer;
    private Canvas chart;
    private volatile List<Bucket> buckets = List.of();
    private volatile Map<String, Integer> perWeek = Map.of();
    private volatile Map<String, Integer> perKernel = Map.of();

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(2, false));
        summary = new Label(parent, SWT.NONE);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button refresh = new Button(parent, SWT.PUSH);
        refresh.setText("Refresh");
        refresh.setToolTipText("Read the case library again");
        refresh.addListener(SWT.Selection, e -> refresh());
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        viewer = new TableViewer(sash, SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        column("Bucket", 420, b -> b.signature() + (b.title() != null && !b.signature().contains(b.title()) ? "  \u2014  " + b.title() : ""));
        column("Cases", 60, b -> String.valueOf(b.count()));
        column("First seen", 95, b -> DAY.format(b.firstSeen()));
        column("Last seen", 95, b -> DAY.format(b.lastSeen()));
        column("Kernels", 260, b -> String.join(", ", b.kernels()));
        column("Status", 90, b -> b.status().id() + (b.solved() != null && b.solved().resolution() != null ? ": " + b.solved().resolution() : ""));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        chart = new Canvas(sash, SWT.DOUBLE_BUFFERED);
        chart.addPaintListener(e -> paint(e.gc, chart.getClientArea()));
        sash.setWeights(3, 2);
        refresh();
    }

    private void column(String title, int width, java.util.function.Function<Bucket, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.NONE);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Bucket) element);
            }
        });
    }

    /** Reads the library again (in a job) and shows it. */
    public void refresh() {
        Job job = Job.create("Reading the case library", (IProgressMonitor monitor) -> {
            String said;
            try (CaseLibrary library = CaseLibraries.open()) {
                List<Case> cases = library.cases();
                List<Bucket> read = library.buckets();
                buckets = read;
                perWeek = CaseCounts.perWeek(cases);
                perKernel = CaseCounts.perKernel(cases);
                said = read.size() + " buckets of " + cases.size() + " cases in " + library.location();
            } catch (IOException | RuntimeException e) {
                buckets = List.of();
                perWeek = Map.of();
                perKernel = Map.of();
                said = "Case library: " + e.getMessage();
            }
            String text = said;
            if (!summary.isDisposed()) {
                summary.getDisplay().asyncExec(() -> {
                    if (!summary.isDisposed()) {
                        summary.setText(text);
                        viewer.setInput(buckets);
                        chart.redraw();
                        summary.getParent().layout(true, true);
                    }
                });
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    /** The buckets shown (for tests). */
    public List<Bucket> buckets() {
        return buckets;
    }

    public TableViewer viewer() {
        return viewer;
    }

    public Canvas chart() {
        return chart;
    }

    public String summary() {
        return summary.isDisposed() ? "" : summary.getText();
    }

    /** Two bar charts side by side: cases per ISO week, cases per kernel release. */
    private void paint(GC gc, Rectangle area) {
        int half = area.width / 2;
        bars(gc, new Rectangle(area.x, area.y, half - 8, area.height), "Cases per week", perWeek, new RGB(0x25, 0x63, 0xeb));
        bars(gc, new Rectangle(area.x + half + 8, area.y, area.width - half - 8, area.height), "Cases per kernel release", perKernel, new RGB(0x05, 0x96, 0x69));
    }

    private static void bars(GC gc, Rectangle r, String title, Map<String, Integer> counts, RGB rgb) {
        gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        gc.drawText(title, r.x + 8, r.y + 4, true);
        if (counts.isEmpty()) {
            gc.drawText("no cases", r.x + 8, r.y + 24, true);
            return;
        }
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        // room above the tallest bar for its count
        int top = r.y + 44;
        int labelHeight = 18;
        int bottom = r.y + r.height - labelHeight - 6;
        int n = counts.size();
        int slot = Math.max(1, Math.min(140, (r.width - 16) / n));
        int width = Math.max(2, Math.min(80, slot - 6));
        Color fill = new Color(gc.getDevice(), rgb);
        try {
            int i = 0;
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                int x = r.x + 8 + i * slot;
                int h = bottom <= top ? 0 : (int) Math.round((double) e.getValue() * (bottom - top) / max);
                gc.setBackground(fill);
                gc.fillRectangle(x, bottom - h, width, h);
                String count = String.valueOf(e.getValue());
                Point cs = gc.textExtent(count);
                gc.drawText(count, x + (width - cs.x) / 2, bottom - h - cs.y - 2, true);
                String label = e.getKey();
                if (gc.textExtent(label).x > slot - 2) {
                    while (label.length() > 1 && gc.textExtent(label + "\u2026").x > slot - 2) {
                        label = label.substring(0, label.length() - 1);
                    }
                    label += "\u2026";
                }
                gc.drawText(label, x, bottom + 4, true);
                i++;
            }
        } finally {
            fill.dispose();
        }
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }
}
