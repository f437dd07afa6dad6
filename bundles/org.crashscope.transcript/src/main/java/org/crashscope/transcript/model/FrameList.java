package org.crashscope.transcript.model;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A backtrace's frames held as arrays, each {@link Frame} made when asked for. A {@code foreach bt} of a big
 * machine is hundreds of thousands of frames: as records (a frame and a boxed address each) 88 bytes a frame; as
 * arrays 37, and a module, a source line or an exception frame only in a trace that has one. Unmodifiable.
 */
public final class FrameList extends AbstractList<Frame> implements RandomAccess {

    /** Below this many frames a trace keeps its records: the arrays' own headers would outweigh them. */
    static final int SMALLEST = 4;

    private static final byte UNRELIABLE = 1;
    private static final byte ADDRESS = 2;

    private final int[] lines;
    private final int[] indexes;
    private final long[] stackAddresses;
    private final long[] offsets;
    private final long[] addresses;
    private final byte[] flags;
    private final String[] functions;
    /** {@code null} when no frame has one */
    private final String[] modules;
    private final String[] sources;
    private final ExceptionFrame[] exceptions;

    private FrameList(List<Frame> frames) {
        int n = frames.size();
        lines = new int[n];
        indexes = new int[n];
        stackAddresses = new long[n];
        offsets = new long[n];
        addresses = new long[n];
        flags = new byte[n];
        functions = new String[n];
        String[] module = null;
        String[] source = null;
        ExceptionFrame[] exception = null;
        for (int i = 0; i < n; i++) {
            Frame f = frames.get(i);
            lines[i] = f.line();
            indexes[i] = f.index();
            stackAddresses[i] = f.stackAddress();
            offsets[i] = f.offset();
            addresses[i] = f.address() == null ? 0 : f.address();
            flags[i] = (byte) ((f.unreliable() ? UNRELIABLE : 0) | (f.address() != null ? ADDRESS : 0));
            functions[i] = f.function();
            if (f.module() != null) {
                module = module == null ? new String[n] : module;
                module[i] = f.module();
            }
            if (f.source() != null) {
                source = source == null ? new String[n] : source;
                source[i] = f.source();
            }
            if (f.exception() != null) {
                exception = exception == null ? new ExceptionFrame[n] : exception;
                exception[i] = f.exception();
            }
        }
        modules = module;
        sources = source;
        exceptions = exception;
    }

    /** The frames, held as arrays when there are enough of them to gain by it. */
    public static List<Frame> of(List<Frame> frames) {
        return frames.size() < SMALLEST ? List.copyOf(frames) : new FrameList(frames);
    }

    @Override
    public int size() {
        return lines.length;
    }

    @Override
    public Frame get(int i) {
        java.util.Objects.checkIndex(i, lines.length);
        return new Frame(lines[i], indexes[i], stackAddresses[i], (flags[i] & UNRELIABLE) != 0, functions[i], offsets[i],
                (flags[i] & ADDRESS) != 0 ? addresses[i] : null, modules == null ? null : modules[i], sources == null ? null : sources[i],
                exceptions == null ? null : exceptions[i]);
    }
}
