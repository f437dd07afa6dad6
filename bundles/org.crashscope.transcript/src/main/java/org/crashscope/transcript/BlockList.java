package org.crashscope.transcript;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The command blocks of a transcript, stored by column: line numbers and indents in int arrays,
 * each kind once, the commands' text packed in UTF-8, in chunks of {@value #CHUNK} blocks. A block
 * costs a few dozen bytes instead of three objects, and growing never copies more than one chunk, so
 * a million {@code vtop} prompts fit in a quarter of their file's size while they are read, not only
 * once they are ({@code vtop} blocks of a 1 GB file: 130 MB held, where arrays grown by half and then
 * trimmed held 385-455 MB on their way); {@link #get} builds the {@link CommandBlock} a caller reads.
 * Immutable once built.
 */
final class BlockList extends AbstractList<CommandBlock> implements RandomAccess {

    private static final int SHIFT = 14;
    private static final int CHUNK = 1 << SHIFT;

    /** Up to {@link #CHUNK} blocks: their columns, and their commands' text (the first chunk starts small: most transcripts have a few blocks). */
    private static final class Chunk {
        int[] lines; // first, last per block
        int[] indents;
        short[] kindIds;
        int[] textEnds;
        byte[] text;
        int textLength;

        Chunk(int capacity) {
            lines = new int[2 * capacity];
            indents = new int[capacity];
            kindIds = new short[capacity];
            textEnds = new int[capacity];
            text = new byte[16 * capacity];
        }

        /** Room for block {@code i} of the chunk. */
        void fit(int i) {
            if (i == indents.length) {
                int grown = Math.min(CHUNK, i * 2);
                lines = Arrays.copyOf(lines, 2 * grown);
                indents = Arrays.copyOf(indents, grown);
                kindIds = Arrays.copyOf(kindIds, grown);
                textEnds = Arrays.copyOf(textEnds, grown);
            }
        }
    }

    private int size;
    private Chunk[] chunks = new Chunk[4];
    private final List<String> kinds = new ArrayList<>();
    private final Map<String, Short> kindIndex = new HashMap<>();

    void add(int firstLine, int lastLine, String command, String kind, int indent) {
        if (firstLine < 1 || lastLine < firstLine) {
            throw new IllegalArgumentException("bad span " + firstLine + ".." + lastLine);
        }
        int c = size >>> SHIFT;
        int i = size & (CHUNK - 1);
        if (i == 0) {
            if (c == chunks.length) {
                chunks = Arrays.copyOf(chunks, c * 2);
            }
            chunks[c] = new Chunk(c == 0 ? 16 : CHUNK);
        }
        Chunk chunk = chunks[c];
        chunk.fit(i);
        byte[] bytes = command.getBytes(StandardCharsets.UTF_8);
        if (chunk.textLength + bytes.length > chunk.text.length) {
            chunk.text = Arrays.copyOf(chunk.text, Math.max(chunk.textLength + bytes.length, chunk.text.length * 2));
        }
        System.arraycopy(bytes, 0, chunk.text, chunk.textLength, bytes.length);
        chunk.textLength += bytes.length;
        chunk.lines[2 * i] = firstLine;
        chunk.lines[2 * i + 1] = lastLine;
        chunk.indents[i] = indent;
        chunk.kindIds[i] = kindId(kind);
        chunk.textEnds[i] = chunk.textLength;
        size++;
        if (i == CHUNK - 1) { // a full chunk keeps only the text it holds
            chunk.text = Arrays.copyOf(chunk.text, chunk.textLength);
        }
    }

    /** The id of a kind; past {@link Short#MAX_VALUE} distinct kinds (only in garbage) -1: the kind is read again from the command. */
    private short kindId(String kind) {
        Short id = kindIndex.get(kind);
        if (id != null) {
            return id;
        }
        if (kinds.size() == Short.MAX_VALUE) {
            return -1;
        }
        short next = (short) kinds.size();
        kinds.add(kind);
        kindIndex.put(kind, next);
        return next;
    }

    /** Frees the spare room once every block is added: the last chunk's text, and the lookup of kinds. */
    BlockList trim() {
        int c = (size - 1) >>> SHIFT;
        if (size > 0 && chunks[c].text.length > chunks[c].textLength) {
            chunks[c].text = Arrays.copyOf(chunks[c].text, chunks[c].textLength);
        }
        kindIndex.clear();
        return this;
    }

    @Override
    public CommandBlock get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        Chunk chunk = chunks[index >>> SHIFT];
        int i = index & (CHUNK - 1);
        int from = i == 0 ? 0 : chunk.textEnds[i - 1];
        String command = new String(chunk.text, from, chunk.textEnds[i] - from, StandardCharsets.UTF_8);
        return new CommandBlock(chunk.lines[2 * i], chunk.lines[2 * i + 1], command, chunk.kindIds[i] < 0 ? Prompt.kindOf(command) : kinds.get(chunk.kindIds[i]),
                chunk.indents[i]);
    }

    @Override
    public int size() {
        return size;
    }
}
