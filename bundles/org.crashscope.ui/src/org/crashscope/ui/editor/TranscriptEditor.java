package org.crashscope.ui.editor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.crashscope.analysis.Problems;
import org.crashscope.analysis.AnalysisSession;
import org.crashscope.analysis.TranscriptAnalysis;
import org.crashscope.transcript.CommandBlock;
import org.crashscope.transcript.Transcript;
import org.eclipse.core.commands.operations.IUndoContext;
import org.eclipse.core.commands.operations.ObjectUndoContext;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.text.ITextViewerExtension5;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.jface.text.source.IVerticalRuler;
import org.eclipse.jface.text.source.IVerticalRulerColumn;
import org.eclipse.jface.text.source.LineNumberChangeRulerColumn;
import org.eclipse.jface.text.source.projection.ProjectionSupport;
import org.eclipse.jface.text.source.projection.ProjectionViewer;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPathEditorInput;
import org.eclipse.ui.IWorkbenchCommandConstants;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.editors.text.TextEditor;
import org.eclipse.ui.ide.IGotoMarker;
import org.eclipse.ui.menus.CommandContributionItem;
import org.eclipse.ui.menus.CommandContributionItemParameter;
import org.eclipse.ui.operations.OperationHistoryActionHandler;
import org.eclipse.ui.operations.RedoActionHandler;
import org.eclipse.ui.operations.UndoActionHandler;
import org.eclipse.ui.texteditor.ITextEditorActionConstants;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.eclipse.ui.views.properties.IPropertySheetPage;
import org.eclipse.ui.views.properties.PropertySheetPage;
import org.crashscope.ui.Ui;
import org.crashscope.ui.markers.TranscriptProblems;
import org.crashscope.ui.notes.TranscriptNotes;
import org.crashscope.ui.preferences.Preferences;

/**
 * The read-only transcript editor. It shows the file as text (with line numbers) and knows the
 * command blocks parsed from it, which the Outline lists. It is where the text widget, the
 * workbench's adapters (outline, properties, markers, folding), the note undo context and the
 * editor's state meet; each piece of behaviour is a class of its own: the opening job
 * ({@link OpeningJob}), the ruler's anomalies and notes ({@link LineAnnotations}), a value's occurrences
 * ({@link ValueOccurrences}), the large file's window ({@link TranscriptWindowDocument}, moved by
 * {@link WindowScrolling}), the caret's value ({@link CaretValue}), the folding
 * ({@link BlockFolding}) and the colours ({@link TranscriptColors}). What is left is the wiring of
 * a TextEditor, which is why the class is longer than the rest.
 */
public class TranscriptEditor extends TextEditor {

    public static final String ID = "org.crashscope.ui.transcriptEditor";

    /** Fired (with {@link #firePropertyChange}) when the analysis of the transcript is ready. */
    public static final int PROP_ANALYSIS = 0x4301;
    /** Up to this size a transcript is analysed while it opens (a few tens of milliseconds); larger ones by a background job. */
    static final long SYNC_ANALYSIS_LIMIT = 256L << 10;
    /** Documents up to this length are coloured whole when set; longer ones only where they are on screen. */
    static final int COLOUR_WHOLE_LIMIT = 1 << 20;

    private Transcript transcript;
    private TranscriptAnalysis analysis;
    /** The analysis session of the open transcript (it owns its parse and analysis), or {@code null} before the analysis. */
    private AnalysisSession session;
    private Job analysisJob;
    private TranscriptNotes notes;
    private final IUndoContext undoContext = new ObjectUndoContext(this,
            "Transcript notes");
    private TranscriptOutlinePage outline;

    public TranscriptEditor() {
        setDocumentProvider(new TranscriptDocumentProvider());
    }

    @Override
    protected void doSetInput(IEditorInput input) throws CoreException {
        if (analysisJob != null) {
            analysisJob.cancel();
            analysisJob = null;
        }
        transcript = null;
        analysis = null;
        session = null;
        problems = List.of();
        if (notes != null) {
            notes.removeListener(notesChanged);
        }
        notes = null;
        if (!(input instanceof TranscriptInput) && input instanceof IPathEditorInput path && path.getPath() != null) {
            // opened from the Problems view (a workspace link) or by another plug-in: the same file
            input = new TranscriptInput(Path.of(path.getPath().toOSString()));
        }
        super.doSetInput(input);
        if (input instanceof TranscriptInput transcriptInput) {
            notes = new TranscriptNotes(transcriptInput.file());
            notes.onChange(notesChanged);
            markNotes();
            TranscriptWindowDocument window = window();
            if (window != null && !window.isIndexed()) {
                // a large file: its beginning is on screen already; index and analyse it in the background
                openInBackground(transcriptInput, window);
            } else {
                try {
                    transcript = transcriptInput.transcript();
                } catch (IOException e) {
                    throw new CoreException(Status.error("Cannot open " + transcriptInput.file() + ": " + e.getMessage(), e));
                }
                if (transcript.sizeInBytes() <= SYNC_ANALYSIS_LIMIT) {
                    analysis = analyse(transcript);
                    publishProblems();
                } else {
                    openInBackground(transcriptInput, null);
                }
            }
        }
        if (outline != null) {
            outline.setNodes(outlineNodes());
        }
    }

    /** The analysis of the editor's session: the views' depth, the shipped rules, the user's and the preferences' rule folders. */
    private TranscriptAnalysis analyse(Transcript transcript) {
        AnalysisSession opened = AnalysisSession.of(transcript, Preferences.settings());
        session = opened;
        return opened.analysis();
    }

    /** Indexes (unless done) and analyses the transcript in a cancellable job (see {@link OpeningJob}). */
    private void openInBackground(TranscriptInput input, TranscriptWindowDocument window) {
        analysisJob = OpeningJob.schedule(new OpeningJob.Editor() {
            @Override
            public boolean shows(TranscriptInput shown) {
                return getEditorInput() == shown && getSourceViewer() != null;
            }

            @Override
            public void indexed(Transcript opened, TranscriptWindowDocument in) {
                setTranscript(opened, in);
            }

            @Override
            public void analysed(AnalysisSession analysed, TranscriptAnalysis result) {
                session = analysed;
                setAnalysis(result);
            }

            @Override
            public void stopped(Job job, IStatus result) {
                openingStopped(job, result);
            }
        }, input, window);
    }

    /** A cancelled or failed opening: the views stop waiting, the status line says what is shown. */
    private void openingStopped(Job job, IStatus result) {
        if (analysisJob != job || getSourceViewer() == null) {
            return;
        }
        analysisJob = null;
        firePropertyChange(PROP_ANALYSIS);
        showStatus((result.getSeverity() == IStatus.CANCEL
                ? "Opening cancelled: " : "Opening failed (" + result.getMessage() + "): ") + (transcript == null
                        ? "only the beginning of the file is shown" : "the file is shown, its analysis is not"));
    }

    /** Cancels the opening or analysis job, if one runs (the Progress view's red button). */
    public void cancelOpening() {
        if (analysisJob != null) {
            analysisJob.cancel();
        }
    }

    private final LineAnnotations anomalies = new LineAnnotations(Ui.ANOMALY);
    private final LineAnnotations noteMarks = new LineAnnotations(Ui.NOTE);
    private final java.util.function.Consumer<TranscriptNotes> notesChanged = n -> markNotes();
    private List<Problems.Problem> problems = List.of();

    /** The analysis's problems go to the Problems view; its errors are also marked on their lines here; the status line sums it up. */
    private void publishProblems() {
        if (analysis != null) {
            showStatus(analysis.statusLine());
        }
        if (analysis != null && getEditorInput() instanceof TranscriptInput input) {
            problems = Problems.of(analysis);
            TranscriptProblems.publish(input.file(), problems);
            markAnomalies(problems);
        }
    }

    private void markAnomalies(List<Problems.Problem> toMark) {
        List<LineAnnotations.Mark> marks = toMark.stream().filter(p -> p.severity() == Problems.Severity.ERROR)
                .map(p -> new LineAnnotations.Mark(p.line(), p.line(), p.message())).toList();
        anomalies.mark(getDocumentProvider().getAnnotationModel(getEditorInput()), getDocumentProvider().getDocument(getEditorInput()), marks,
                line -> line - fileLine(0));
    }

    /** The analyst's notes in the ruler, on the lines they are about. */
    private void markNotes() {
        if (notes == null || getDocumentProvider() == null || getSourceViewer() == null) {
            return;
        }
        List<LineAnnotations.Mark> marks = notes.all().stream().map(n -> new LineAnnotations.Mark(n.firstLine(), n.lastLine(), "Note: " + n.text())).toList();
        noteMarks.mark(getDocumentProvider().getAnnotationModel(getEditorInput()), getDocumentProvider().getDocument(getEditorInput()), marks,
                line -> line - fileLine(0));
    }

    private String status = "";

    /** What the status line says of this transcript (while its editor is active). */
    public String status() {
        return status;
    }

    private String sessionNote = "";

    /**
     * What the status line says first of this transcript, before its analysis: that it is the
     * transcript of an earlier crash session, not a running one (set by {@link Transcripts#open}).
     */
    void setSessionNote(String note) {
        sessionNote = note == null ? "" : note;
        showStatus(status);
    }

    private void showStatus(String message) {
        String plain = !sessionNote.isEmpty() && message.startsWith(sessionNote) ? message.substring(sessionNote.length()) : message;
        message = sessionNote.isEmpty() ? plain : plain.isEmpty() ? sessionNote : sessionNote + plain;
        status = message;
        if (getEditorSite() != null) {
            getEditorSite().getActionBars().getStatusLineManager().setMessage(message);
        }
    }

    /** The notes marked in the ruler, for tests. */
    public List<Annotation> noteMarks() {
        return noteMarks.all();
    }

    /** The anomalies marked in the editor, for tests. */
    public List<Annotation> anomalies() {
        return anomalies.all();
    }

    private void setTranscript(Transcript opened, TranscriptWindowDocument window) {
        transcript = opened;
        if (window != null) {
            window.attach(opened);
            windowMoved();
        }
        if (outline != null) {
            outline.setNodes(outlineNodes());
        }
    }

    private void setAnalysis(TranscriptAnalysis result) {
        analysis = result;
        analysisJob = null;
        publishProblems();
        if (outline != null) {
            outline.setNodes(outlineNodes());
        }
        updateFolding();
        firePropertyChange(PROP_ANALYSIS);
    }

    /**
     * Reads the file again (a live session's transcript that grew): its text, its parse and its
     * analysis; the line at the top of the view stays there.
     */
    public void reload() {
        if (getSourceViewer() == null || !(getEditorInput() instanceof TranscriptInput input)) {
            return;
        }
        int top = getSourceViewer().getTopIndex();
        Transcript old = input.forget();
        try {
            getDocumentProvider().resetDocument(input);
            doSetInput(input);
        } catch (CoreException e) {
            ILog.of(getClass()).warn("Cannot read " + input.file() + " again: " + e.getMessage());
        }
        if (old != null && old != transcript) {
            old.close();
        }
        updateFolding();
        getSourceViewer().setTopIndex(top);
    }

    /** The file shown, or {@code null}. */
    public Path file() {
        return getEditorInput() instanceof TranscriptInput input ? input.file() : null;
    }

    /** Draws the transcript again in the current theme's and preferences' colours. */
    public void recolour() {
        if (getSourceViewer() != null) {
            getSourceViewer().invalidateTextPresentation();
        }
    }

    private String lastSearch = "";
    private long lastHit = -1;

    /** The last text found with Find in Whole Transcript, for the next search. */
    public String lastSearch() {
        return lastSearch;
    }

    /** The file offset of the last hit, or -1. */
    public long lastHit() {
        return lastHit;
    }

    public void rememberSearch(String query, long hit) {
        lastSearch = query;
        lastHit = hit;
    }

    /** Whether the analysis is still being computed in the background. */
    public boolean isAnalysing() {
        return analysisJob != null;
    }

    /** Whether only the lines on screen are coloured (a large file's window, or a long document). */
    boolean coloursOnScreenOnly() {
        IDocument document = getDocumentProvider() == null ? null : getDocumentProvider().getDocument(getEditorInput());
        return isLarge() || document != null && document.getLength() > COLOUR_WHOLE_LIMIT;
    }

    /** Whether the file is large and shown a window of lines at a time. */
    public boolean isLarge() {
        return window() != null;
    }

    private TranscriptWindowDocument window() {
        return getDocumentProvider() != null && getDocumentProvider().getDocument(getEditorInput()) instanceof TranscriptWindowDocument w ? w : null;
    }

    /** The file line (1-based) of document line {@code documentLine} (0-based). */
    public int fileLine(int documentLine) {
        TranscriptWindowDocument window = window();
        return documentLine + (window == null ? 1 : window.firstLine());
    }

    /** The file lines shown now: all of them, or the window of a large file. */
    public int[] shownLines() {
        TranscriptWindowDocument window = window();
        if (window != null) {
            return new int[] {window.firstLine(), window.lastLine()};
        }
        return new int[] {1, transcript == null ? 0 : transcript.lineCount()};
    }

    /** Brings file line {@code line} into the window of a large file (a no-op for others). */
    private void showInWindow(int line) {
        TranscriptWindowDocument window = window();
        if (window != null && !window.contains(line) && window.showAround(line)) {
            windowMoved();
        }
    }

    private void windowMoved() {
        clearOccurrences(); // their positions went with the old text
        markAnomalies(problems);
        markNotes();
        TranscriptWindowDocument window = window();
        if (window != null && getEditorSite() != null) {
            showStatus(String.format(Locale.ROOT,
                    "Large file: lines %,d-%,d of %,d shown; scroll on, or pick a block in the Outline, to move", window.firstLine(),
                    window.lastLine(), window.fileLineCount()));
        }
    }

    /** When the user scrolls near either end of a large file's window, the window follows. */
    private void followScrolling(int verticalOffset) {
        TranscriptWindowDocument window = window();
        if (window != null && getSourceViewer() != null) {
            scrolling.follow(getSourceViewer(), window, this::windowMoved);
        }
    }

    private final WindowScrolling scrolling = new WindowScrolling();

    private CaretValue caretValue;

    /** The hex number under the caret with its meanings, or {@code null}. */
    public CaretValue caretValue() {
        return caretValue;
    }

    /** A caret on a hex number: its meanings go to the Properties view, its other occurrences are highlighted. */
    private void caretMoved(int offset) {
        IDocument document = getDocumentProvider().getDocument(getEditorInput());
        if (document == null || offset < 0 || offset > document.getLength()) {
            return;
        }
        try {
            int line = document.getLineOfOffset(offset);
            IRegion region = document.getLineInformation(line);
            CaretValue value = CaretValue.at(document.get(region.getOffset(), region.getLength()), offset - region.getOffset(), fileLine(line),
                    analysis);
            if (value != null && (caretValue == null || caretValue.value() != value.value() || caretValue.line() != value.line())) {
                caretValue = value;
                highlightValue(value.value());
            } else if (value == null) {
                caretValue = null;
            }
        } catch (BadLocationException e) {
            caretValue = null;
        }
    }

    /** Selects the next occurrence of {@code value} after {@code from} (wrapping), as the highlight finds them. */
    void nextOccurrence(IRegion from, long value) {
        highlightValue(value);
        var target = occurrences.after(getDocumentProvider().getAnnotationModel(getEditorInput()), from.getOffset());
        if (target != null) {
            selectAndReveal(target.getOffset(), target.getLength());
        }
    }

    private ProjectionSupport projectionSupport;
    private BlockFolding folding;

    @Override
    protected ISourceViewer createSourceViewer(Composite parent,
            IVerticalRuler ruler, int styles) {
        var viewer = new ProjectionViewer(parent, ruler, getOverviewRuler(), isOverviewRulerVisible(), styles);
        getSourceViewerDecorationSupport(viewer);
        return viewer;
    }

    /** Command blocks fold (in files shown whole; a large file's window moves instead). */
    private void installFolding() {
        var viewer = (ProjectionViewer) getSourceViewer();
        projectionSupport = new ProjectionSupport(viewer, getAnnotationAccess(), getSharedColors());
        projectionSupport.install();
        folding = new BlockFolding(viewer);
        updateFolding();
    }

    private void updateFolding() {
        if (folding != null) {
            folding.update(getDocumentProvider().getDocument(getEditorInput()), blocks());
        }
    }

    /** The folding regions of the command blocks, for tests. */
    public List<Annotation> folds() {
        return folding == null ? List.of() : folding.folds();
    }

    /** The model offset of a text-widget offset (they differ when blocks are folded). */
    private int modelOffset(int widgetOffset) {
        return getSourceViewer() instanceof ITextViewerExtension5 extension ? extension.widgetOffset2ModelOffset(widgetOffset)
                : widgetOffset;
    }

    @Override
    public void createPartControl(Composite parent) {
        super.createPartControl(parent);
        markNotes();
        if (!isLarge()) {
            installFolding();
        }
        getSourceViewer().addViewportListener(this::followScrolling);
        getSourceViewer().getTextWidget().addCaretListener(e -> caretMoved(modelOffset(e.caretOffset)));
        if (isLarge()) {
            windowMoved();
        }
        // once this editor is on the page: it and any other transcript of the same name get titles that tell them apart
        getSite().getShell().getDisplay().asyncExec(() -> EditorTitles.update(getSite().getPage()));
    }

    /** The tab's title (the file's name, with parent folders when another open transcript has the same name). */
    void showTitle(String title) {
        if (!title.equals(getPartName())) {
            setPartName(title);
        }
    }

    @Override
    protected IVerticalRulerColumn createLineNumberRulerColumn() {
        // the file's line numbers, also in the window of a large file
        fLineNumberRulerColumn = new LineNumberChangeRulerColumn(getSharedColors()) {
            @Override
            protected String createDisplayString(int line) {
                return Integer.toString(fileLine(line));
            }

            @Override
            protected int computeNumberOfDigits() {
                int digits = 2;
                TranscriptWindowDocument window = window();
                for (long last = window != null ? window.estimatedLineCount() : shownLines()[1]; last > 99; last /= 10) {
                    digits++;
                }
                return digits;
            }
        };
        initializeLineNumberRulerColumn(fLineNumberRulerColumn);
        return fLineNumberRulerColumn;
    }

    @Override
    protected void initializeEditor() {
        super.initializeEditor();
        setSourceViewerConfiguration(new TranscriptColors(getPreferenceStore(), this));
        setRulerContextMenuId("#CrashscopeTranscriptRulerContext");
        setEditorContextMenuId("#CrashscopeTranscriptEditorContext");
    }

    /** Edit > Undo/Redo (Ctrl+Z, Ctrl+Y) undo and redo note edits: the text itself is never edited. */
    @Override
    protected void createUndoRedoActions() {
        var undo = new UndoActionHandler(getEditorSite(), undoContext);
        undo.setActionDefinitionId(IWorkbenchCommandConstants.EDIT_UNDO);
        var redo = new RedoActionHandler(getEditorSite(), undoContext);
        redo.setActionDefinitionId(IWorkbenchCommandConstants.EDIT_REDO);
        for (var action : List.of(Map.entry(ITextEditorActionConstants.UNDO, undo),
                Map.entry(ITextEditorActionConstants.REDO, redo))) {
            if (getAction(action.getKey()) instanceof OperationHistoryActionHandler old) {
                old.dispose();
            }
            setAction(action.getKey(), action.getValue());
            getEditorSite().getActionBars().setGlobalActionHandler(action.getKey(), action.getValue());
        }
    }

    @Override
    protected boolean isPrefQuickDiffAlwaysOn() {
        return false; // nothing to diff in evidence that is never edited, and the differ copies the whole document
    }

    @Override
    protected boolean isLineNumberRulerVisible() {
        return true;
    }

    /** The outline: the analysis's when there is one, else the blocks the index found. */
    List<org.crashscope.analysis.Outline.Node> outlineNodes() {
        return analysis != null ? org.crashscope.analysis.Outline.of(analysis) : org.crashscope.analysis.Outline.ofBlocks(blocks());
    }

    /** The command blocks of the open transcript, in order. */
    public List<CommandBlock> blocks() {
        return analysis != null ? analysis.parsed().commands() : transcript != null ? transcript.blocks() : List.of();
    }

    /** The open transcript (indexed, memory-mapped), or {@code null}. */
    public Transcript transcript() {
        return transcript;
    }

    /** The analysis session of the transcript, or {@code null} while it is being analysed: export and the views use it, never a second opening. */
    public AnalysisSession session() {
        return session;
    }

    /** The records and analyses of the open transcript, or {@code null} when it could not be read or is still being analysed. */
    public TranscriptAnalysis analysis() {
        return analysis;
    }

    /** The analyst's notes on this transcript, or {@code null} when it is not a file. */
    public TranscriptNotes notes() {
        return notes;
    }

    /** The context of note edits in the workbench's operation history (the Notes view's Undo/Redo). */
    public IUndoContext undoContext() {
        return undoContext;
    }

    /** The annotation type of the occurrences of a selected value (coloured by plugin.xml's specification). */
    public static final String OCCURRENCE = "org.crashscope.ui.occurrence";
    private final ValueOccurrences occurrences = new ValueOccurrences();

    /**
     * Highlights every occurrence of {@code value} in the transcript (as hex, with or without
     * {@code 0x} and leading zeros) and returns how many there are: what a selected slot or
     * register value looks like everywhere else.
     */
    public int highlightValue(long value) {
        var model = getDocumentProvider().getAnnotationModel(getEditorInput());
        IDocument document = getDocumentProvider().getDocument(getEditorInput());
        return model == null || document == null ? 0 : occurrences.highlight(model, document, value);
    }

    private void clearOccurrences() {
        occurrences.clear(getDocumentProvider() == null ? null : getDocumentProvider().getAnnotationModel(getEditorInput()));
    }

    /** Selects file lines {@code first..last} (1-based, inclusive) and scrolls them into view, moving a large file's window there. */
    public void revealLines(int first, int last) {
        showInWindow(first);
        IDocument document = getDocumentProvider().getDocument(getEditorInput());
        if (document == null || document.getNumberOfLines() == 0) {
            return;
        }
        try {
            int offset = fileLine(0);
            int lastIndex = Math.max(0, Math.min(last - offset, document.getNumberOfLines() - 1));
            int firstIndex = Math.min(Math.max(first - offset, 0), lastIndex);
            int start = document.getLineOffset(firstIndex);
            int end = document.getLineOffset(lastIndex) + document.getLineLength(lastIndex);
            selectAndReveal(start, end - start);
        } catch (BadLocationException e) {
            ILog.of(getClass()).error("Cannot reveal lines " + first + ".." + last, e);
        }
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (projectionSupport != null) {
            Object projection = projectionSupport.getAdapter(getSourceViewer(), adapter);
            if (projection != null) {
                return adapter.cast(projection);
            }
        }
        if (adapter == IGotoMarker.class) {
            // a double click in the Problems view: the file's line, also in a large file's window
            return adapter.cast((IGotoMarker) marker -> {
                int line = marker.getAttribute(IMarker.LINE_NUMBER, 1);
                revealLines(line, line);
            });
        }
        if (adapter == IPropertySheetPage.class) {
            // the caret's hex number and its meanings, instead of nothing for a text selection
            return adapter.cast(new PropertySheetPage() {
                @Override
                public void selectionChanged(IWorkbenchPart part, ISelection selection) {
                    if (part == TranscriptEditor.this && selection instanceof ITextSelection) {
                        selection = caretValue == null ? StructuredSelection.EMPTY
                                : new StructuredSelection(caretValue);
                    }
                    super.selectionChanged(part, selection);
                }
            });
        }
        if (adapter == IContentOutlinePage.class) {
            if (outline == null) {
                outline = new TranscriptOutlinePage(this);
                outline.setNodes(outlineNodes());
            }
            return adapter.cast(outline);
        }
        return super.getAdapter(adapter);
    }

    @Override
    protected void editorContextMenuAboutToShow(IMenuManager menu) {
        super.editorContextMenuAboutToShow(menu);
        menu.add(new Separator("crashscope"));
        menu.add(new CommandContributionItem(new CommandContributionItemParameter(getSite(), null,
                "org.crashscope.ui.addNote", CommandContributionItem.STYLE_PUSH)));
    }

    @Override
    public void dispose() {
        if (notes != null) {
            notes.removeListener(notesChanged);
        }
        if (getEditorInput() instanceof TranscriptInput input && analysis != null) {
            TranscriptProblems.clear(input.file());
        }
        if (analysisJob != null) {
            analysisJob.cancel();
            analysisJob = null;
        }
        outline = null;
        var page = getSite() == null ? null : getSite().getPage();
        super.dispose();
        if (page != null && !org.eclipse.ui.PlatformUI.getWorkbench().isClosing()) {
            org.eclipse.swt.widgets.Display.getDefault().asyncExec(() -> EditorTitles.update(page));
        }
    }
}
