package org.crashscope.ui;

import org.crashscope.analysis.TranscriptAnalysis;
import java.io.IOException;
import java.util.List;

import org.crashscope.transcript.CommandBlock;
import org.crashscope.transcript.Transcript;
import org.crashscope.transcript.parse.TranscriptParser;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.editors.text.TextEditor;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;

/**
 * The read-only transcript editor. It shows the file as text (with line numbers) and knows the
 * command blocks parsed from it, which the Outline lists.
 */
public class TranscriptEditor extends TextEditor {

    public static final String ID = "org.crashscope.ui.transcriptEditor";
    static final String PLUGIN_ID = "org.crashscope.ui";

    private TranscriptAnalysis analysis;
    private TranscriptNotes notes;
    private final org.eclipse.core.commands.operations.IUndoContext undoContext = new org.eclipse.core.commands.operations.ObjectUndoContext(this,
            "Transcript notes");
    private TranscriptOutlinePage outline;

    public TranscriptEditor() {
        setDocumentProvider(new TranscriptDocumentProvider());
    }

    @Override
    protected void doSetInput(IEditorInput input) throws CoreException {
        super.doSetInput(input);
        analysis = null;
        notes = null;
        if (input instanceof TranscriptInput transcriptInput) {
            notes = new TranscriptNotes(transcriptInput.file());
            try (Transcript transcript = Transcript.open(transcriptInput.file())) {
                analysis = TranscriptAnalysis.of(TranscriptParser.parse(transcript));
            } catch (IOException e) {
                ILog.of(getClass()).warn("Cannot index " + transcriptInput.file() + ": " + e.getMessage());
            }
        }
        if (outline != null) {
            outline.setBlocks(blocks());
        }
    }

    @Override
    protected void initializeEditor() {
        super.initializeEditor();
        setSourceViewerConfiguration(new TranscriptColors(getPreferenceStore()));
        setRulerContextMenuId("#CrashscopeTranscriptRulerContext");
        setEditorContextMenuId("#CrashscopeTranscriptEditorContext");
    }

    @Override
    protected boolean isLineNumberRulerVisible() {
        return true;
    }

    /** The command blocks of the open transcript, in order. */
    public List<CommandBlock> blocks() {
        return analysis == null ? List.of() : analysis.parsed().commands();
    }

    /** The records and analyses of the open transcript, or {@code null} when it could not be read. */
    public TranscriptAnalysis analysis() {
        return analysis;
    }

    /** The analyst's notes on this transcript, or {@code null} when it is not a file. */
    public TranscriptNotes notes() {
        return notes;
    }

    /** The context of note edits in the workbench's operation history (the Notes view's Undo/Redo). */
    public org.eclipse.core.commands.operations.IUndoContext undoContext() {
        return undoContext;
    }

    /** The annotation type of the occurrences of a selected value (coloured by plugin.xml's specification). */
    public static final String OCCURRENCE = "org.crashscope.ui.occurrence";
    private final java.util.List<org.eclipse.jface.text.source.Annotation> occurrences = new java.util.ArrayList<>();

    /**
     * Highlights every occurrence of {@code value} in the transcript (as hex, with or without
     * {@code 0x} and leading zeros) and returns how many there are: what a selected slot or
     * register value looks like everywhere else.
     */
    public int highlightValue(long value) {
        var model = getDocumentProvider().getAnnotationModel(getEditorInput());
        IDocument document = getDocumentProvider().getDocument(getEditorInput());
        if (model == null || document == null) {
            return 0;
        }
        occurrences.forEach(model::removeAnnotation);
        occurrences.clear();
        String hex = Long.toHexString(value);
        if (hex.length() < 4) {
            return 0; // 0, 1, 0x206: everywhere and meaningless
        }
        var matcher = java.util.regex.Pattern.compile("(?<![0-9a-fA-Fx])(?:0x)?0*" + hex + "(?![0-9a-fA-F])", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(document.get());
        while (matcher.find() && occurrences.size() < 10_000) {
            var annotation = new org.eclipse.jface.text.source.Annotation(OCCURRENCE, false, "0x" + hex);
            model.addAnnotation(annotation, new org.eclipse.jface.text.Position(matcher.start(), matcher.end() - matcher.start()));
            occurrences.add(annotation);
        }
        return occurrences.size();
    }

    /** Selects lines {@code first..last} (1-based, inclusive) and scrolls them into view. */
    public void revealLines(int first, int last) {
        IDocument document = getDocumentProvider().getDocument(getEditorInput());
        if (document == null || document.getNumberOfLines() == 0) {
            return;
        }
        try {
            int lastIndex = Math.min(last, document.getNumberOfLines()) - 1;
            int firstIndex = Math.min(Math.max(first, 1) - 1, lastIndex);
            int start = document.getLineOffset(firstIndex);
            int end = document.getLineOffset(lastIndex) + document.getLineLength(lastIndex);
            selectAndReveal(start, end - start);
        } catch (BadLocationException e) {
            ILog.of(getClass()).error("Cannot reveal lines " + first + ".." + last, e);
        }
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == IContentOutlinePage.class) {
            if (outline == null) {
                outline = new TranscriptOutlinePage(this);
                outline.setBlocks(blocks());
            }
            return adapter.cast(outline);
        }
        return super.getAdapter(adapter);
    }

    @Override
    protected void editorContextMenuAboutToShow(org.eclipse.jface.action.IMenuManager menu) {
        super.editorContextMenuAboutToShow(menu);
        menu.add(new org.eclipse.jface.action.Separator("crashscope"));
        menu.add(new org.eclipse.ui.menus.CommandContributionItem(new org.eclipse.ui.menus.CommandContributionItemParameter(getSite(), null,
                "org.crashscope.ui.addNote", org.eclipse.ui.menus.CommandContributionItem.STYLE_PUSH)));
    }

    @Override
    public void dispose() {
        outline = null;
        super.dispose();
    }
}
