package org.crashscope.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.crashscope.analysis.TranscriptAnalysis;
import org.crashscope.report.AtomicFiles;
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

/** File > Export Report...: HTML, Markdown or JSON with the analyst's notes, written by a background job. */
public final class ExportReportHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        if (!(HandlerUtil.getActiveEditor(event) instanceof TranscriptEditor editor) || editor.analysis() == null
                || !(editor.getEditorInput() instanceof TranscriptInput input)) {
            return null;
        }
        Shell shell = editor.getSite().getShell();
        ReportFormat format;
        try (Transcript t = Transcript.open(input.file())) {
            ExportReportDialog choose = new ExportReportDialog(shell, input.file().getFileName().toString(), new ReportBuilder.Input(editor.analysis(),
                    t::line, t.lineCount(), editor.notes() == null ? java.util.List.of() : editor.notes().all()));
            if (choose.open() != org.eclipse.jface.window.Window.OK) {
                return null;
            }
            format = choose.format();
        } catch (IOException e) {
            MessageDialog.openError(shell, "Export Report", "Cannot read " + input.file() + ": " + e.getMessage());
            return null;
        }
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText("Export Report");
        dialog.setFilterExtensions(new String[] {"*." + format.extension(), "*"});
        dialog.setFileName(input.file().getFileName() + ".report." + format.extension());
        dialog.setFilterPath(Files.isWritable(input.file().getParent()) ? input.file().getParent().toString() : System.getProperty("user.home"));
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen == null) {
            return null;
        }
        export(shell, editor.analysis(), editor.notes(), input.file(), Path.of(chosen), format);
        return null;
    }

    /** The format-and-preview dialog for an editor's transcript (not opened). */
    public static org.eclipse.jface.dialogs.TitleAreaDialog previewDialog(Shell shell, TranscriptEditor editor) throws IOException {
        Path file = ((TranscriptInput) editor.getEditorInput()).file();
        Transcript t = Transcript.open(file);
        return new ExportReportDialog(shell, file.getFileName().toString(),
                new ReportBuilder.Input(editor.analysis(), t::line, t.lineCount(), editor.notes().all())).onClose(t::close);
    }

    /** The text the preview shows. */
    public static String previewText(org.eclipse.jface.dialogs.TitleAreaDialog dialog) {
        return ((ExportReportDialog) dialog).previewText();
    }

    /** Exports the report of an editor's transcript with its notes (see {@link #export(Shell, TranscriptAnalysis, TranscriptNotes, Path, Path, ReportFormat)}). */
    public static Job export(Shell shell, TranscriptEditor editor, Path target, ReportFormat format) {
        return export(shell, editor.analysis(), editor.notes(), ((TranscriptInput) editor.getEditorInput()).file(), target, format);
    }

    /** Writes the report in a job with progress; tells the user when it is done or failed. */
    static Job export(Shell shell, TranscriptAnalysis analysis, TranscriptNotes notes, Path transcript, Path target, ReportFormat format) {
        Job job = new Job("Exporting report to " + target.getFileName()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask("Writing the " + format.name().toLowerCase(java.util.Locale.ROOT) + " report", IProgressMonitor.UNKNOWN);
                try (Transcript t = Transcript.open(transcript)) {
                    String content = format.write(transcript.getFileName().toString(),
                            new ReportBuilder.Input(analysis, t::line, t.lineCount(), notes == null ? java.util.List.of() : notes.all()));
                    AtomicFiles.write(target, content);
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
