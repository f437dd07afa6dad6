package org.crashscope.ui.handlers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.crashscope.report.AtomicFiles;
import org.crashscope.report.notes.Notes;
import org.crashscope.report.ReportBuilder;
import org.crashscope.report.ReportFormat;
import org.crashscope.transcript.Transcript;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;
import org.crashscope.ui.editor.TranscriptEditor;
import org.crashscope.ui.preferences.Preferences;
import org.crashscope.ui.editor.TranscriptInput;

/** File > Export Report...: HTML, Markdown or JSON with the analyst's notes, written by a background job. */
public final class ExportReportHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        if (!(HandlerUtil.getActiveEditor(event) instanceof TranscriptEditor editor) || !(editor.getEditorInput() instanceof TranscriptInput input)) {
            return null;
        }
        Shell shell = editor.getSite().getShell();
        if (editor.presentation() == null) {
            MessageDialog.openInformation(shell, "Export Report", editor.isAnalysing()
                    ? input.file().getFileName() + " is still being analysed (see the Progress view): export its report when the analysis is done."
                    : input.file().getFileName() + " has no analysis to report: its opening stopped (the status line says why).");
            return null;
        }
        ExportReportDialog choose = new ExportReportDialog(shell, input.file().getFileName().toString(), () -> input(editor));
        if (choose.open() != org.eclipse.jface.window.Window.OK) {
            return null;
        }
        ReportFormat format = choose.format();
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText("Export Report");
        dialog.setFilterExtensions(new String[] {"*." + format.extension(), FileFilters.ALL});
        dialog.setFileName(input.file().getFileName() + ".report." + format.extension());
        dialog.setFilterPath(Files.isWritable(input.file().getParent()) ? input.file().getParent().toString() : System.getProperty("user.home"));
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen == null) {
            return null;
        }
        export(shell, editor, Path.of(chosen), format);
        return null;
    }

    /**
     * What the report of an editor is made of: its session's analysis and transcript (the one it
     * holds open), its notes, and the case and analyst last given (Preferences), dated now.
     */
    static ReportBuilder.Input input(TranscriptEditor editor) {
        Transcript t = editor.session().transcript();
        var store = Preferences.store();
        ReportBuilder.Meta meta = ReportBuilder.Meta.now(store.getString(Preferences.REPORT_CASE), store.getString(Preferences.REPORT_ANALYST),
                org.osgi.framework.FrameworkUtil.getBundle(ExportReportHandler.class).getVersion().toString(), Preferences.syntax());
        return new ReportBuilder.Input(editor.presentation(), t::line, t.lineCount(), editor.notes() == null ? java.util.List.of() : editor.notes().all(), meta);
    }

    /** The format-and-preview dialog for an editor's transcript (not opened). */
    public static org.eclipse.jface.dialogs.TitleAreaDialog previewDialog(Shell shell, TranscriptEditor editor) throws IOException {
        Path file = ((TranscriptInput) editor.getEditorInput()).file();
        return new ExportReportDialog(shell, file.getFileName().toString(), () -> input(editor));
    }

    /** The text the preview shows. */
    public static String previewText(org.eclipse.jface.dialogs.TitleAreaDialog dialog) {
        return ((ExportReportDialog) dialog).previewText();
    }

    /** Writes the report of an editor's transcript with its notes in a job with progress; tells the user when it is done or failed. */
    public static Job export(Shell shell, TranscriptEditor editor, Path target, ReportFormat format) {
        Path transcript = ((TranscriptInput) editor.getEditorInput()).file();
        ReportBuilder.Input input = input(editor);
        Job job = new Job("Exporting report to " + target.getFileName()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask("Writing the " + format.name().toLowerCase(java.util.Locale.ROOT) + " report", IProgressMonitor.UNKNOWN);
                try {
                    String content = format.write(transcript.getFileName().toString(), input);
                    AtomicFiles.write(target, content, transcript, Notes.sidecar(transcript));
                    return Status.OK_STATUS;
                } catch (IOException e) {
                    return Status.error("Cannot write the report " + target + ": " + e.getMessage(), e);
                } finally {
                    monitor.done();
                }
            }
        };
        job.setUser(true);
        job.addJobChangeListener(new org.eclipse.core.runtime.jobs.JobChangeAdapter() {
            @Override
            public void done(org.eclipse.core.runtime.jobs.IJobChangeEvent event) {
                if (event.getResult().isOK() && !shell.isDisposed()) {
                    shell.getDisplay().asyncExec(() -> {
                        if (!shell.isDisposed() && !Boolean.getBoolean("crashscope.quietExport")) {
                            MessageDialog.openInformation(shell, "Export Report", "The report was written to " + target);
                        }
                    });
                }
            }
        });
        job.schedule();
        return job;
    }
}
