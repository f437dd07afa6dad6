package org.crashscope.ui.editor;

import java.util.List;

import org.crashscope.presentation.CrossReference;
import org.crashscope.presentation.Presentation;
import org.crashscope.presentation.ValueMeanings;

/**
 * The hex number under the caret in a transcript and everything it is (walk level, table slot,
 * stack slot, register, VMA, page, symbol, slab object): what the Properties view shows for a
 * caret in the editor.
 *
 * @param line the file line of the caret
 * @param arch the transcript's architecture, or {@code null} when it does not show it
 */
public record CaretValue(String token, long value, int line, List<ValueMeanings.Meaning> meanings, org.crashscope.arch.Arch arch) {

    /**
     * The hex number of {@code lineText} around column {@code column}, with its meanings, or
     * {@code null} when the caret is not on one.
     */
    static CaretValue at(String lineText, int column, int fileLine, Presentation analysis) {
        int start = Math.min(column, lineText.length());
        while (start > 0 && isHexChar(lineText.charAt(start - 1))) {
            start--;
        }
        int end = Math.min(column, lineText.length());
        while (end < lineText.length() && isHexChar(lineText.charAt(end))) {
            end++;
        }
        String token = lineText.substring(start, end);
        String digits = token.startsWith("0x") || token.startsWith("0X") ? token.substring(2) : token;
        if (digits.isEmpty() || digits.length() > 16 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                || start > 0 && Character.isLetter(lineText.charAt(start - 1))) {
            return null;
        }
        long value = Long.parseUnsignedLong(digits, 16);
        if (!CrossReference.linkable(value)) {
            return null; // 0, 1, 0x206: everywhere and meaning nothing in particular
        }
        return new CaretValue(token, value, fileLine, analysis == null ? List.of() : analysis.xref().meanings(value),
                analysis == null ? null : analysis.arch().arch());
    }

    private static boolean isHexChar(char c) {
        return Character.digit(c, 16) >= 0 || c == 'x' || c == 'X';
    }
}
