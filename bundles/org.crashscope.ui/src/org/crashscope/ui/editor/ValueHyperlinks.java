package org.crashscope.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.jface.text.hyperlink.IHyperlinkDetector;

/**
 * Ctrl+click on a hex number in a transcript: one link per line where the analysis says what the
 * value is (its walk level, table slot, stack word ...), and one to its next occurrence.
 */
public final class ValueHyperlinks implements IHyperlinkDetector {

    private final TranscriptEditor editor;

    public ValueHyperlinks(TranscriptEditor editor) {
        this.editor = editor;
    }

    @Override
    public IHyperlink[] detectHyperlinks(ITextViewer viewer, IRegion region, boolean canShowMultipleHyperlinks) {
        return links(viewer.getDocument(), region.getOffset());
    }

    /** The links of the hex number at {@code offset} of {@code document}, or {@code null} when there is none. */
    public IHyperlink[] links(IDocument document, int offset) {
        try {
            int line = document.getLineOfOffset(offset);
            IRegion region = document.getLineInformation(line);
            String text = document.get(region.getOffset(), region.getLength());
            int column = offset - region.getOffset();
            CaretValue value = CaretValue.at(text, column, editor.fileLine(line), editor.presentation());
            if (value == null) {
                return null;
            }
            int start = column;
            while (start > 0 && (Character.digit(text.charAt(start - 1), 16) >= 0 || text.charAt(start - 1) == 'x')) {
                start--;
            }
            Region link = new Region(region.getOffset() + start, value.token().length());
            List<IHyperlink> links = new ArrayList<>();
            for (var meaning : value.meanings()) {
                if (meaning.line() != value.line()) {
                    links.add(hyperlink(link, meaning.kind() + ": " + meaning.text() + " (line " + meaning.line() + ")",
                            () -> editor.revealLines(meaning.line(), meaning.line())));
                }
            }
            links.add(hyperlink(link, "Next occurrence of " + value.token(), () -> editor.nextOccurrence(link, value.value())));
            return links.toArray(IHyperlink[]::new);
        } catch (BadLocationException e) {
            return null;
        }
    }

    private static IHyperlink hyperlink(IRegion region, String label, Runnable open) {
        return new IHyperlink() {
            @Override
            public IRegion getHyperlinkRegion() {
                return region;
            }

            @Override
            public String getTypeLabel() {
                return label;
            }

            @Override
            public String getHyperlinkText() {
                return label;
            }

            @Override
            public void open() {
                open.run();
            }
        };
    }
}
