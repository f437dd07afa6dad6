package org.crashscope.ui;

import org.crashscope.analysis.TranscriptAnalysis;
import org.eclipse.ui.part.ViewPart;

/**
 * A view that shows an analysis of the active transcript editor, follows it when another one is
 * activated, and selects evidence lines in it.
 */
abstract class TranscriptView extends ViewPart {

    private ActiveTranscript active;

    /** Starts following the active transcript editor; call at the end of {@code createPartControl}. */
    protected final void followActiveTranscript() {
        active = new ActiveTranscript(getSite().getPage(), editor -> {
            setContentDescription(editor != null && editor.isAnalysing() ? "Analysing " + editor.getTitle() + "\u2026" : "");
            show(editor == null ? null : editor.analysis());
        });
    }

    /** Shows the analysis of the active transcript, or nothing when {@code null}. */
    abstract void show(TranscriptAnalysis analysis);

    /** Selects lines {@code first..last} in the active transcript editor, if there is one. */
    protected final void revealLines(int first, int last) {
        if (active != null && active.current() != null) {
            active.current().revealLines(first, last);
        }
    }

    /** The transcript editor this view follows, or {@code null}. */
    protected final TranscriptEditor activeEditor() {
        return active == null ? null : active.current();
    }

    /** Highlights a value everywhere in the active transcript editor; returns the number of places. */
    protected final int highlightValue(long value) {
        return active != null && active.current() != null ? active.current().highlightValue(value) : 0;
    }

    @Override
    public void dispose() {
        if (active != null) {
            active.dispose();
        }
        super.dispose();
    }
}
