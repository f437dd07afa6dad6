package org.crashscope.ui.editor;

import java.util.List;

import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.hyperlink.IHyperlinkDetector;
import org.eclipse.jface.text.presentation.IPresentationReconciler;
import org.eclipse.jface.text.reconciler.IReconciler;
import org.eclipse.jface.text.rules.EndOfLineRule;
import org.eclipse.jface.text.rules.ICharacterScanner;
import org.eclipse.jface.text.rules.IRule;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.RuleBasedScanner;
import org.eclipse.jface.text.rules.Token;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.ui.editors.text.TextSourceViewerConfiguration;
import org.crashscope.ui.preferences.Preferences;

/**
 * Colours a transcript for reading: prompts and their commands, log timestamps, hardware-error
 * lines, register names, symbols with offsets, long hex values, and the analyst's arrows.
 */
public final class TranscriptColors extends TextSourceViewerConfiguration {

    public static final RGB PROMPT = new RGB(0x1d, 0x4e, 0xd8);
    public static final RGB TIMESTAMP = new RGB(0x6b, 0x72, 0x80);
    public static final RGB HARDWARE = new RGB(0xb4, 0x53, 0x09);
    public static final RGB REGISTER = new RGB(0x7e, 0x22, 0xce);
    public static final RGB SYMBOL = new RGB(0x04, 0x78, 0x57);
    public static final RGB HEX = new RGB(0x0f, 0x55, 0x6b);
    public static final RGB ANNOTATION = new RGB(0xdc, 0x26, 0x26);

    private static final List<String> REGISTERS = List.of("RIP", "RSP", "RFLAGS", "EFLAGS", "RAX", "RBX", "RCX", "RDX", "RSI", "RDI", "RBP", "R8", "R9",
            "R08", "R09", "R10", "R11", "R12", "R13", "R14", "R15", "ORIG_RAX", "CS", "SS", "DS", "ES", "FS", "GS", "CR0", "CR2", "CR3", "CR4", "DR0",
            "DR1", "DR2", "DR3", "DR6", "DR7", "PKRU");

    private final TranscriptEditor editor;

    /** @param editor the editor configured (its values are links) */
    TranscriptColors(IPreferenceStore store, TranscriptEditor editor) {
        super(store);
        this.editor = editor;
    }

    @Override
    public IHyperlinkDetector[] getHyperlinkDetectors(ISourceViewer sourceViewer) {
        // Ctrl+click on an address: where the analysis defines it, or its next occurrence
        return new IHyperlinkDetector[] {new ValueHyperlinks(editor)};
    }

    /** The scanner that finds what to colour, one per viewer. */
    static RuleBasedScanner scanner() {
        RuleBasedScanner scanner = new RuleBasedScanner();
        scanner.setRules(new IRule[] {
            new EndOfLineRule("crash>", token(Preferences.Colour.PROMPT, SWT.BOLD)),
            new EndOfLineRule("[Hardware Error]", token(Preferences.Colour.HARDWARE, SWT.NORMAL)),
            new EndOfLineRule("<<<", token(Preferences.Colour.ANNOTATION, SWT.BOLD)),
            new EndOfLineRule("<---", token(Preferences.Colour.ANNOTATION, SWT.BOLD)),
            new TimestampRule(token(Preferences.Colour.TIMESTAMP, SWT.NORMAL)),
            new WordsRule(token(Preferences.Colour.REGISTER, SWT.BOLD), token(Preferences.Colour.SYMBOL, SWT.NORMAL),
                    token(Preferences.Colour.HEX, SWT.NORMAL)),
        });
        return scanner;
    }

    @Override
    public IPresentationReconciler getPresentationReconciler(ISourceViewer sourceViewer) {
        // every document only where it is on screen: a live session that starts small grows, and JFace's reconciler
        // colours the whole of it each time it is read again (470 ms at 128 KiB, a second and more at 250 KiB)
        return new VisibleLinesReconciler(scanner());
    }

    @Override
    public IReconciler getReconciler(ISourceViewer sourceViewer) {
        return null; // no spelling: a transcript is not prose, and a spell checker would read a gigabyte
    }

    /** A token whose colour is looked up as it is drawn: the theme's and the user's (Preferences). */
    private static IToken token(Preferences.Colour colour, int style) {
        return new Token(null) {
            private RGB shown;
            private TextAttribute attribute;

            @Override
            public Object getData() {
                RGB rgb = Preferences.rgb(colour);
                if (!rgb.equals(shown)) {
                    shown = rgb;
                    attribute = new TextAttribute(new Color(rgb), null, style);
                }
                return attribute;
            }
        };
    }

    /** {@code [ 1234.567890]} at a log line's start. */
    private static final class TimestampRule implements IRule {
        private final IToken token;

        TimestampRule(IToken token) {
            this.token = token;
        }

        @Override
        public IToken evaluate(ICharacterScanner scanner) {
            if (scanner.getColumn() > 12) {
                return Token.UNDEFINED;
            }
            if (scanner.read() != '[') {
                scanner.unread();
                return Token.UNDEFINED;
            }
            int n = 1;
            int c;
            boolean digits = false;
            boolean dot = false;
            while ((c = scanner.read()) != ICharacterScanner.EOF && n < 20) {
                n++;
                if (c == ']' && digits && dot) {
                    return token;
                }
                if (c == '.') {
                    dot = true;
                } else if (Character.isDigit(c)) {
                    digits = true;
                } else if (c != ' ') {
                    break;
                }
            }
            for (int i = 0; i < n; i++) {
                scanner.unread();
            }
            return Token.UNDEFINED;
        }
    }

    /** A word: a register name followed by a colon, a {@code symbol+offset}, or a hex value of eight digits or more. */
    private static final class WordsRule implements IRule {
        private final IToken register;
        private final IToken symbol;
        private final IToken hex;

        WordsRule(IToken register, IToken symbol, IToken hex) {
            this.register = register;
            this.symbol = symbol;
            this.hex = hex;
        }

        @Override
        public IToken evaluate(ICharacterScanner scanner) {
            int c = scanner.read();
            if (c == ICharacterScanner.EOF || !(Character.isLetterOrDigit(c) || c == '_')) {
                scanner.unread();
                return Token.UNDEFINED;
            }
            if (scanner.getColumn() > 1) {
                // only at the start of a word
                scanner.unread();
                scanner.unread();
                int before = scanner.read();
                scanner.read();
                if (Character.isLetterOrDigit(before) || before == '_' || before == '.') {
                    scanner.unread();
                    return Token.UNDEFINED;
                }
            }
            StringBuilder word = new StringBuilder().append((char) c);
            while ((c = scanner.read()) != ICharacterScanner.EOF && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$')) {
                word.append((char) c);
            }
            String w = word.toString();
            if (c == ':' && REGISTERS.contains(w)) {
                scanner.unread();
                return register;
            }
            if (c == '+' && !w.chars().allMatch(ch -> Character.digit(ch, 16) >= 0) && Character.isLetter(w.charAt(0)) || c == '+' && w.startsWith("_")) {
                int offset = 0;
                int d;
                while ((d = scanner.read()) != ICharacterScanner.EOF && (Character.isLetterOrDigit(d))) {
                    offset++;
                }
                scanner.unread();
                if (offset > 0) {
                    return symbol;
                }
                scanner.unread(); // the '+'
                for (int i = 0; i < w.length(); i++) {
                    scanner.unread();
                }
                return Token.UNDEFINED;
            }
            scanner.unread();
            String digits = w.startsWith("0x") ? w.substring(2) : w;
            if (digits.length() >= 8 && digits.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                return hex;
            }
            for (int i = 0; i < w.length(); i++) {
                scanner.unread();
            }
            return Token.UNDEFINED;
        }
    }
}
