package org.crashscope.transcript.parse;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.crashscope.transcript.CommandBlock;
import org.crashscope.transcript.Segment;
import org.crashscope.transcript.model.ParsedRecord;
import org.crashscope.transcript.model.RawBlock;
import org.crashscope.transcript.model.Span;
import org.crashscope.transcript.model.SysInfo;

/**
 * The crash commands whose output Crashscope reads, one row each: the words that name the
 * command (a block's kind is its command's first word), how its output becomes records, and the
 * headless segment (output pasted without its {@code crash>} prompt) read as its output. A new
 * command is one row here, its parser class and a test; a command with no row stays a raw block.
 * The kernel log ({@code log}, {@code dmesg}: {@link CommandBlock#LOG_KINDS}) is not a row: its
 * reports are read through the log markers the scan found in those blocks, the same reader as for a
 * log pasted without a prompt.
 */
final class CommandParsers {

    /** Parses one command's output into records. */
    interface BlockParser {
        List<ParsedRecord> parse(String command, BlockText text);
    }

    /**
     * A crash command Crashscope reads.
     *
     * @param words   the words that name it ({@code foreach} and {@code for})
     * @param parser  its output to records
     * @param segment the headless segment read as its output, or {@code null}
     */
    record Command(List<String> words, BlockParser parser, Segment.Kind segment) {

        /** The word that names it in diagnostics and budgets. */
        String word() {
            return words.get(0);
        }
    }

    /** The commands {@code foreach} can run, by the word that names them. */
    private static final Set<String> FOREACH_COMMANDS = Set.of("bt", "vm", "task", "files", "net", "set", "sig", "vtop", "ps", "gcore");


    static final List<Command> COMMANDS = List.of(
            new Command(List.of("bt"), BacktraceParser::parse, Segment.Kind.BACKTRACE),
            new Command(List.of("foreach", "for"), CommandParsers::foreach, null),
            new Command(List.of("vtop"), (command, text) -> List.copyOf(VtopParser.parse(command, text)), null),
            new Command(List.of("ptov"), (command, text) -> List.of(PtovParser.parse(command, text)), null),
            new Command(List.of("rd"), (command, text) -> List.of(MemoryDumpParser.parse(command, text)), Segment.Kind.MEMORY_DUMP),
            new Command(List.of("kmem"), (command, text) -> List.of(KmemParser.parse(command, text)), null),
            new Command(List.of("dis"), (command, text) -> List.of(DisParser.parse(command, text)), null),
            new Command(List.of("sys"), (command, text) -> command.strip().equals("sys") ? List.of(SysParser.parse(command, text, SysInfo.Kind.SYS))
                    : raw(text, command, "sys"), null),
            new Command(List.of("set"), (command, text) -> isContextSet(command) ? List.of(SysParser.parse(command, text, SysInfo.Kind.SET))
                    : raw(text, command, "set"), null),
            new Command(List.of("vm"), (command, text) -> List.of(VmParser.parse(command, text)), null));

    private static final Map<String, Command> BY_WORD = new HashMap<>();
    private static final Map<Segment.Kind, Command> BY_SEGMENT = new HashMap<>();

    static {
        for (Command c : COMMANDS) {
            for (String word : c.words()) {
                if (BY_WORD.put(word, c) != null || CommandBlock.LOG_KINDS.contains(word)) {
                    throw new IllegalStateException("two readers of " + word);
                }
            }
            if (c.segment() != null && BY_SEGMENT.put(c.segment(), c) != null) {
                throw new IllegalStateException("two readers of " + c.segment() + " segments");
            }
        }
    }

    private CommandParsers() {
    }

    /** The command a block of this kind (its command's first word) is, or {@code null}: its output stays a raw block. */
    static Command forKind(String kind) {
        return BY_WORD.get(kind);
    }

    /** The command whose output a headless segment of this kind is, or {@code null}. */
    static Command forSegment(Segment.Kind kind) {
        return BY_SEGMENT.get(kind);
    }

    static boolean isLog(String kind) {
        return CommandBlock.LOG_KINDS.contains(kind);
    }

    static List<ParsedRecord> raw(BlockText text, String command, String kind) {
        return List.of(new RawBlock(new Span(text.first(), text.last()), command, kind, List.of()));
    }

    /** {@code foreach [filters] bt [-flags]} (also spelled {@code for}): the backtraces of every task it names. */
    private static List<ParsedRecord> foreach(String command, BlockText text) {
        String sub = Arrays.stream(command.strip().split("\\s+")).skip(1).filter(FOREACH_COMMANDS::contains).findFirst().orElse("");
        return sub.equals("bt") ? BacktraceParser.parse(command, text) : raw(text, command, "foreach");
    }

    /** {@code set PID}, {@code set TASK}, {@code set -p}, {@code set -c CPU}: a context change (not {@code set scroll off}). */
    private static boolean isContextSet(String command) {
        String[] words = command.strip().split("\\s+");
        return words.length == 1 || words.length >= 2 && (words[1].startsWith("-") && !words[1].equals("-v") || Hex.parse(words[1]) != null);
    }
}
