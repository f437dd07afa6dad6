package org.crashscope.analysis.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A kernel dump recognised by its magic, and its VMCOREINFO read without crash: an ELF core
 * ({@code /proc/vmcore}, {@code dump-guest-memory}) by its {@code VMCOREINFO} note, a
 * kdump-compressed dump ({@code KDUMP   }, makedumpfile's and QMP's) by the block after its
 * headers, a flattened makedumpfile stream and a {@code DISKDUMP} by their magic only.
 *
 * @param format     what the dump is
 * @param vmcoreinfo the VMCOREINFO lines ({@code OSRELEASE}, {@code BUILD-ID}, {@code PAGESIZE},
 *                   {@code KERNELOFFSET}, {@code CRASHTIME} ...), empty when the dump has none
 */
public record Dump(Path file, Format format, Map<String, String> vmcoreinfo) {

    public enum Format {
        ELF_CORE("ELF core"), KDUMP_COMPRESSED("kdump-compressed"), FLATTENED("makedumpfile flattened"), DISKDUMP("diskdump");

        private final String wording;

        Format(String wording) {
            this.wording = wording;
        }

        public String wording() {
            return wording;
        }
    }

    /** The kernel release the dump says it is of ({@code 6.1.0-37-amd64}), or {@code null}. */
    public String release() {
        return vmcoreinfo.get("OSRELEASE");
    }

    /** The build id of the dumped kernel, hex, or {@code null}. */
    public String buildId() {
        return vmcoreinfo.get("BUILD-ID");
    }

    /** The dump in a file, or {@code null} when {@code file} is not a dump (a transcript, anything else). */
    public static Dump of(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = read(ch, 0, 4096);
            if (head.limit() >= 64 && head.getInt(0) == 0x7f454c46 && head.get(4) == 2) {
                Dump elf = elf(file, ch, head);
                if (elf != null) {
                    return elf;
                }
            }
            String magic = new String(head.array(), 0, Math.min(16, head.limit()), StandardCharsets.ISO_8859_1);
            if (magic.startsWith("KDUMP   ")) {
                return new Dump(file, Format.KDUMP_COMPRESSED, kdump((offset, length) -> read(ch, offset, length)));
            }
            if (magic.startsWith("makedumpfile")) {
                return new Dump(file, Format.FLATTENED, flattened(ch));
            }
            if (magic.startsWith("DISKDUMP")) {
                return new Dump(file, Format.DISKDUMP, Map.of());
            }
            return null;
        }
    }

    /** An ELF64 core (e_type 4) with a PT_LOAD, and the VMCOREINFO note of its PT_NOTE segments. */
    private static Dump elf(Path file, FileChannel ch, ByteBuffer head) throws IOException {
        ByteOrder order = head.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        head.order(order);
        if (head.getShort(16) != 4) {
            return null; // not a core file
        }
        long phoff = head.getLong(32);
        int phentsize = head.getShort(54) & 0xffff;
        int phnum = head.getShort(56) & 0xffff;
        if (phentsize < 56 || phnum == 0 || phnum > 65535) {
            return null;
        }
        ByteBuffer ph = read(ch, phoff, phentsize * phnum).order(order);
        boolean load = false;
        Map<String, String> info = Map.of();
        for (int i = 0; i < phnum && (i + 1) * phentsize <= ph.limit(); i++) {
            int type = ph.getInt(i * phentsize);
            long offset = ph.getLong(i * phentsize + 8);
            long size = ph.getLong(i * phentsize + 32);
            if (type == 1) {
                load = true;
            } else if (type == 4 && size > 0 && size < (16 << 20) && info.isEmpty()) {
                info = notes(read(ch, offset, (int) size).order(order));
            }
        }
        return load ? new Dump(file, Format.ELF_CORE, info) : null;
    }

    /** The {@code VMCOREINFO} note among ELF notes, as key=value lines. */
    private static Map<String, String> notes(ByteBuffer notes) {
        int at = 0;
        while (at + 12 <= notes.limit()) {
            int nameSize = notes.getInt(at);
            int descSize = notes.getInt(at + 4);
            if (nameSize < 0 || descSize < 0) {
                break;
            }
            int name = at + 12;
            int desc = name + ((nameSize + 3) & ~3);
            if (desc + descSize > notes.limit()) {
                break;
            }
            String noteName = new String(notes.array(), name, Math.max(0, nameSize - 1), StandardCharsets.ISO_8859_1);
            if (noteName.equals("VMCOREINFO")) {
                return lines(new String(notes.array(), desc, descSize, StandardCharsets.ISO_8859_1));
            }
            at = desc + ((descSize + 3) & ~3);
        }
        return Map.of();
    }

    /** disk_dump_header: signature[8], header_version, new_utsname (6 x 65), timeval (8-aligned), status, then block_size. */
    static final int BLOCK_SIZE = 428;

    /** Reads {@code length} bytes at {@code offset} of a kdump-compressed file (fewer, or none, past what is there). */
    private interface KdumpBytes {
        ByteBuffer at(long offset, int length) throws IOException;
    }

    /**
     * kdump-compressed: the disk_dump_header (block_size at {@value #BLOCK_SIZE}), then the
     * kdump_sub_header one block on, whose offset_vmcoreinfo and size_vmcoreinfo (at 32 and 40:
     * phys_base, dump_level, split, start_pfn and end_pfn come first; header version 3 and later)
     * locate the VMCOREINFO text.
     */
    private static Map<String, String> kdump(KdumpBytes file) throws IOException {
        ByteBuffer head = file.at(0, BLOCK_SIZE + 4).order(ByteOrder.LITTLE_ENDIAN);
        if (head.limit() < BLOCK_SIZE + 4 || !new String(head.array(), 0, 8, StandardCharsets.ISO_8859_1).equals("KDUMP   ")) {
            return Map.of();
        }
        int blockSize = head.getInt(BLOCK_SIZE);
        if (head.getInt(8) < 3 || blockSize <= 0 || blockSize > (1 << 20)) {
            return Map.of();
        }
        ByteBuffer sub = file.at(blockSize, 48).order(ByteOrder.LITTLE_ENDIAN);
        if (sub.limit() < 48) {
            return Map.of();
        }
        long offset = sub.getLong(32);
        long size = sub.getLong(40);
        if (offset <= 0 || size <= 0 || size > (1 << 20)) {
            return Map.of();
        }
        ByteBuffer text = file.at(offset, (int) size);
        return lines(new String(text.array(), 0, text.limit(), StandardCharsets.ISO_8859_1));
    }

    /**
     * A flattened kdump (makedumpfile -F, QEMU's kdump formats written to a stream): after a
     * 4096-byte header, records of (offset, size) big-endian then the data that belongs at that
     * offset of the kdump-compressed file. The headers come first: they are put back together
     * from the first records and read as a kdump-compressed file's.
     */
    private static Map<String, String> flattened(FileChannel ch) throws IOException {
        java.util.TreeMap<Long, long[]> records = new java.util.TreeMap<>(); // logical offset -> {file offset, size}
        long at = 4096;
        for (int i = 0; i < 4096 && at + 16 <= ch.size(); i++) {
            ByteBuffer h = read(ch, at, 16).order(ByteOrder.BIG_ENDIAN);
            long offset = h.getLong(0);
            long size = h.getLong(8);
            if (offset < 0 || size < 0 || size > (1L << 32)) {
                break; // the end marker (-1, -1) or damage
            }
            records.put(offset, new long[] {at + 16, size});
            at += 16 + size;
        }
        return kdump((offset, length) -> {
            var entry = records.floorEntry(offset);
            if (entry == null || offset + length > entry.getKey() + entry.getValue()[1]) {
                return ByteBuffer.allocate(0);
            }
            return read(ch, entry.getValue()[0] + (offset - entry.getKey()), length);
        });
    }

    private static Map<String, String> lines(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("SYMBOL(") && !line.startsWith("SIZE(") && !line.startsWith("OFFSET(") && !line.startsWith("NUMBER(")
                    && !line.startsWith("LENGTH(")) {
                out.putIfAbsent(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return Map.copyOf(out);
    }

    private static ByteBuffer read(FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Math.max(0, length));
        while (b.hasRemaining()) {
            int n = ch.read(b, offset + b.position());
            if (n <= 0) {
                break;
            }
        }
        b.flip();
        return ByteBuffer.wrap(b.array(), 0, b.limit());
    }
}
