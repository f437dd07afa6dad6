package org.crashscope.transcript.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.Annotation;
import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.Diagnostic;
import org.crashscope.transcript.model.ExceptionFrame;
import org.crashscope.transcript.model.Frame;
import org.crashscope.transcript.model.FrameList;
import org.crashscope.transcript.model.ParsedRecord;
import org.crashscope.transcript.model.RawBlock;
import org.crashscope.transcript.model.Registers;
import org.crashscope.transcript.model.Span;
import org.crashscope.transcript.model.StackSlot;
import org.crashscope.transcript.model.StackSlots;
import org.crashscope.transcript.model.Symbol;
import org.crashscope.transcript.model.Task;

/**
 * {@code bt} in all its forms, and {@code foreach ... bt}: task headers ({@code -a} and foreach
 * print several), frames with {@code ?}, {@code (via ...)}, {@code (unreliable)}, modules and
 * {@code -l} source lines, exception and user-mode register blocks of every architecture (and
 * those of {@code bt -e}), the stack words of {@code -f/-F/-FF} at the width printed (4 or 8
 * bytes), the text symbols of {@code -t/-T}. A register block that crash itself calls {@code
 * possibly bogus} is kept but marked. Anything else in the block is kept as an annotation.
 */
final class BacktraceParser {

    private static final Pattern HEADER = Pattern.compile(
            "^[\\s>]*PID:\\s*(\\d{1,9})\\s+TASK:\\s*([0-9a-fA-F]{1,16})\\s+CPU:\\s*(\\d{1,9}|-)\\s+COMMAND:\\s*\"(.*)\"\\s*(?:\\S.*)?$");
    private static final Pattern FRAME = Pattern.compile(
            "^[\\s>]*#(\\d{1,9})\\s*\\[([0-9a-fA-F]{1,16})\\]\\s+(\\?\\s*)?(\\S+?)(?:\\+(0x[0-9a-fA-F]{1,16}|\\d{1,18}))?(?:\\s+\\(via [^)]*\\))?"
                    + "\\s+at\\s+([0-9a-fA-F]{1,16})(?:\\s+\\[([\\w.-]+)\\])?\\s*(.*)$");
    private static final Pattern FRAME_NO_ADDRESS = Pattern.compile("^[\\s>]*#(\\d{1,9})\\s*\\[([0-9a-fA-F]{1,16})\\]\\s+(\\?\\s*)?(\\S+)\\s*(.*)$");
    private static final Pattern EXCEPTION = Pattern.compile("^[\\s>]*\\[exception RIP:\\s*(.*?)\\]\\s*$");
    /** {@code bt -e}: {@code KERNEL-MODE EXCEPTION FRAME AT c0b3bf44:} / {@code USER-MODE ...}, riscv {@code ... AT: ff20...}. */
    private static final Pattern MODE_FRAME = Pattern.compile("^[\\s>]*(KERNEL|USER)-MODE EXCEPTION FRAME AT:?\\s*([0-9a-fA-F]{1,16}):?\\s*$");
    /** ppc64 {@code [NIP  : queued_spin_lock_slowpath+1204]} after its register block. */
    private static final Pattern BRACKETED_PC = Pattern.compile("^[\\s>]*\\[(NIP|PC|IP|EIP|RIP|pc|ip)\\s*:\\s*([^\\]\\s]+)\\s*\\]\\s*$");
    /** A stack row, the form {@link #stackRowOf} reads by hand (the tests hold the two alike). */
    static final Pattern STACK_ROW = Pattern.compile("^[\\s>]*([0-9a-fA-F]{6,16}):\\s+(.*)$");
    /** {@code bt -t/-T}: {@code [c1aa1f28] dput at c0157dbc [module]}, and the {@code START: schedule at c01190e0} line. */
    private static final Pattern TEXT_SYMBOL = Pattern.compile("^[\\s>]*\\[([0-9a-fA-F]{6,16})\\]\\s+(\\S+?)(?:\\+(0x[0-9a-fA-F]{1,16}|\\d{1,18}))?"
            + "\\s+at\\s+([0-9a-fA-F]{6,16})(?:\\s+\\[([\\w.-]+)\\])?\\s*$");
    /** Frame details crash prints under a frame: {@code [RA: c0153088  SP: c0ceded4  FP: c0cedf04  SIZE: 52]}, riscv {@code [PC: ... RA: ...]}. */
    private static final Pattern FRAME_INFO = Pattern.compile("^[\\s>]*\\[(?:RA|PC|SP|FP): [^\\]]*SIZE: \\d+\\]\\s*$");
    private static final Pattern SLAB = Pattern.compile("\\[([0-9a-fA-F]{1,16}):([\\w.@/-]+)\\]");
    /** A hex word with an analyst's label glued to it: {@code ffff8a9104090304[address]}. */
    private static final Pattern LABELLED_HEX = Pattern.compile("^([0-9a-fA-F]{8}|[0-9a-fA-F]{16})\\[([^\\]]{1,40})\\]$");
    private static final Pattern SOURCE = Pattern.compile("^[\\s>]*(/\\S+|\\S+\\.[chS]):\\s*(\\d{1,9})\\s*$");
    private static final Pattern BOGUS = Pattern.compile("^[\\s>]*(?:bt: )?WARNING: possibly bogus exception frame\\s*$");
    private static final Pattern UNRELIABLE = Pattern.compile("^\\(unreliable\\)$");

    private BacktraceParser() {
    }

    /**
     * The backtraces of a block, or one raw block with a diagnostic when it holds no task header,
     * frame, register block or stack word (e.g. {@code bt -D dump}, or only an error of crash).
     */
    static List<ParsedRecord> parse(String command, BlockText text) {
        List<ParsedRecord> traces = new ArrayList<>();
        Builder current = new Builder(command);
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            int lineNo = text.lineNo(i);
            if (line.isBlank() || i == 0 && line.contains("crash>")) {
                continue;
            }
            int at = Words.start(line);
            if (stackRowFirst(line, at) && current.stackRow(line, lineNo)) {
                // only a stack row starts with a hex word of 10 to 16 digits (or one starting with a digit) and a colon: none of the
                // patterns tried before it can match, so it is read at once (bt -FF of a big stack is almost all such rows)
                current.touch(lineNo);
                continue;
            }
            Matcher m = line.startsWith("PID:", at) ? HEADER.matcher(line) : null;
            if (m != null && m.matches()) {
                if (current.hasData()) {
                    traces.add(current.build());
                    current = new Builder(command);
                }
                int cpu = m.group(3).equals("-") ? -1 : Integer.parseInt(m.group(3));
                current.task = new Task(lineNo, Long.parseLong(m.group(1)), Hex.parse(m.group(2)), cpu, m.group(4));
                current.touch(lineNo);
                continue;
            }
            if (BOGUS.matcher(line).matches()) {
                current.markBogus(lineNo);
                current.touch(lineNo);
                continue;
            }
            if (current.frame(line, lineNo) || current.exception(line, lineNo) || current.registers(line, lineNo)
                    || current.source(line, lineNo) || current.textSymbol(line, lineNo) || current.stackRow(line, lineNo)) {
                current.touch(lineNo);
                continue;
            }
            if (!FRAME_INFO.matcher(line).matches()) {
                current.annotations.add(new Annotation(lineNo, line.strip()));
            }
            current.touch(lineNo);
        }
        Backtrace last = current.build();
        if (last != null) {
            traces.add(last);
        } else if (traces.isEmpty() && current.first > 0) {
            traces.add(new RawBlock(new Span(current.first, current.last), command, "bt",
                    List.of(Diagnostic.info(current.first, "bt output with no task header, frame or stack word"))));
        }
        return traces;
    }

    /**
     * Whether {@code line} from {@code at} is {@code [0-9a-fA-F]{6,16}:\s} (a stack row, {@link #STACK_ROW}) with a hex word no
     * register row can start with ({@link RegisterRows} names are a letter and up to 8 more characters).
     */
    static boolean stackRowFirst(String line, int at) {
        int i = at;
        while (i < line.length() && Words.hex(line.charAt(i))) {
            i++;
        }
        int digits = i - at;
        return digits >= 6 && digits <= 16 && (digits >= 10 || Character.isDigit(line.charAt(at))) && i + 1 < line.length() && line.charAt(i) == ':'
                && Words.space(line.charAt(i + 1));
    }

    /** A stack row's address and what follows it ({@link #STACK_ROW}'s groups). */
    record StackRow(String address, String rest) {
    }

    /**
     * {@link #STACK_ROW} read by hand (every line of a {@code bt -FF} is one): after {@code [\s>]*}, 6 to 16 hex digits,
     * a colon, white space, then a rest with no line terminator; {@code null} when the line is no stack row.
     */
    static StackRow stackRowOf(String line) {
        int at = Words.start(line);
        int i = at;
        while (i < line.length() && Words.hex(line.charAt(i))) {
            i++;
        }
        if (i - at < 6 || i - at > 16 || i + 1 >= line.length() || line.charAt(i) != ':' || !Words.space(line.charAt(i + 1))) {
            return null;
        }
        int rest = i + 2;
        while (rest < line.length() && Words.space(line.charAt(rest))) {
            rest++;
        }
        for (int k = rest; k < line.length(); k++) {
            char c = line.charAt(k);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return null; // what . does not match
            }
        }
        return new StackRow(line.substring(at, i), line.substring(rest));
    }

    /** Whether a form {@link #parse} tries before a stack row reads {@code line}: never where {@link #stackRowFirst} holds. */
    static boolean readBeforeStackRows(String line) {
        return HEADER.matcher(line).matches() || BOGUS.matcher(line).matches() || FRAME.matcher(line).matches() || FRAME_NO_ADDRESS.matcher(line).matches()
                || EXCEPTION.matcher(line).matches() || MODE_FRAME.matcher(line).matches() || BRACKETED_PC.matcher(line).matches()
                || RegisterRows.parse(line, new LinkedHashMap<>()) != null || SOURCE.matcher(line).matches() || TEXT_SYMBOL.matcher(line).matches();
    }

    private static final class Builder {
        final String command;
        Task task;
        final List<Frame> frames = new ArrayList<>();
        final StackSlots.Builder slots = new StackSlots.Builder();
        final List<Annotation> annotations = new ArrayList<>();
        final List<Diagnostic> diagnostics = new ArrayList<>();
        int first = -1;
        int last = -1;
        int wordWidth;
        // the register block being read, attached to the last frame when it ends
        Map<String, Long> registers;
        Map<String, Integer> registerLines = new java.util.HashMap<>();
        int registersFirst;
        int registersLast;
        String exceptionText;
        Boolean modeUser;
        String bracketedPc;

        Builder(String command) {
            this.command = command;
        }

        /** Whether anything but annotations was read: lines like {@code [...]} before a header belong to the next task. */
        boolean hasData() {
            return task != null || !frames.isEmpty() || !slots.isEmpty() || registers != null;
        }

        void touch(int lineNo) {
            if (first < 0) {
                first = lineNo;
            }
            last = lineNo;
        }

        boolean frame(String line, int lineNo) {
            if (!line.startsWith("#", Words.start(line))) {
                return false; // both patterns start with #
            }
            Matcher m = FRAME.matcher(line);
            if (m.matches()) {
                endRegisters();
                Long offset = m.group(5) == null ? Long.valueOf(0) : Hex.parseOffset(m.group(5));
                String rest = m.group(8).strip();
                boolean unreliable = m.group(3) != null || UNRELIABLE.matcher(rest).matches();
                frames.add(new Frame(lineNo, Integer.parseInt(m.group(1)), Hex.parse(m.group(2)), unreliable, m.group(4),
                        offset == null ? 0 : offset, Hex.parse(m.group(6)), m.group(7), null, null));
                if (!rest.isEmpty() && !UNRELIABLE.matcher(rest).matches()) {
                    annotations.add(new Annotation(lineNo, rest));
                }
                return true;
            }
            m = FRAME_NO_ADDRESS.matcher(line);
            if (m.matches()) {
                endRegisters();
                Symbol symbol = Symbols.parse(m.group(4));
                frames.add(new Frame(lineNo, Integer.parseInt(m.group(1)), Hex.parse(m.group(2)), m.group(3) != null,
                        symbol != null ? symbol.name() : m.group(4), symbol != null ? symbol.offset() : 0, null, null, null, null));
                if (!m.group(5).isBlank()) {
                    annotations.add(new Annotation(lineNo, m.group(5).strip()));
                }
                return true;
            }
            return false;
        }

        boolean exception(String line, int lineNo) {
            Matcher m = EXCEPTION.matcher(line);
            if (m.matches()) {
                startRegisters(lineNo);
                exceptionText = m.group(1);
                return true;
            }
            m = MODE_FRAME.matcher(line);
            if (m.matches()) {
                startRegisters(lineNo);
                modeUser = m.group(1).equals("USER");
                return true;
            }
            m = BRACKETED_PC.matcher(line);
            if (m.matches() && registers != null) {
                if (m.group(1).equalsIgnoreCase("NIP") || m.group(1).equalsIgnoreCase("PC") || bracketedPc == null) {
                    bracketedPc = bracketedPc == null ? m.group(2) : bracketedPc;
                }
                registersLast = lineNo;
                return true;
            }
            return false;
        }

        private void startRegisters(int lineNo) {
            endRegisters();
            registers = new LinkedHashMap<>();
            registerLines = new java.util.HashMap<>();
            registersFirst = lineNo;
            registersLast = lineNo;
        }

        boolean registers(String line, int lineNo) {
            Map<String, Long> found = new LinkedHashMap<>();
            String pc = RegisterRows.parse(line, found);
            if (pc == null) {
                return false;
            }
            if (registers == null) {
                registers = new LinkedHashMap<>();
                registerLines = new java.util.HashMap<>();
                registersFirst = lineNo;
                exceptionText = null;
            }
            registers.putAll(found);
            found.keySet().forEach(k -> registerLines.put(k, lineNo));
            if (!pc.isEmpty() && bracketedPc == null) {
                bracketedPc = pc;
            }
            registersLast = lineNo;
            return true;
        }

        boolean source(String line, int lineNo) {
            Matcher m = SOURCE.matcher(line);
            if (!m.matches() || frames.isEmpty()) {
                return false;
            }
            Frame f = frames.remove(frames.size() - 1);
            frames.add(new Frame(f.line(), f.index(), f.stackAddress(), f.unreliable(), f.function(), f.offset(), f.address(), f.module(),
                    m.group(1) + ":" + m.group(2), f.exception()));
            return true;
        }

        /** {@code bt -t/-T}: a stack word that holds a text address, named by crash. */
        boolean textSymbol(String line, int lineNo) {
            Matcher m = TEXT_SYMBOL.matcher(line);
            if (!m.matches()) {
                return false;
            }
            endRegisters();
            int width = m.group(1).length() <= 8 ? 4 : 8;
            String symbol = m.group(3) == null ? m.group(2) : m.group(2) + "+" + m.group(3);
            slots.add(new StackSlot(lineNo, Hex.parse(m.group(1)), Hex.parse(m.group(4)), symbol, null, null, currentFrame(), width));
            return true;
        }

        boolean stackRow(String line, int lineNo) {
            StackRow row = stackRowOf(line);
            if (row == null) {
                return false;
            }
            endRegisters();
            long address = Hex.parse(row.address());
            List<String> tokens = tokens(row.rest());
            int width = rowWidth(row.address(), tokens);
            int perRow = 16 / width;
            int words = 0;
            List<String> labels = new ArrayList<>();
            for (String token : tokens) {
                if (words == perRow) {
                    break;
                }
                Matcher labelled = token.endsWith("]") ? LABELLED_HEX.matcher(token) : null;
                String word = token;
                if (labelled != null && labelled.matches() && labelled.group(1).length() == 2 * width) {
                    word = labelled.group(1);
                    labels.add(labelled.group(2));
                }
                StackSlot slot = slot(lineNo, address + (long) width * words, word, currentFrame(), width);
                if (slot == null) {
                    break;
                }
                slots.add(slot);
                words++;
            }
            if (words == 0) {
                diagnostics.add(Diagnostic.warning(lineNo, "stack row with no value that is hex, a symbol or a slab tag"));
            }
            if (words < tokens.size() || !labels.isEmpty()) {
                List<String> rest = new ArrayList<>(labels);
                rest.addAll(tokens.subList(words, tokens.size()));
                annotations.add(new Annotation(lineNo, String.join(" ", rest)));
            }
            return true;
        }

        /** The word size of a stack row: the width of its hex words (16 digits: 8 bytes, 8 digits: 4), else of the trace so far. */
        private int rowWidth(String addressText, List<String> tokens) {
            for (String token : tokens) {
                Matcher labelled = token.endsWith("]") ? LABELLED_HEX.matcher(token) : null;
                String word = labelled != null && labelled.matches() ? labelled.group(1) : token;
                if ((word.length() == 16 || word.length() == 8) && Hex.parse(word) != null) {
                    wordWidth = word.length() / 2;
                    return wordWidth;
                }
            }
            if (wordWidth == 0) {
                wordWidth = addressText.length() <= 8 ? 4 : 8;
            }
            return wordWidth;
        }

        private int currentFrame() {
            return frames.isEmpty() ? -1 : frames.get(frames.size() - 1).index();
        }

        private static StackSlot slot(int lineNo, long address, String token, int frame, int width) {
            Matcher slab = token.startsWith("[") ? SLAB.matcher(token) : null;
            if (slab != null && slab.matches()) {
                return new StackSlot(lineNo, address, null, null, Hex.parse(slab.group(1)), slab.group(2), frame, width);
            }
            if (token.length() == 2 * width && Hex.parse(token) != null) {
                return new StackSlot(lineNo, address, Hex.parse(token), null, null, null, frame, width);
            }
            if (Symbols.looksLikeSymbol(token) && (token.contains("+") || token.contains("_") || token.contains("."))) {
                return new StackSlot(lineNo, address, null, token, null, null, frame, width);
            }
            return null;
        }

        private static List<String> tokens(String text) {
            return Words.split(text);
        }

        /** crash doubted the register block it just printed: mark it, so that nothing takes it as evidence. */
        void markBogus(int lineNo) {
            endRegisters();
            for (int i = frames.size() - 1; i >= 0; i--) {
                Frame f = frames.get(i);
                if (f.exception() != null) {
                    frames.set(i, new Frame(f.line(), f.index(), f.stackAddress(), f.unreliable(), f.function(), f.offset(), f.address(), f.module(),
                            f.source(), f.exception().asBogus()));
                    diagnostics.add(Diagnostic.crash(lineNo, Diagnostic.Severity.WARNING, String.format(
                            "crash calls the exception frame at line %d possibly bogus: its registers are not used as evidence", f.exception().span().first())));
                    return;
                }
            }
            diagnostics.add(Diagnostic.crash(lineNo, Diagnostic.Severity.WARNING, "crash: WARNING: possibly bogus exception frame"));
        }

        private void endRegisters() {
            if (registers == null) {
                return;
            }
            String ripName = exceptionText != null ? exceptionText : bracketedPc;
            Symbol rip = ripName == null ? null : Symbols.parse(ripName);
            Long ripValue = registers.containsKey("rip") ? registers.get("rip") : registers.containsKey("eip") ? registers.get("eip")
                    : registers.containsKey("pc") ? registers.get("pc") : registers.get("nip");
            boolean user = modeUser != null ? modeUser : exceptionText == null && RegisterRows.userMode(registers);
            ExceptionFrame e = new ExceptionFrame(new Span(registersFirst, registersLast), rip, exceptionText, new Registers(registers, registerLines), user, false);
            if (frames.isEmpty()) {
                frames.add(new Frame(registersFirst, -1, 0, false, rip != null ? rip.name() : "?", rip != null ? rip.offset() : 0, ripValue,
                        null, null, e));
            } else {
                Frame f = frames.remove(frames.size() - 1);
                if (f.exception() != null) {
                    // a second register block under one frame (bt -e prints kernel and user frames): keep both, the new one as a pseudo frame
                    frames.add(f);
                    frames.add(new Frame(registersFirst, -1, 0, false, rip != null ? rip.name() : "?", rip != null ? rip.offset() : 0, ripValue,
                            null, null, e));
                } else {
                    frames.add(new Frame(f.line(), f.index(), f.stackAddress(), f.unreliable(), f.function(), f.offset(), f.address(), f.module(),
                            f.source(), e));
                }
            }
            registers = null;
            exceptionText = null;
            modeUser = null;
            bracketedPc = null;
        }

        Backtrace build() {
            endRegisters();
            if (first < 0 || !hasData()) {
                return null;
            }
            return new Backtrace(new Span(first, last), command, task, FrameList.of(frames), slots.build(), List.copyOf(annotations),
                    List.copyOf(diagnostics));
        }
    }
}
