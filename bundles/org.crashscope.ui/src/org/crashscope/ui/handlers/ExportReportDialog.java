package org.crashscope.ui.handlers;

import org.crashscope.report.ReportBuilder;
import org.crashscope.report.ReportFormat;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.browser.Browser;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
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
    private final java.util.function.Supplier<ReportBuilder.Input> input;
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
    private Browser browser;
    private final org.eclipse.swt.custom.StackLayout stack = new org.eclipse.swt.custom.StackLayout();
    private String shown = "";
    private Runnable onClose = () -> { };

    /** @param input the report's input with the case and analyst as stored now (read again when they change) */
    ExportReportDialog(Shell shell, String file, java.util.function.Supplier<ReportBuilder.Input> input) {
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
        setMessage("The case, the diagnosis, the evidence with its diagrams, your notes and the cited transcript lines; the preview shows the report as it will look.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = new Composite(area, SWT.NONE);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        body.setLayout(new GridLayout(3, false));
        Composite who = new Composite(body, SWT.NONE);
        who.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        who.setLayout(new GridLayout(4, false));
        field(who, "&Case:", Preferences.REPORT_CASE, "the support case, e.g. 03512345");
        field(who, "&Analyst:", Preferences.REPORT_ANALYST, "your name");
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
        Composite previews = new Composite(body, SWT.NONE);
        GridData data = new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1);
        data.heightHint = 420;
        data.widthHint = 860;
        previews.setLayoutData(data);
        previews.setLayout(stack);
        preview = new StyledText(previews, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL | SWT.READ_ONLY);
        preview.setFont(JFaceResources.getTextFont());
        try {
            browser = new Browser(previews, SWT.NONE);
        } catch (org.eclipse.swt.SWTError e) {
            browser = null; // no browser engine here: the HTML is previewed as its text
        }
        refresh();
        return area;
    }

    /** A labelled text field remembered in the preferences under {@code key}; a change refreshes the preview. */
    private void field(Composite parent, String label, String key, String hint) {
        new Label(parent, SWT.NONE).setText(label);
        Text text = new Text(parent, SWT.BORDER);
        text.setText(Preferences.store().getString(key));
        text.setMessage(hint);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        text.addListener(SWT.Modify, e -> {
            Preferences.store().setValue(key, text.getText().strip());
            refresh();
        });
    }

    /** The preview: HTML rendered (as text where no browser engine is), Markdown and JSON as written. */
    private void refresh() {
        boolean rendered = format == ReportFormat.HTML && browser != null;
        String text = format == ReportFormat.HTML && !rendered
                ? "[no browser engine to render the HTML here (Debian: libwebkit2gtk-4.1-0): its content, as Markdown]\n\n"
                        + ReportFormat.MARKDOWN.write(file, input.get())
                : format.write(file, input.get());
        shown = text;
        if (rendered) {
            browser.setText(text);
            stack.topControl = browser;
        } else {
            preview.setText(text.length() > 200_000 ? text.substring(0, 200_000) + "\n[... preview cut ...]" : text);
            stack.topControl = preview;
        }
        preview.getParent().layout();
    }

    /** Whether the HTML preview is rendered by a browser. */
    boolean rendersHtml() {
        return browser != null && stack.topControl == browser;
    }

    String previewText() {
        return shown;
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
