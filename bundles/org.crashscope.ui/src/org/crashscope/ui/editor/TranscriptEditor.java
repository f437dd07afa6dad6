package org.crashscope.ui.editor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.crashscope.presentation.Outline;
import org.crashscope.presentation.Presentation;
import org.crashscope.presentation.TranscriptSession;
import org.crashscope.transcript.CommandBlock;
import org.crashscope.transcript.Transcript;
import org.crashscope.ui.markers.TranscriptProblems;
import org.crashscope.ui.notes.TranscriptNotes;
import org.eclipse.core.commands.operations.IUndoContext;
import org.eclipse.core.commands.operations.ObjectUndoContext;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextViewerExtension5;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.jface.text.source.IVerticalRuler;
import org.eclipse.jface.text.source.IVerticalRulerColumn;
import org.eclipse.jface.text.source.projection.ProjectionViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPathEditorInput;
import org.eclipse.ui.editors.text.TextEditor;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;

/**
 * The read-only transcript editor: a text editor with line numbers, folding command blocks, the
 * analysis's errors and the analyst's notes in the ruler. What it shows besides the text comes
 * from its transcript's session ({@link EditorAnalysis}: opening, the analysis job, reading a live
 * session's transcript again); each other piece is a class of its own: the large file's window
 * ({@link TranscriptWindowDocument}, moved by {@link WindowScrolling}), the caret's value
 * ({@link CaretValue}) and its occurrences ({@link ValueOccurrences}), the folding
 * ({@link BlockFolding}), the colours ({@link TranscriptColors}), the status line
 * ({@link EditorStatus}) and the ruler's marks ({@link RulerMarks}).
 */
public class TranscriptEditor extends TextEditor {

    public static final String ID = "org.crashscope.ui.transcriptEditor";

    /** Fired (with {@link #firePropertyChange}) when the presentation of the transcript is ready, or changed (a live command ended). */
    public static final int PROP_ANALYSIS = 0x4301;
    /** The annotation type of the occurrences of a selected value (coloured by plugin.xml's specification). */
    public static final String OCCURRENCE = "org.crashscope.ui.occurrence";

    private final EditorAnalysis analysis = new EditorAnalysis(this);
    private final EditorStatus status = new EditorStatus(message -> {
        if (getEditorSite() != null) {
            getEditorSite().getActionBars().getStatusLineManager().setMessage(message);
        }
    });
    private final RulerMarks marks = new RulerMarks(this);
    private final IUndoContext undoContext = new ObjectUndoContext(this, "Transcript notes");
    private final EditorCaret caret = new EditorCaret(this);
    private final EditorLines lines = new EditorLines(this);
    private final WindowScrolling scrolling = new WindowScrolling();
    private TranscriptNotes notes;
    private TranscriptOutlinePage outline;
    private BlockFolding folding;
    private final TranscriptSearch search = new TranscriptSearch();

    public TranscriptEditor() {
        setDocumentProvider(new TranscriptDocumentProvider());
    }

    @Override
    protected void doSetInput(IEditorInput input) throws CoreException {
        setInput(input, false);
    }

    private void setInput(IEditorInput input, boolean again) throws CoreException {
        notes = null;
        if (!(input instanceof TranscriptInput) && input instanceof IPathEditorInput path && path.getPath() != null) {
            // opened from the Problems view (a workspace link) or by another plug-in: the same file
            input = new TranscriptInput(Path.of(path.getPath().toOSString()));
        }
        super.doSetInput(input);
        if (input instanceof TranscriptInput transcriptInput) {
            notes = new TranscriptNotes(transcriptInput.file());
            analyse(transcriptInput, again);
        }
        marks.follow(notes);
        updateOutline();
    }

    /** Starts the analysis of {@code input} ({@code again}: the views keep the last one until it ends). */
    private void analyse(TranscriptInput input, boolean again) throws CoreException {
        try {
            analysis.open(input, lines.window(), again, getDocumentProvider() instanceof TranscriptDocumentProvider provider && provider.showsBeginning(input));
        } catch (IOException e) {
            throw new CoreException(Status.error("Cannot open " + input.file() + ": " + e.getMessage(), e));
        }
    }

    /** Whether this editor still shows {@code input} and is on screen (a stage of an input it no longer shows is dropped). */
    boolean shows(TranscriptInput input) {
        return getEditorInput() == input && getSourceViewer() != null;
    }

    /** The transcript is indexed: a large file's window can move through it, the Outline lists its blocks. */
    void indexed(Transcript opened, TranscriptWindowDocument window) {
        if (window != null) {
            window.attach(opened);
            windowMoved();
        }
        updateOutline();
    }

    /**
     * Gives the document, part of the file (its beginning, or a live session's before its last
     * command), the file's whole {@code text} (read by the opening job), a part per UI task ({@link TranscriptDocumentProvider#fill}) while {@code going}; tells
     * {@code done} whether it then holds it all. The line at the top stays there.
     */
    void fill(String text, java.util.function.BooleanSupplier going, java.util.function.Consumer<Boolean> done) {
        fill(text, 0, going, done);
    }

    /** The next part of {@link #fill}: the document's first {@code matched} characters are {@code text}'s already. */
    private void fill(String text, int matched, java.util.function.BooleanSupplier going, java.util.function.Consumer<Boolean> done) {
        if (getSourceViewer() == null || !(getEditorInput() instanceof TranscriptInput input)
                || !(getDocumentProvider() instanceof TranscriptDocumentProvider provider) || !going.getAsBoolean()) {
            done.accept(false);
            return;
        }
        int top = getSourceViewer().getTopIndex();
        int now;
        try {
            now = provider.fill(input, text, matched);
        } catch (RuntimeException | Error e) {
            done.accept(false); // (the stages held for the whole text are dropped, the job told it stopped)
            throw e;
        }
        getSourceViewer().setTopIndex(top);
        if (now == text.length()) {
            marks.again();
            done.accept(true);
        } else {
            int held = now;
            getSourceViewer().getTextWidget().getDisplay().asyncExec(() -> {
                if (getEditorInput() == input) {
                    fill(text, held, going, done);
                } else {
                    done.accept(false);
                }
            });
        }
    }

    /** The opening stopped (cancelled or failed) before the analysis: the views stop waiting, the status line says what is shown. */
    void openingStopped(IStatus result) {
        if (getSourceViewer() != null) {
            firePropertyChange(PROP_ANALYSIS);
            status.stopped(result, analysis.transcript() != null);
        }
    }

    /** The presentation arrived (or a live session's new one): problems, status, outline, folding, then the views. */
    void presentationChanged() {
        Presentation p = analysis.presentation();
        if (p != null) {
            status.show(p.status());
            if (getEditorInput() instanceof TranscriptInput input) {
                TranscriptProblems.publish(input.file(), p.problems());
                marks.problems(p.problems());
            }
        }
        updateOutline();
        updateFolding();
        if (getSourceViewer() instanceof ITextViewerExtension5 x) {
            // the caret's value was looked up in no analysis, or an older one: its meanings are those of this one
            caret.lookUpAgain(x.widgetOffset2ModelOffset(getSourceViewer().getTextWidget().getCaretOffset()));
        }
        firePropertyChange(PROP_ANALYSIS);
    }

    private void updateOutline() {
        if (outline != null) {
            outline.setNodes(outlineNodes());
        }
    }

    /** Cancels the opening or analysis job, if one runs (as the Progress view's red button cancels the job). */
    public void cancelOpening() {
        analysis.cancel();
    }

    /** What the status line says of this transcript (while its editor is active). */
    public String status() {
        return status.text();
    }

    /** What the status line says first: that this is the transcript of an earlier crash session, not a running one (see {@link Transcripts#open}). */
    void setSessionNote(String note) {
        status.sessionNote(note);
    }

    /** The folding regions of the command blocks, in order, for tests. */
    public List<Annotation> folds() {
        return folding == null ? List.of() : folding.folds();
    }

    /** The editor's annotations of {@code type} ({@code Ui.NOTE}, {@code Ui.ANOMALY}), for tests. */
    public List<Annotation> annotations(String type) {
        List<Annotation> out = new java.util.ArrayList<>();
        getDocumentProvider().getAnnotationModel(getEditorInput()).getAnnotationIterator().forEachRemaining(a -> {
            if (a.getType().equals(type)) {
                out.add(a);
            }
        });
        return out;
    }

    /**
     * Reads the file again (a live session's transcript that grew), in the opening job: the text
     * the session added is then added to the document a part per UI task, and the analysis follows
     * (the views keep the last one until then); the line at the top stays there. The editor keeps
     * its input and its notes: setting the input again made a new document, laid out whole, for
     * every command. A file grown past what is shown whole gets a new document, a window.
     */
    public void reload() {
        if (getSourceViewer() == null || !(getEditorInput() instanceof TranscriptInput input)) {
            return;
        }
        int top = getSourceViewer().getTopIndex();
        input.forget(); // (the transcript of the read before stays the analysis's until the new index replaces it)
        try {
            if (getDocumentProvider() instanceof TranscriptDocumentProvider provider && provider.readsInPlace(input)) {
                analysis.open(input, null, true, true);
            } else {
                getDocumentProvider().resetDocument(input);
                setInput(input, true);
            }
        } catch (IOException e) {
            status.show("Cannot read " + input.file().getFileName() + " again: " + OpeningJob.reason(e) + "; what is shown is the read before");
        } catch (CoreException e) {
            ILog.of(getClass()).warn("Cannot read " + input.file() + " again: " + e.getMessage());
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

    /** What Find in Whole Transcript found last, where the next search goes on. */
    public TranscriptSearch search() {
        return search;
    }

    /** Whether the analysis is still being computed in the background. */
    public boolean isAnalysing() {
        return analysis.isAnalysing();
    }

    /** Whether the file is large and shown a window of lines at a time. */
    public boolean isLarge() {
        return lines.window() != null;
    }

    /** The file line (1-based) of document line {@code documentLine} (0-based). */
    public int fileLine(int documentLine) {
        return lines.fileLine(documentLine);
    }

    /** The file lines shown now: all of them, or the window of a large file. */
    public int[] shownLines() {
        return lines.shown();
    }

    private void windowMoved() {
        caret.clear();
        marks.again();
        if (lines.window() != null && getEditorSite() != null) {
            status.window(lines.window());
        }
    }

    /** The hex number under the caret with its meanings, or {@code null}. */
    public CaretValue caretValue() {
        return caret.value();
    }

    /** Selects the next occurrence of {@code value} after {@code from} (wrapping), as the highlight finds them. */
    void nextOccurrence(IRegion from, long value) {
        caret.next(from, value);
    }

    @Override
    protected ISourceViewer createSourceViewer(Composite parent, IVerticalRuler ruler, int styles) {
        var viewer = new BlockFolding.Viewer(parent, ruler, getOverviewRuler(), isOverviewRulerVisible(), styles, !isLarge());
        getSourceViewerDecorationSupport(viewer);
        return viewer;
    }

    /** Folds the command blocks of a file shown whole; none once it is a window (a live session grown past 4 MiB: blocks are numbered as in the file). */
    private void updateFolding() {
        if (folding != null) {
            folding.update(getDocumentProvider().getDocument(getEditorInput()), isLarge() ? List.of() : blocks());
        }
    }

    @Override
    public void createPartControl(Composite parent) {
        // laid out once at the end: each ruler column added lays the text out again, and the first sizes every line of it
        parent.setLayoutDeferred(true);
        try {
            super.createPartControl(parent);
        } finally {
            parent.setLayoutDeferred(false);
        }
        marks.again();
        if (!isLarge()) { // command blocks fold in files shown whole; a large file's window moves instead
            folding = new BlockFolding((ProjectionViewer) getSourceViewer(), getAnnotationAccess(), getSharedColors());
            updateFolding();
        }
        getSourceViewer().addViewportListener(offset -> {
            if (lines.window() != null) {
                scrolling.follow(getSourceViewer(), lines.window(), this::windowMoved);
            }
        });
        getSourceViewer().getTextWidget().addCaretListener(e -> caret.moved(getSourceViewer() instanceof ITextViewerExtension5 x
                ? x.widgetOffset2ModelOffset(e.caretOffset) : e.caretOffset));
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
        fLineNumberRulerColumn = new FileLineNumbers(getSharedColors(), this::fileLine, lines::last);
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

    @Override
    protected void createUndoRedoActions() {
        NoteUndo.install(this, undoContext);
    }

    @Override
    protected boolean isPrefQuickDiffAlwaysOn() {
        return false; // nothing to diff in evidence that is never edited, and the differ copies the whole document
    }

    @Override
    protected boolean isLineNumberRulerVisible() {
        return true;
    }

    /** The outline: the presentation's when there is one, else the blocks the index found. */
    List<Outline.Node> outlineNodes() {
        return analysis.presentation() != null ? analysis.presentation().outline() : Outline.ofBlocks(blocks());
    }

    /** The command blocks of the open transcript, in order. */
    public List<CommandBlock> blocks() {
        return analysis.blocks();
    }

    /** The open transcript (indexed, memory-mapped), or {@code null}. */
    public Transcript transcript() {
        return analysis.transcript();
    }

    /** The session of the transcript, or {@code null} before its analysis: export and the views use it, never a second opening. */
    public TranscriptSession session() {
        return analysis.session();
    }

    /** What the views, the export and the Properties show of the transcript, or {@code null} while it is being analysed. */
    public Presentation presentation() {
        return analysis.presentation();
    }

    /** The analyst's notes on this transcript, or {@code null} when it is not a file. */
    public TranscriptNotes notes() {
        return notes;
    }

    /** The context of note edits in the workbench's operation history (the Notes view's Undo/Redo). */
    public IUndoContext undoContext() {
        return undoContext;
    }

    /** Highlights every occurrence of {@code value} (hex, with or without {@code 0x} and leading zeros); returns how many there are. */
    public int highlightValue(long value) {
        return caret.highlight(value);
    }

    /** Selects file lines {@code first..last} (1-based, inclusive) and scrolls them into view, moving a large file's window there. */
    public void revealLines(int first, int last) {
        lines.reveal(first, last, this::windowMoved);
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        T own = folding == null ? null : folding.adapter(adapter);
        if (own == null && adapter == IContentOutlinePage.class && outline == null) {
            outline = new TranscriptOutlinePage(this);
            outline.setNodes(outlineNodes());
        }
        own = own != null ? own : EditorAdapters.of(this, adapter, outline);
        return own != null ? own : super.getAdapter(adapter);
    }

    @Override
    public void dispose() {
        marks.follow(null);
        if (getEditorInput() instanceof TranscriptInput input && analysis.presentation() != null) {
            TranscriptProblems.clear(input.file());
        }
        analysis.close();
        outline = null;
        var page = getSite() == null ? null : getSite().getPage();
        super.dispose();
        if (page != null && !org.eclipse.ui.PlatformUI.getWorkbench().isClosing()) {
            org.eclipse.swt.widgets.Display.getDefault().asyncExec(() -> EditorTitles.update(page));
        }
    }
}
