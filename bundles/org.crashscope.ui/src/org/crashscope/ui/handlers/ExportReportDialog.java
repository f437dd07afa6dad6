package org.crashscope.ui.handlers;

import org.crashscope.report.ReportBuilder;
import org.crashscope.report.ReportFormat;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.crashscope.ui.preferences.Preferences;

/** Chooses the report's format and previews its content before it is written. */
final class ExportReportDialog extends TitleAreaDialog {

    private final String file;
    private final ReportBuilder.Input input;
    private ReportFormat format = defaultFormat();

    /** The format chosen in Window > Preferences > Crashscope. */
    static ReportFormat defaultFormat() {
        String name = Preferences.store().getString(Preferences.EXPORT_FORMAT);
        for (ReportFormat f : ReportFormat.values()) {
            if (f.extension().equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return ReportFormat.HTML;
    }
    private StyledText preview;
    private Runnable onClose = () -> { };

    ExportReportDialog(Shell shell, String file, ReportBuilder.Input input) {
        super(shell);
        this.file = file;
        this.input = input;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    /** Runs when the dialog closes (releases the transcript its preview reads). */
    ExportReportDialog onClose(Runnable action) {
        this.onClose = action;
        return this;
    }

    @Override
    public boolean close() {
        onClose.run();
        return super.close();
    }

    ReportFormat format() {
        return format;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("Export Report");
        setMessage("The diagnosis, the evidence with its diagrams, your notes and the cited transcript lines. Choose a format; the preview shows the text.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = new Composite(area, SWT.NONE);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        body.setLayout(new GridLayout(3, false));
        String[] labels = {"HTML (one self-contained file, with diagrams)", "Markdown (GitHub, GitLab)", "JSON (the CLI contract plus notes)"};
        ReportFormat[] formats = {ReportFormat.HTML, ReportFormat.MARKDOWN, ReportFormat.JSON};
        for (int i = 0; i < formats.length; i++) {
            ReportFormat f = formats[i];
            Button radio = new Button(body, SWT.RADIO);
            radio.setText(labels[i]);
            radio.setSelection(f == format);
            radio.addListener(SWT.Selection, e -> {
                if (radio.getSelection()) {
                    format = f;
                    refresh();
                }
            });
        }
        preview = new StyledText(body, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL | SWT.READ_ONLY);
        preview.setFont(JFaceResources.getTextFont());
        GridData data = new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1);
        data.heightHint = 420;
        data.widthHint = 860;
        preview.setLayoutData(data);
        refresh();
        return area;
    }

    /** The preview: Markdown stands in for HTML (same sections, no diagrams); JSON as written. */
    private void refresh() {
        String text = (format == ReportFormat.JSON ? ReportFormat.JSON : ReportFormat.MARKDOWN).write(file, input);
        preview.setText(text.length() > 200_000 ? text.substring(0, 200_000) + "\n[... preview cut ...]" : text);
    }

    String previewText() {
        return preview.getText();
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Export...", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected Point getInitialSize() {
        return new Point(920, 680);
    }
}
