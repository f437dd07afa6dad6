package org.crashscope.transcript.model;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A backtrace's frames held as arrays, each {@link Frame} made when asked for. A {@code foreach bt} of a big
 * machine is hundreds of thousands of frames: as records (a frame and a boxed address each) 88 bytes a frame; as
 * arrays about 26, a stack address as 4 bytes from the first frame's, a line and an index only where they do not
 * follow from the frame before, a module, a source line or an exception frame only in a trace that has one (an
 * exception frame alone without an array); what the frames hold but their stack addresses and lines
 * (functions, offsets, return addresses, flags, indexes, modules, source lines) is shared by the traces of the
 * same calls ({@link Shared#array}), most of a {@code foreach bt}'s. Unmodifiable.
 */
public final class FrameList extends AbstractList<Frame> implements RandomAccess {

    /** Below this many frames a trace keeps its records: the arrays' own headers would outweigh them. */
    static final int SMALLEST = 4;

    private static final byte UNRELIABLE = 1;
    private static final byte ADDRESS = 2;

    private final int size;
    private final int firstLine;
    /** each frame's line, or {@code null} while each is the one after the frame before's */
    private final int[] lines;
    /** each frame's index, or {@code null} while each is its position (#0, #1 ...) */
    private final int[] indexes;
    /** each frame's stack address less the first frame's (a stack is 16 KiB), or {@code null} when one does not fit an int */
    private final int[] stackDistances;
    private final long firstStackAddress;
    /** the stack addresses when {@link #stackDistances} cannot hold them */
    private final long[] stackAddresses;
    /** the offsets into the functions when one does not fit an int, else {@link #smallOffsets} */
    private final long[] offsets;
    private final int[] smallOffsets;
    private final long[] addresses;
    private final byte[] flags;
    private final String[] functions;
    /** {@code null} when no frame has one */
    private final String[] modules;
    private final String[] sources;
    /** {@code null} when no frame has one or one alone has ({@link #exception}) */
    private final ExceptionFrame[] exceptions;
    /** the exception frame of a trace that has one (most that have any), at {@link #exceptionAt} */
    private final ExceptionFrame exception;
    private final int exceptionAt;

    private FrameList(List<Frame> frames) {
        int n = frames.size();
        size = n;
        firstLine = frames.get(0).line();
        int[] line = new int[n];
        int[] index = new int[n];
        long[] offset = new long[n];
        boolean linesFollow = true;
        boolean indexesFollow = true;
        boolean offsetsSmall = true;
        long[] stack = new long[n];
        boolean stackNear = true;
        int exceptionCount = 0;
        int lastException = -1;
        long[] address = new long[n];
        byte[] flag = new byte[n];
        String[] function = new String[n];
        String[] module = null;
        String[] source = null;
        ExceptionFrame[] exceptionsMade = null;
        for (int i = 0; i < n; i++) {
            Frame f = frames.get(i);
            line[i] = f.line();
            index[i] = f.index();
            offset[i] = f.offset();
            linesFollow &= f.line() == firstLine + i;
            indexesFollow &= f.index() == i;
            offsetsSmall &= f.offset() == (int) f.offset();
            stack[i] = f.stackAddress();
            stackNear &= f.stackAddress() - stack[0] == (int) (f.stackAddress() - stack[0]);
            address[i] = f.address() == null ? 0 : f.address();
            flag[i] = (byte) ((f.unreliable() ? UNRELIABLE : 0) | (f.address() != null ? ADDRESS : 0));
            function[i] = f.function();
            if (f.module() != null) {
                module = module == null ? new String[n] : module;
                module[i] = f.module();
            }
            if (f.source() != null) {
                source = source == null ? new String[n] : source;
                source[i] = f.source();
            }
            if (f.exception() != null) {
                exceptionsMade = exceptionsMade == null ? new ExceptionFrame[n] : exceptionsMade;
                exceptionsMade[i] = f.exception();
                exceptionCount++;
                lastException = i;
            }
        }
        // the traces of tasks that sleep in the same calls share what their frames hold but the stack addresses
        functions = Shared.array(function);
        addresses = Shared.array(address);
        flags = Shared.array(flag);
        modules = Shared.array(module);
        sources = Shared.array(source);
        this.exceptions = exceptionCount > 1 ? exceptionsMade : null;
        this.exception = exceptionCount == 1 ? exceptionsMade[lastException] : null;
        this.exceptionAt = lastException;
        firstStackAddress = stack[0];
        stackAddresses = stackNear ? null : stack;
        stackDistances = stackNear ? new int[n] : null;
        for (int i = 0; stackNear && i < n; i++) {
            stackDistances[i] = (int) (stack[i] - firstStackAddress);
        }
        lines = linesFollow ? null : line;
        indexes = indexesFollow ? null : Shared.array(index);
        offsets = offsetsSmall ? null : Shared.array(offset);
        smallOffsets = offsetsSmall ? Shared.array(java.util.Arrays.stream(offset).mapToInt(o -> (int) o).toArray()) : null;
    }

    /** The functions of the frames, in order: the array the traces of the same calls share. */
    String[] functions() {
        return functions;
    }

    /** The frames, held as arrays when there are enough of them to gain by it. */
    public static List<Frame> of(List<Frame> frames) {
        return frames.size() < SMALLEST ? List.copyOf(frames) : new FrameList(frames);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Frame get(int i) {
        java.util.Objects.checkIndex(i, size);
        long stackAddress = stackDistances != null ? firstStackAddress + stackDistances[i] : stackAddresses[i];
        ExceptionFrame exceptionOf = exceptions != null ? exceptions[i] : i == exceptionAt ? exception : null;
        return new Frame(lines == null ? firstLine + i : lines[i], indexes == null ? i : indexes[i], stackAddress, (flags[i] & UNRELIABLE) != 0,
                functions[i], offsets == null ? smallOffsets[i] : offsets[i],
                (flags[i] & ADDRESS) != 0 ? addresses[i] : null, modules == null ? null : modules[i], sources == null ? null : sources[i],
                exceptionOf);
    }
}
