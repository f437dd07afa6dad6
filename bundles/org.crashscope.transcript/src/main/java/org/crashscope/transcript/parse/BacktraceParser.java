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
import org.crashscope.transcript.model.Registers;
import org.crashscope.transcript.model.Span;
import org.crashscope.transcript.model.StackSlot;
import org.crashscope.transcript.model.Symbol;
import org.crashscope.transcript.model.Task;

/**
 * {@code bt} in all its forms: task headers ({@code -a} prints several), frames with {@code ?},
 * modules and {@code -l} source lines, exception and user-mode register blocks, and the stack
 * words of {@code -f/-F/-FF}. Anything else in the block is kept as an annotation.
 */
final class BacktraceParser {

    private static final Pattern HEADER = Pattern.compile(
            "^\\s*PID:\\s*(\\d{1,9})\\s+TASK:\\s*([0-9a-fA-F]{1,16})\\s+CPU:\\s*(\\d{1,9}|-)\\s+COMMAND:\\s*\"(.*)\"\\s*$");
    private static final Pattern FRAME = Pattern.compile(
            "^\\s*#(\\d{1,9})\\s*\\[([0-9a-fA-F]{1,16})\\]\\s+(\\?\\s*)?(\\S+?)(?:\\+(0x[0-9a-fA-F]{1,16}|\\d{1,18}))?\\s+at\\s+([0-9a-fA-F]{1,16})(?:\\s+\\[([\\w-]+)\\])?\\s*(.*)$");
    private static final Pattern FRAME_NO_ADDRESS = Pattern.compile("^\\s*#(\\d{1,9})\\s*\\[([0-9a-fA-F]{1,16})\\]\\s+(\\?\\s*)?(\\S+)\\s*(.*)$");
    private static final Pattern EXCEPTION = Pattern.compile("^\\s*\\[exception RIP:\\s*(.*?)\\]\\s*$");
    private static final Pattern STACK_ROW = Pattern.compile("^\\s*([0-9a-fA-F]{6,16}):\\s+(.*)$");
    private static final Pattern SLAB = Pattern.compile("\\[([0-9a-fA-F]{1,16}):([\\w.@/-]+)\\]");
    private static final Pattern SOURCE = Pattern.compile("^\\s*(/\\S+|\\S+\\.[chS]):\\s*(\\d{1,9})\\s*$");

    private BacktraceParser() {
    }

    static List<Backtrace> parse(String command, BlockText text) {
        List<Backtrace> traces = new ArrayList<>();
        Builder current = new Builder(command);
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            int lineNo = text.lineNo(i);
            if (line.isBlank() || i == 0 && line.contains("crash>")) {
                continue;
            }
            Matcher m = HEADER.matcher(line);
            if (m.matches()) {
                if (current.hasData()) {
                    traces.add(current.build());
                    current = new Builder(command);
                }
                int cpu = m.group(3).equals("-") ? -1 : Integer.parseInt(m.group(3));
                current.task = new Task(lineNo, Long.parseLong(m.group(1)), Hex.parse(m.group(2)), cpu, m.group(4));
                current.touch(lineNo);
                continue;
            }
            if (current.frame(line, lineNo) || current.exception(line, lineNo) || current.registers(line, lineNo)
                    || current.source(line, lineNo) || current.stackRow(line, lineNo)) {
                current.touch(lineNo);
                continue;
            }
            current.annotations.add(new Annotation(lineNo, line.strip()));
            current.touch(lineNo);
        }
        Backtrace last = current.build();
        if (last != null) {
            traces.add(last);
        }
        return traces;
    }

    private static final class Builder {
        final String command;
        Task task;
        final List<Frame> frames = new ArrayList<>();
        final List<StackSlot> slots = new ArrayList<>();
        final List<Annotation> annotations = new ArrayList<>();
        final List<Diagnostic> diagnostics = new ArrayList<>();
        int first = -1;
        int last = -1;
        // the register block being read, attached to the last frame when it ends
        Map<String, Long> registers;
        int registersFirst;
        int registersLast;
        String exceptionText;

        Builder(String command) {
            this.command = command;
        }

        boolean isEmpty() {
            return first < 0;
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
            Matcher m = FRAME.matcher(line);
            if (m.matches()) {
                endRegisters();
                Long offset = m.group(5) == null ? Long.valueOf(0) : Hex.parseOffset(m.group(5));
                String rest = m.group(8).strip();
                frames.add(new Frame(lineNo, Integer.parseInt(m.group(1)), Hex.parse(m.group(2)), m.group(3) != null, m.group(4),
                        offset == null ? 0 : offset, Hex.parse(m.group(6)), m.group(7), null, null));
                if (!rest.isEmpty()) {
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
            if (!m.matches()) {
                return false;
            }
            endRegisters();
            registers = new LinkedHashMap<>();
            registersFirst = lineNo;
            registersLast = lineNo;
            exceptionText = m.group(1);
            return true;
        }

        boolean registers(String line, int lineNo) {
            Map<String, Long> found = new LinkedHashMap<>();
            if (!RegisterRows.parse(line, found)) {
                return false;
            }
            if (registers == null) {
                registers = new LinkedHashMap<>();
                registersFirst = lineNo;
                exceptionText = null;
            }
            registers.putAll(found);
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

        boolean stackRow(String line, int lineNo) {
            Matcher m = STACK_ROW.matcher(line);
            if (!m.matches()) {
                return false;
            }
            endRegisters();
            long address = Hex.parse(m.group(1));
            int frame = frames.isEmpty() ? -1 : frames.get(frames.size() - 1).index();
            List<String> tokens = tokens(m.group(2));
            int words = 0;
            for (String token : tokens) {
                if (words == 2) {
                    break;
                }
                StackSlot slot = slot(lineNo, address + 8L * words, token, frame);
                if (slot == null) {
                    break;
                }
                slots.add(slot);
                words++;
            }
            if (words == 0) {
                diagnostics.add(Diagnostic.warning(lineNo, "stack row with no value that is hex, a symbol or a slab tag"));
            }
            if (words < tokens.size()) {
                annotations.add(new Annotation(lineNo, String.join(" ", tokens.subList(words, tokens.size()))));
            }
            return true;
        }

        private static StackSlot slot(int lineNo, long address, String token, int frame) {
            Matcher slab = SLAB.matcher(token);
            if (slab.matches()) {
                return new StackSlot(lineNo, address, null, null, Hex.parse(slab.group(1)), slab.group(2), frame);
            }
            if (token.length() <= 16 && Hex.parse(token) != null && token.length() >= 8) {
                return new StackSlot(lineNo, address, Hex.parse(token), null, null, null, frame);
            }
            if (Symbols.looksLikeSymbol(token) && (token.contains("+") || token.contains("_") || token.contains("."))) {
                return new StackSlot(lineNo, address, null, token, null, null, frame);
            }
            return null;
        }

        private static List<String> tokens(String text) {
            List<String> out = new ArrayList<>();
            for (String t : text.strip().split("\\s+")) {
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
            return out;
        }

        private void endRegisters() {
            if (registers == null) {
                return;
            }
            Symbol rip = exceptionText == null ? null : Symbols.parse(exceptionText);
            Long cs = registers.get("cs");
            Long ripValue = registers.get("rip");
            boolean user = exceptionText == null
                    && (cs != null && (cs & 3) == 3 || ripValue != null && Long.compareUnsigned(ripValue, 0x0000800000000000L) < 0);
            ExceptionFrame e = new ExceptionFrame(new Span(registersFirst, registersLast), rip, exceptionText, new Registers(registers), user);
            if (frames.isEmpty()) {
                frames.add(new Frame(registersFirst, -1, 0, false, rip != null ? rip.name() : "?", rip != null ? rip.offset() : 0, ripValue,
                        null, null, e));
            } else {
                Frame f = frames.remove(frames.size() - 1);
                frames.add(new Frame(f.line(), f.index(), f.stackAddress(), f.unreliable(), f.function(), f.offset(), f.address(), f.module(),
                        f.source(), e));
            }
            registers = null;
            exceptionText = null;
        }

        Backtrace build() {
            endRegisters();
            if (first < 0) {
                return null;
            }
            if (frames.isEmpty() && slots.isEmpty() && task == null) {
                diagnostics.add(Diagnostic.warning(first, "bt output with no task header, frame or stack word"));
            }
            return new Backtrace(new Span(first, last), command, task, List.copyOf(frames), List.copyOf(slots), List.copyOf(annotations),
                    List.copyOf(diagnostics));
        }
    }
}
