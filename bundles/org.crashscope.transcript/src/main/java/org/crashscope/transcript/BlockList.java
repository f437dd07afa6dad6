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
 * each kind once, the commands' text packed in one UTF-8 array. A block costs a few dozen bytes
 * instead of three objects, so a million {@code vtop} prompts fit in a quarter of their file's
 * size; {@link #get} builds the {@link CommandBlock} a caller reads. Immutable once built.
 */
final class BlockList extends AbstractList<CommandBlock> implements RandomAccess {

    private int size;
    private int[] lines = new int[32]; // first, last per block
    private int[] indents = new int[16];
    private short[] kindIds = new short[16];
    private final List<String> kinds = new ArrayList<>();
    private final Map<String, Short> kindIndex = new HashMap<>();
    private int[] textEnds = new int[16];
    private byte[] text = new byte[1024];
    private int textLength;

    void add(int firstLine, int lastLine, String command, String kind, int indent) {
        if (firstLine < 1 || lastLine < firstLine) {
            throw new IllegalArgumentException("bad span " + firstLine + ".." + lastLine);
        }
        if (size == indents.length) {
            int grown = size + (size >> 1) + 16;
            lines = Arrays.copyOf(lines, 2 * grown);
            indents = Arrays.copyOf(indents, grown);
            kindIds = Arrays.copyOf(kindIds, grown);
            textEnds = Arrays.copyOf(textEnds, grown);
        }
        byte[] bytes = command.getBytes(StandardCharsets.UTF_8);
        if (textLength + bytes.length > text.length) {
            text = Arrays.copyOf(text, Math.max(textLength + bytes.length, text.length + (text.length >> 1)));
        }
        System.arraycopy(bytes, 0, text, textLength, bytes.length);
        textLength += bytes.length;
        lines[2 * size] = firstLine;
        lines[2 * size + 1] = lastLine;
        indents[size] = indent;
        kindIds[size] = kindId(kind);
        textEnds[size] = textLength;
        size++;
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

    /** Frees the spare room once every block is added. */
    BlockList trim() {
        lines = Arrays.copyOf(lines, 2 * size);
        indents = Arrays.copyOf(indents, size);
        kindIds = Arrays.copyOf(kindIds, size);
        textEnds = Arrays.copyOf(textEnds, size);
        text = Arrays.copyOf(text, textLength);
        kindIndex.clear();
        return this;
    }

    @Override
    public CommandBlock get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        int from = i == 0 ? 0 : textEnds[i - 1];
        String command = new String(text, from, textEnds[i] - from, StandardCharsets.UTF_8);
        return new CommandBlock(lines[2 * i], lines[2 * i + 1], command, kindIds[i] < 0 ? Prompt.kindOf(command) : kinds.get(kindIds[i]), indents[i]);
    }

    @Override
    public int size() {
        return size;
    }
}
