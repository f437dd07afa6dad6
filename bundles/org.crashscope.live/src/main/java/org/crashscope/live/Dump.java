package org.crashscope.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.crashscope.transcript.SafeFiles;
import org.crashscope.transcript.TerminalText;

/**
 * A kernel dump recognised by its magic, and its VMCOREINFO read without crash: an ELF core
 * ({@code /proc/vmcore}, {@code dump-guest-memory}) by its {@code VMCOREINFO} note, a
 * kdump-compressed dump ({@code KDUMP   }, makedumpfile's and QMP's) by the block after its
 * headers, a flattened makedumpfile stream and a {@code DISKDUMP} by their magic only.
 *
 * @param format     what the dump is
 * Every field of the headers is checked against the file before it is used (offsets, counts and
 * sizes come from a file of a crashed, maybe compromised machine): a header that does not add up
 * makes the file no dump, or its VMCOREINFO empty, quickly and without an exception. The values
 * that choose files ({@code OSRELEASE}, {@code BUILD-ID}) are kept only when they have their shape.
 *
 * @param vmcoreinfo the VMCOREINFO lines ({@code OSRELEASE}, {@code BUILD-ID}, {@code PAGESIZE},
 *                   {@code KERNELOFFSET}, {@code CRASHTIME} ...), empty when the dump has none
 * @param problems   what of the VMCOREINFO was refused, in words (a release or build id of the wrong shape)
 */
public record Dump(Path file, Format format, Map<String, String> vmcoreinfo, List<String> problems) {

    /** A kernel release as {@code uname -r} prints it: no slash, no {@code ..} alone, nothing a path could escape with. */
    private static final Pattern RELEASE = Pattern.compile("[0-9A-Za-z._+-]{1,64}");
    private static final Pattern BUILD_ID = Pattern.compile("[0-9a-fA-F]{2,128}");
    /** VMCOREINFO is a few KiB; more is no VMCOREINFO. */
    static final int MAX_VMCOREINFO = 1 << 20;

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

    /**
     * The dump in a file, or {@code null} when {@code file} is not a dump (a transcript, anything else).
     *
     * @throws SafeFiles.Refused when {@code file} is a FIFO or a device: refused before it is opened (a FIFO would hang the open)
     */
    public static Dump of(Path file) throws IOException {
        SafeFiles.requireRegularInput(file, "the dump");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return of(file, new Bytes(ch, ch.size()));
        }
    }

    /** The dump in {@code bytes} (a file's, or a test's), or {@code null}. */
    static Dump of(Path file, Bytes bytes) throws IOException {
        ByteBuffer head = bytes.at(0, 4096);
        if (head.limit() >= 64 && head.getInt(0) == 0x7f454c46 && head.get(4) == 2) {
            Dump elf = elf(file, bytes, head);
            if (elf != null) {
                return elf;
            }
        }
        String magic = new String(head.array(), 0, Math.min(16, head.limit()), StandardCharsets.ISO_8859_1);
        if (magic.startsWith("KDUMP   ")) {
            return dump(file, Format.KDUMP_COMPRESSED, kdump(bytes::at));
        }
        if (magic.startsWith("makedumpfile")) {
            return dump(file, Format.FLATTENED, flattened(bytes));
        }
        if (magic.startsWith("DISKDUMP")) {
            return dump(file, Format.DISKDUMP, "");
        }
        return null;
    }

    /** A dump with the VMCOREINFO {@code text}: its values that choose files kept only when they have their shape. */
    private static Dump dump(Path file, Format format, String text) {
        Map<String, String> info = new LinkedHashMap<>(lines(text));
        List<String> problems = new ArrayList<>();
        refuse(info, problems, "OSRELEASE", RELEASE, "a release ([0-9A-Za-z._+-], at most 64)");
        refuse(info, problems, "BUILD-ID", BUILD_ID, "hex");
        return new Dump(file, format, Map.copyOf(info), List.copyOf(problems));
    }

    private static void refuse(Map<String, String> info, List<String> problems, String key, Pattern shape, String what) {
        String value = info.get(key);
        if (value != null && !shape.matcher(value).matches()) {
            info.remove(key);
            String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
            problems.add("the dump's VMCOREINFO " + key + " is not " + what + ": ignored (" + TerminalText.safe(shown) + ")");
        }
    }

    /** Program headers beyond this many are not read (a core has one per memory range: hundreds). */
    static final int MAX_PHNUM = 1 << 16;
    /** A PT_NOTE segment beyond this size is not read for VMCOREINFO (crash's own notes are a few hundred KiB). */
    static final int MAX_NOTES = 16 << 20;

    /**
     * An ELF64 core (e_type 4) with a PT_LOAD, and the VMCOREINFO note of its PT_NOTE segments. The
     * program header table must lie within the file; more than 65534 headers are counted in the
     * first section header (PN_XNUM), as the kernel and QEMU write them.
     */
    private static Dump elf(Path file, Bytes bytes, ByteBuffer head) throws IOException {
        ByteOrder order = head.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        head.order(order);
        if (head.getShort(16) != 4) {
            return null; // not a core file
        }
        long phoff = head.getLong(32);
        int phentsize = head.getShort(54) & 0xffff;
        long phnum = head.getShort(56) & 0xffff;
        if (phnum == 0xffff) {
            phnum = extendedPhnum(bytes, head, order);
        }
        if (phentsize < 56 || phnum <= 0 || phnum > MAX_PHNUM || phoff < 64 || phoff > bytes.size() || phentsize * phnum > bytes.size() - phoff) {
            return null; // a table that is not in the file
        }
        ByteBuffer ph = bytes.at(phoff, (int) (phentsize * phnum)).order(order);
        boolean load = false;
        String info = "";
        for (int i = 0; i < phnum && (long) (i + 1) * phentsize <= ph.limit(); i++) {
            int type = ph.getInt(i * phentsize);
            long offset = ph.getLong(i * phentsize + 8);
            long size = ph.getLong(i * phentsize + 32);
            if (type == 1) {
                load = true;
            } else if (type == 4 && info.isEmpty() && size > 0 && size <= MAX_NOTES && offset >= 0 && offset <= bytes.size() - size) {
                info = notes(bytes.at(offset, (int) size).order(order));
            }
        }
        return load ? dump(file, Format.ELF_CORE, info) : null;
    }

    /** PN_XNUM: the real count is the first section header's sh_info; -1 when that is not in the file. */
    private static long extendedPhnum(Bytes bytes, ByteBuffer head, ByteOrder order) throws IOException {
        long shoff = head.getLong(40);
        if (shoff < 64 || shoff > bytes.size() - 64) {
            return -1;
        }
        ByteBuffer section = bytes.at(shoff, 64).order(order);
        return section.limit() < 48 ? -1 : section.getInt(44) & 0xffffffffL;
    }

    /** The {@code VMCOREINFO} note's text among ELF notes, or empty; every size is checked against the segment. */
    private static String notes(ByteBuffer notes) {
        long at = 0;
        long end = notes.limit();
        while (at + 12 <= end) {
            long nameSize = notes.getInt((int) at) & 0xffffffffL;
            long descSize = notes.getInt((int) at + 4) & 0xffffffffL;
            long name = at + 12;
            long desc = name + ((nameSize + 3) & ~3L);
            long next = desc + ((descSize + 3) & ~3L);
            if (desc > end || descSize > end - desc) {
                break; // a size past the segment: the rest is no note
            }
            if (nameSize == 11 && "VMCOREINFO".equals(new String(notes.array(), (int) name, 10, StandardCharsets.ISO_8859_1))) {
                return new String(notes.array(), (int) desc, (int) descSize, StandardCharsets.ISO_8859_1);
            }
            at = next;
        }
        return "";
    }

    /** disk_dump_header: signature[8], header_version, new_utsname (6 x 65), timeval (8-aligned), status, then block_size. */
    static final int BLOCK_SIZE = 428;

    /** Reads {@code length} bytes at {@code offset} of a kdump-compressed file (fewer, or none, past what is there). */
    private interface KdumpBytes {
        ByteBuffer at(long offset, int length) throws IOException;
    }

    /**
     * A dump's bytes by offset: fewer, or none, where the file ends, and none at a negative offset or
     * length, so that no header field can make a read fail or allocate more than the file holds.
     */
    record Bytes(FileChannel channel, byte[] array, long size) {

        Bytes(FileChannel channel, long size) {
            this(channel, null, size);
        }

        Bytes(byte[] array) {
            this(null, array, array.length);
        }

        ByteBuffer at(long offset, int length) throws IOException {
            if (offset < 0 || length <= 0 || offset >= size) {
                return ByteBuffer.allocate(0);
            }
            int n = (int) Math.min(length, size - offset);
            if (array != null) {
                return ByteBuffer.wrap(java.util.Arrays.copyOfRange(array, (int) offset, (int) offset + n));
            }
            ByteBuffer b = ByteBuffer.allocate(n);
            while (b.hasRemaining()) {
                if (channel.read(b, offset + b.position()) <= 0) {
                    break; // the file is shorter now than when it was opened
                }
            }
            b.flip();
            return ByteBuffer.wrap(b.array(), 0, b.limit());
        }
    }

    /**
     * kdump-compressed: the disk_dump_header (block_size at {@value #BLOCK_SIZE}), then the
     * kdump_sub_header one block on, whose offset_vmcoreinfo and size_vmcoreinfo (at 32 and 40:
     * phys_base, dump_level, split, start_pfn and end_pfn come first; header version 3 and later)
     * locate the VMCOREINFO text.
     */
    private static String kdump(KdumpBytes file) throws IOException {
        ByteBuffer head = file.at(0, BLOCK_SIZE + 4).order(ByteOrder.LITTLE_ENDIAN);
        if (head.limit() < BLOCK_SIZE + 4 || !new String(head.array(), 0, 8, StandardCharsets.ISO_8859_1).equals("KDUMP   ")) {
            return "";
        }
        int blockSize = head.getInt(BLOCK_SIZE);
        if (head.getInt(8) < 3 || blockSize <= 0 || blockSize > (1 << 20)) {
            return "";
        }
        ByteBuffer sub = file.at(blockSize, 48).order(ByteOrder.LITTLE_ENDIAN);
        if (sub.limit() < 48) {
            return "";
        }
        long offset = sub.getLong(32);
        long size = sub.getLong(40);
        if (offset <= 0 || size <= 0 || size > MAX_VMCOREINFO) {
            return "";
        }
        ByteBuffer text = file.at(offset, (int) size);
        return new String(text.array(), 0, text.limit(), StandardCharsets.ISO_8859_1);
    }

    /**
     * A flattened kdump (makedumpfile -F, QEMU's kdump formats written to a stream): after a
     * 4096-byte header, records of (offset, size) big-endian then the data that belongs at that
     * offset of the kdump-compressed file. The headers come first: they are put back together
     * from the first records and read as a kdump-compressed file's.
     */
    private static String flattened(Bytes bytes) throws IOException {
        java.util.TreeMap<Long, long[]> records = new java.util.TreeMap<>(); // logical offset -> {file offset, size}
        long at = 4096;
        for (int i = 0; i < 4096 && at <= bytes.size() - 16; i++) {
            ByteBuffer h = bytes.at(at, 16).order(ByteOrder.BIG_ENDIAN);
            long offset = h.getLong(0);
            long size = h.getLong(8);
            if (offset < 0 || size < 0 || size > bytes.size() - at - 16 || offset > Long.MAX_VALUE - size) {
                break; // the end marker (-1, -1), a record past the file's end, or damage
            }
            records.put(offset, new long[] {at + 16, size});
            at += 16 + size;
        }
        return kdump((offset, length) -> {
            var entry = records.floorEntry(offset);
            if (entry == null || offset < 0 || length < 0 || offset - entry.getKey() > entry.getValue()[1] - length) {
                return ByteBuffer.allocate(0); // not within one record
            }
            return bytes.at(entry.getValue()[0] + (offset - entry.getKey()), length);
        });
    }

    private static Map<String, String> lines(String text) {
        if (text.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("SYMBOL(") && !line.startsWith("SIZE(") && !line.startsWith("OFFSET(") && !line.startsWith("NUMBER(")
                    && !line.startsWith("LENGTH(")) {
                out.putIfAbsent(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return out;
    }
}
