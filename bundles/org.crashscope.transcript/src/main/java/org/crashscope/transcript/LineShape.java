package org.crashscope.transcript;

/**
 * What a line looks like, decided from its first bytes only (the scan of a gigabyte transcript
 * classifies every line, so this must not look further than it has to).
 */
public enum LineShape {
    BLANK,
    /** {@code [ 12.345678] ...}, {@code <4>[12.3] ...} */
    LOG,
    /** {@code {1}[Hardware Error]: ...} without a timestamp */
    HARDWARE_ERROR,
    /** {@code PID: 1234  TASK: ...} */
    BT_HEADER,
    /** a {@code KEY: value} row of crash's session header ({@code     DUMPFILE: vmcore}, {@code        PID: 1}), banner or {@code sys} */
    SESSION_FIELD,
    /** {@code  #5 [ffffaaab26b3fa38] func at ...} */
    BT_FRAME,
    /** register rows and {@code [exception RIP: ...]} of bt */
    BT_REGISTERS,
    /** {@code ffffaaab26b3f978: ffff9842c9ef2228 00007f1148ce0000} */
    DUMP_ROW,
    /** the first line of an oops pasted without timestamps ({@code BUG: ...}, {@code general protection fault: ...}) */
    OOPS_START,
    /**
     * a line of a kernel report printed without a timestamp after a blank line ({@code CPU: ...},
     * {@code Call Trace:}, KASAN's {@code Allocated by task 1:}, lockdep's {@code stack backtrace:}):
     * the report goes on
     */
    REPORT_TEXT,
    TEXT;

    /** The first words of the sections of a report that a blank line may precede. */
    private static final byte[][] REPORT_SECTIONS = bytes("CPU: ", "Hardware name: ", "Call Trace:", "Call trace:", "Allocated by task ", "Freed by task ",
            "Last potentially related work creation:", "Second to last potentially related", "The buggy address ", "Memory state around the buggy address:",
            "Uninit was ", "Local variable ", "Bytes b4 ", "Object 0x", "Redzone ", "Padding ", "other info that might help", "the existing dependency chain",
            "stack backtrace:", "Chain exists of:", "Possible unsafe locking scenario:", " Possible unsafe locking scenario:", "RIP: ", "Code: ",
            "Modules linked in", "irq event stamp:", "-> #", "<TASK>", "</TASK>", "<IRQ>", "</IRQ>", "Read of size", "Write of size",
            "but task is already holding lock:", "which lock already depends on the new lock.", "*** DEADLOCK ***", "Showing all locks held",
            "NMI backtrace for cpu", "Sending NMI from CPU", "Workqueue: ", "page last allocated", "page last free", "page dumped because", "backtrace:",
            "hex dump (first", "Kernel Offset:", "---[ end", "pc : ", "Mem abort info:", "Data abort info:", "Internal error: ", "Uninit was created at:",
            "Freed:", "Allocated:", "Out-of-bounds ", "Use-after-free ", "Invalid free ", "Corrupted memory at", "is trying to acquire lock:",
            "but this task is not holding:", "and this task is already holding:", "also last", "1 lock held by", "2 locks held by", "3 locks held by",
            "4 locks held by", "no locks held by", "value changed:", "Reported by Kernel Concurrency Sanitizer");

    /**
     * The first words of every report the kernel prints (after syzkaller's table of Linux report
     * headers and the kernel's own printk formats): oopses and BUGs of every architecture, the
     * sanitizers (KASAN, KMSAN, KCSAN, KFENCE, UBSAN), lockdep, RCU stalls, watchdogs, list, page,
     * stack and usercopy checks, panics.
     */
    private static final byte[][] OOPS_MARKERS = bytes("general protection fault", "BUG: ", "BUG kmalloc-", "Oops: ", "Oops[", "Kernel panic",
            "kernel BUG", "Kernel BUG", "Unable to handle kernel", "unable to handle kernel", "Internal error: ", "divide error:", "divide_error:",
            // the kernel's WARNING reports; crash's own "WARNING: ..." lines are not markers (see isKernelWarning)
            "WARNING: CPU:", "WARNING: at ", "WARNING: possible ", "WARNING: suspicious RCU", "WARNING: inconsistent lock", "WARNING: bad unlock",
            "WARNING: held lock", "WARNING: lock held", "WARNING: Nested lock", "WARNING: kernel stack", "WARNING: refcount",
            "WARNING: HARDIRQ-", "WARNING: SOFTIRQ-", "WARNING: [", "INFO: HARDIRQ-", "INFO: SOFTIRQ-",
            "invalid opcode:", "stack segment:", "double fault:", "PANIC: double fault", "int3: ", "INFO: task ", "INFO: rcu_", "INFO: possible ",
            "INFO: inconsistent lock", "INFO: suspicious RCU", "INFO: trying to register", "watchdog: BUG: soft lockup",
            // watchdogs, list and page checks, stack checks, sanitizers without a BUG: prefix
            "NMI watchdog: Watchdog detected", "NMI watchdog: BUG: soft lockup", "watchdog: Watchdog detected", "rcu: INFO: rcu_", "list_add corruption",
            "list_del corruption", "Bad page state", "Bad page map", "kernel tried to execute", "Kernel stack is corrupted", "stack-protector:", "UBSAN:",
            "Unhandled fault:", "Alignment trap:", "unregister_netdevice: waiting for", "VFS: Busy inodes after unmount", "VFS: Close: file count is 0",
            "unreferenced object 0x", "rust_kernel: panicked", "trusty: panic", "invoked oom-killer: ");
    /** What follows {@code WARNING: } in the kernel's newer reports: a source file and line ({@code WARNING: fs/inode.c:417 at ...}). */
    private static final byte[] WARNING = "WARNING: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /**
     * Lines that open a report of their own but, inside one, belong to it: the panic that ends it,
     * the trap a BUG() raises, a double fault while reporting.
     */
    private static final String[] CONTINUATIONS = {"Kernel panic - not syncing", "invalid opcode: 0000", "PANIC: double fault", "Internal error:",
            "unregister_netdevice: waiting for", "Oops: ", "unreferenced object 0x"};
    /** Single log lines an analysis reads: memory failure and soft offline, EDAC, a deliberate crash, the OOM killer. */
    private static final byte[][] EVENT_MARKERS = bytes("Soft offlining pfn", "soft offline: ", "soft_offline: ", "Memory failure: ",
            "Injecting memory failure", "EDAC ", "sysrq: Trigger a crash", "SysRq : Trigger a crash", "lkdtm: Performing direct entry",
            "Out of memory: Kill", "Out of memory (oom_kill_allocating_task)", "Memory cgroup out of memory: Kill");
    private static final byte[] TASK = "TASK:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** The keys of crash's session header (start-up banner, {@code sys}, {@code set}). */
    private static final java.util.Set<String> SESSION_KEYS = java.util.Set.of("KERNEL", "DUMPFILE", "CPUS", "DATE", "UPTIME", "LOAD AVERAGE",
            "TASKS", "NODENAME", "RELEASE", "VERSION", "MACHINE", "MEMORY", "PANIC", "PID", "COMMAND", "TASK", "CPU", "STATE", "DEBUG KERNEL",
            "DEBUGINFO", "DUMP TYPE", "KERNEL VERSION", "KDUMP", "WARNING");
    private static final byte[] HW_ERROR = "[Hardware Error]".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] MCE = "mce: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The oops and machine-check markers by their first byte; {@code '{'} stands for CPER records. */
    private static final byte[][][] MARKERS_BY_FIRST_BYTE = byFirstByte(OOPS_MARKERS, EVENT_MARKERS, new byte[][] {MCE, "{".getBytes(java.nio.charset.StandardCharsets.US_ASCII)});

    /** The report headers alone by their first byte: looked for inside a message too. */
    private static final byte[][][] OOPS_BY_FIRST_BYTE = byFirstByte(OOPS_MARKERS);

    /** {@link #REPORT_SECTIONS} by their first byte. */
    private static final byte[][][] SECTIONS_BY_FIRST_BYTE = byFirstByte(REPORT_SECTIONS);

    /** Texts by their first byte (ASCII), for looking at a line's first byte and then only the texts that start with it. */
    private static byte[][][] byFirstByte(byte[][]... lists) {
        byte[][][] out = new byte[128][][];
        for (byte[][] list : lists) {
            for (byte[] text : list) {
                byte[][] old = out[text[0]];
                byte[][] grown = old == null ? new byte[1][] : java.util.Arrays.copyOf(old, old.length + 1);
                grown[grown.length - 1] = text;
                out[text[0]] = grown;
            }
        }
        return out;
    }

    private static byte[][] bytes(String... texts) {
        byte[][] out = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            out[i] = texts[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return out;
    }

    static LineShape classify(byte[] b, int from, int to) {
        int i = skipSpace(b, from, to);
        return classify(b, i, to, i == to ? -1 : logMessageStart(b, i, to));
    }

    /** Classifies a line whose first non-blank byte is at {@code i} and whose log message starts at {@code message} (or -1). */
    static LineShape classify(byte[] b, int i, int to, int message) {
        return classify(b, i, to, message, i == to || message >= 0 ? -1 : reportStartAfter(b, i, to));
    }

    /**
     * {@link #classify(byte[], int, int, int)} with {@code inside}, {@link #reportStartAfter} of the line from {@code i}
     * (the scan has it from {@link #isMarkerAt(byte[], int, int, int)} already); any value for a log line.
     */
    static LineShape classify(byte[] b, int i, int to, int message, int inside) {
        if (i == to) {
            return BLANK;
        }
        if (message >= 0) {
            return LOG;
        }
        byte c = b[i];
        if (c == '{' && isHardwareError(b, i, to)) {
            return HARDWARE_ERROR;
        }
        if (c == 'P' && startsWith(b, i, to, "PID:") && contains(b, i + 4, Math.min(to, i + 64), TASK)) {
            return BT_HEADER;
        }
        if (c >= 'A' && c <= 'Z' && isSessionField(b, i, to)) {
            return SESSION_FIELD;
        }
        if (c == '#' && isFrame(b, i, to)) {
            return BT_FRAME;
        }
        if (c == '[' && startsWith(b, i, to, "[exception RIP:")) {
            return BT_REGISTERS;
        }
        if (isRegisterRow(b, i, to)) {
            return BT_REGISTERS;
        }
        if (isHex(c) && isDumpRow(b, i, to)) {
            return DUMP_ROW;
        }
        if (isOopsStart(b, i, to) || inside >= 0) {
            return OOPS_START;
        }
        if (c >= 0 && SECTIONS_BY_FIRST_BYTE[c] != null) {
            for (byte[] section : SECTIONS_BY_FIRST_BYTE[c]) {
                if (startsWith(b, i, to, section)) {
                    return REPORT_TEXT;
                }
            }
        }
        return TEXT;
    }

    /**
     * Whether the message of a line (after any log prefix) opens something the log parser must
     * look at: an oops, a CPER record, a machine check. Lines that are not such markers are never
     * decoded when a summary is all that is asked for.
     */
    static boolean isLogMarker(byte[] b, int from, int to) {
        int i = skipSpace(b, from, to);
        int message = i == to ? -1 : logMessageStart(b, i, to);
        return isMarkerAt(b, message >= 0 ? message : i, to);
    }

    /** Whether the message starting at {@code m} is a marker; decided by its first byte for nearly every line. */
    static boolean isMarkerAt(byte[] b, int m, int to) {
        return m < to && isMarkerAt(b, m, to, reportStartAfter(b, m, to));
    }

    /** {@link #isMarkerAt(byte[], int, int)} with {@code inside}, {@link #reportStartAfter} of the message. */
    static boolean isMarkerAt(byte[] b, int m, int to, int inside) {
        if (m >= to) {
            return false;
        }
        byte first = b[m];
        if (first < 0 || MARKERS_BY_FIRST_BYTE[first] == null) {
            return inside >= 0;
        }
        if (first == '{') {
            return isHardwareError(b, m, to);
        }
        for (byte[] marker : MARKERS_BY_FIRST_BYTE[first]) {
            if (startsWith(b, m, to, marker)) {
                return true;
            }
        }
        return first == 'W' && isKernelWarning(b, m, to) || inside >= 0;
    }

    /** How far into a message a report's header may start (after a console's login prompt, lockdep's {@code [ }). */
    private static final int REPORT_START_WINDOW = 96;
    private static final byte[] GLUED = "general protection fault".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * Where a report header starts inside a message rather than at its start, as consoles print
     * them: {@code syzkaller login: [ 16.3] INFO: ...}, lockdep's old {@code [ BUG: bad unlock balance
     * detected! ]}, {@code segment-related general protection fault}; -1 when none does. Only a word
     * boundary (a blank, a bracket, a hyphen) may precede it, so that crash's quoted
     * {@code PANIC: "Oops: ..."} is not one.
     */
    static int reportStartAfter(byte[] b, int m, int to) {
        int end = Math.min(to, m + REPORT_START_WINDOW);
        if (m >= end) {
            return -1;
        }
        // every line of a gigabyte passes here: one table look-up per byte, and a closer look only where a header's
        // first byte follows a word boundary, or at a 'g' (unmistakable even glued to the line before it: "...user
        // memory accessgeneral protection fault")
        int before = BYTE_ROLE[b[m] & 0xff];
        for (int p = m + 1; p < end; p++) {
            int role = BYTE_ROLE[b[p] & 0xff];
            if ((((before & BOUNDARY) << 1 | GLUE) & role) != 0 && p + 3 < to && isHeaderQuad(b, p) && isReportAt(b, p, to)) {
                return p;
            }
            before = role;
        }
        return -1;
    }

    /**
     * Whether a report header may begin with the four bytes at {@code p} (every header is longer):
     * most candidates end here. Their first two bytes alone let through every "in", "st" and "ke"
     * of a log's words, a quarter of a log's summary spent comparing them with the headers.
     */
    private static boolean isHeaderQuad(byte[] b, int p) {
        int quad = quadHash(b[p], b[p + 1], b[p + 2], b[p + 3]);
        return (HEADER_QUADS[quad >>> 6] & 1L << quad) != 0;
    }

    /** Four bytes hashed to 16 bits: a header's four and most others' differ. */
    private static int quadHash(byte b0, byte b1, byte b2, byte b3) {
        int quad = (b0 & 0xff) << 24 | (b1 & 0xff) << 16 | (b2 & 0xff) << 8 | b3 & 0xff;
        return quad * 0x9E3779B1 >>> 16;
    }

    /** Whether a report header starts at {@code p}, whose byte has headers of its own ({@link #OOPS_BY_FIRST_BYTE}). */
    private static boolean isReportAt(byte[] b, int p, int to) {
        byte c = b[p];
        for (byte[] marker : OOPS_BY_FIRST_BYTE[c]) {
            if (startsWith(b, p, to, marker)) {
                return true;
            }
        }
        return c == 'W' && isKernelWarning(b, p, to);
    }

    /** {@link #BYTE_ROLE}: a word boundary before a header (a blank, a bracket, a hyphen). */
    private static final int BOUNDARY = 1;
    /** {@link #BYTE_ROLE}: the first byte of a report header (shifted onto it, {@link #BOUNDARY} selects it). */
    private static final int HEADER_START = 2;
    /** {@link #BYTE_ROLE}: the first byte of the one header looked for even without a boundary before it. */
    private static final int GLUE = 4;
    /** What each byte may be to {@link #reportStartAfter}. */
    private static final byte[] BYTE_ROLE = new byte[256];
    /** The first four bytes of every report header, hashed ({@link #quadHash}) into a set of 65,536 bits. */
    private static final long[] HEADER_QUADS = new long[1 << 10];

    static {
        for (byte[] marker : OOPS_MARKERS) {
            if (marker.length <= 4) {
                throw new IllegalStateException("a header of four bytes or fewer: " + new String(marker, java.nio.charset.StandardCharsets.US_ASCII));
            }
            int quad = quadHash(marker[0], marker[1], marker[2], marker[3]);
            HEADER_QUADS[quad >>> 6] |= 1L << quad;
        }
        for (char c : new char[] {' ', '[', ']', '-', '\t'}) {
            BYTE_ROLE[c] |= BOUNDARY;
        }
        for (int c = 0; c < 128; c++) {
            if (OOPS_BY_FIRST_BYTE[c] != null) {
                BYTE_ROLE[c] |= HEADER_START;
            }
        }
        BYTE_ROLE[GLUED[0]] |= GLUE;
        for (byte[] marker : OOPS_MARKERS) {
            if (marker[0] == GLUED[0] && !java.util.Arrays.equals(marker, GLUED)) {
                throw new IllegalStateException("a header starting as the glued one does: " + new String(marker, java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
    }

    /**
     * Where the report a log message opens starts in it: 0 at its start, the offset of a header
     * further in ({@link #reportStartAfter}), or -1 when the message opens none.
     */
    public static int reportStart(String message) {
        byte[] b = message.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int i = skipSpace(b, 0, b.length);
        return isOopsStart(b, i, b.length) ? i : reportStartAfter(b, i, b.length);
    }

    /** The index of the message after {@code [ ts]} / {@code <N>[ts]}, or -1 when the line has no such prefix. */
    static int logMessageStart(byte[] b, int i, int to) {
        if (i < to && b[i] >= 'A' && b[i] <= 'Z') {
            return syslogMessageStart(b, i, to);
        }
        if (i < to && b[i] == '<') {
            int j = i + 1;
            while (j < to && b[j] >= '0' && b[j] <= '9') {
                j++;
            }
            if (j == i + 1 || j >= to || b[j] != '>') {
                return -1;
            }
            i = j + 1;
        }
        if (i >= to || b[i] != '[') {
            return -1;
        }
        int human = humanTimestampEnd(b, i, to);
        if (human > 0) {
            return afterTimestamp(b, human, to);
        }
        int j = i + 1;
        while (j < to && b[j] == ' ') {
            j++;
        }
        int digits = j;
        while (j < to && b[j] >= '0' && b[j] <= '9') {
            j++;
        }
        if (j == digits || j >= to || b[j] != '.') {
            return -1;
        }
        j++;
        int fraction = j;
        while (j < to && b[j] >= '0' && b[j] <= '9') {
            j++;
        }
        if (j == fraction || j >= to || b[j] != ']') {
            return -1;
        }
        return afterTimestamp(b, j + 1, to);
    }

    /**
     * Skips what may follow a timestamp: a caller id ({@code [T123]}, {@code [C1]}, {@code log -c}'s
     * {@code [     T1]}), a {@code log -m} level ({@code <6>}) and blanks; returns the message start.
     */
    private static int afterTimestamp(byte[] b, int j, int to) {
        while (j < to && b[j] == ' ') {
            j++;
        }
        if (j + 1 < to && b[j] == '[') {
            int k = j + 1;
            while (k < to && b[k] == ' ') {
                k++;
            }
            if (k < to && (b[k] == 'T' || b[k] == 'C')) {
                int d = k + 1;
                while (d < to && b[d] >= '0' && b[d] <= '9') {
                    d++;
                }
                if (d > k + 1 && d < to && b[d] == ']') {
                    j = d + 1;
                }
            }
        }
        while (j < to && b[j] == ' ') {
            j++;
        }
        if (j + 2 < to && b[j] == '<' && b[j + 1] >= '0' && b[j + 1] <= '9') {
            int k = j + 1;
            while (k < to && b[k] >= '0' && b[k] <= '9') {
                k++;
            }
            if (k < to && b[k] == '>' && k - j <= 4) {
                j = k + 1;
            }
        }
        return j;
    }

    /**
     * The end (after {@code ]}) of {@code log -T}'s human timestamp {@code [Sat May 30 15:31:46 EDT 2026]}
     * at {@code i}, or -1.
     */
    static int humanTimestampEnd(byte[] b, int i, int to) {
        // [Www Mmm dd hh:mm:ss ZONE yyyy]: at least 26 bytes, letters first, a time, a four-digit year before ']'
        if (to - i < 26 || b[i + 1] < 'A' || b[i + 1] > 'Z' || b[i + 4] != ' ' || b[i + 8] != ' ') {
            return -1;
        }
        int limit = Math.min(to, i + 40);
        for (int k = i + 20; k < limit; k++) {
            if (b[k] == ']') {
                boolean year = k - 4 > i && isDigit(b[k - 1]) && isDigit(b[k - 2]) && isDigit(b[k - 3]) && isDigit(b[k - 4]) && b[k - 5] == ' ';
                boolean time = b[i + 14] == ':' && b[i + 17] == ':';
                return year && time ? k + 1 : -1;
            }
        }
        return -1;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static final byte[] KERNEL = "kernel: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** {@code Mar 24 12:00:01 host kernel: [ts] message} (syslog, journalctl -k): the message index, or -1. */
    private static int syslogMessageStart(byte[] b, int i, int to) {
        // "Mmm dd hh:mm:ss " is 16 bytes: a capital, two lower-case letters, a space, a day, a time
        if (to - i < 24 || b[i + 1] < 'a' || b[i + 1] > 'z' || b[i + 2] < 'a' || b[i + 2] > 'z' || b[i + 3] != ' '
                || b[i + 9] != ':' || b[i + 12] != ':') {
            return -1;
        }
        int limit = Math.min(to - KERNEL.length, i + 96);
        for (int k = i + 16; k <= limit; k++) {
            if (b[k] == 'k' && startsWith(b, k, to, KERNEL)) {
                int m = skipSpace(b, k + KERNEL.length, to);
                int ts = m < to && b[m] == '[' ? logMessageStart(b, m, to) : -1;
                return ts >= 0 ? ts : m;
            }
        }
        return -1;
    }

    /**
     * {@code KEY: value} where KEY is one of crash's session header keys; {@code CPU: 56 PID: 1 Comm:}
     * (an oops task line) and register rows such as {@code CS: 0010} are not.
     */
    private static boolean isSessionField(byte[] b, int i, int to) {
        int j = i;
        while (j < to && j - i < 16 && (b[j] >= 'A' && b[j] <= 'Z' || b[j] == ' ')) {
            j++;
        }
        if (j >= to || b[j] != ':' || j == i || b[j - 1] == ' ' || j + 1 < to && b[j + 1] != ' ') {
            return false;
        }
        String key = new String(b, i, j - i, java.nio.charset.StandardCharsets.US_ASCII);
        if (!SESSION_KEYS.contains(key) || key.equals("WARNING")) {
            return false;
        }
        return !(key.equals("CPU") && (contains(b, j, to, " PID: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                || contains(b, j, to, "Comm:".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }

    private static final byte[][] CRASH_SELF = bytes("WARNING: ", "Segmentation fault", "Aborted", "Bus error", "Illegal instruction", "Killed",
            "FILE: ", "[/", "crash: ", "please wait");

    /**
     * Whether a line outside the prompt blocks may be crash speaking of itself: its WARNING lines,
     * its death, an error prefixed by a command name ({@code bt: cannot ...}). Decided on bytes.
     */
    static boolean mayBeCrashVoice(byte[] b, int i, int to) {
        for (byte[] p : CRASH_SELF) {
            if (startsWith(b, i, to, p)) {
                return true;
            }
        }
        int j = i;
        while (j < to && j - i < 12 && (b[j] >= 'a' && b[j] <= 'z' || b[j] >= '0' && b[j] <= '9' || b[j] == '_')) {
            j++;
        }
        return j > i && j + 1 < to && b[j] == ':' && b[j + 1] == ' ' && b[i] >= 'a' && b[i] <= 'z';
    }

    private static boolean contains(byte[] b, int from, int to, byte[] needle) {
        for (int k = from; k + needle.length <= to; k++) {
            if (startsWith(b, k, to, needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHardwareError(byte[] b, int i, int to) {
        int j = i + 1;
        while (j < to && b[j] >= '0' && b[j] <= '9') {
            j++;
        }
        return j > i + 1 && j < to && b[j] == '}' && startsWith(b, j + 1, to, HW_ERROR);
    }

    private static boolean isOopsStart(byte[] b, int i, int to) {
        return i < to && b[i] >= 0 && OOPS_BY_FIRST_BYTE[b[i]] != null && isReportAt(b, i, to);
    }

    /**
     * {@code WARNING: fs/inode.c:417 at drop_nlink+0xc4/0x110} (a source file first, since 6.18) or
     * {@code WARNING: syz-executor/123 still has locks held!}: a kernel report, where crash's own
     * {@code WARNING: cannot ...} is not.
     */
    private static boolean isKernelWarning(byte[] b, int i, int to) {
        if (!startsWith(b, i, to, WARNING)) {
            return false;
        }
        int j = i + WARNING.length;
        int k = j;
        while (k < to && k - j < 96 && (b[k] >= 'a' && b[k] <= 'z' || b[k] >= 'A' && b[k] <= 'Z' || b[k] >= '0' && b[k] <= '9' || b[k] == '_'
                || b[k] == '/' || b[k] == '-' || b[k] == '.')) {
            k++;
        }
        if (k > j + 2 && k + 1 < to && b[k] == ':' && b[k + 1] >= '0' && b[k + 1] <= '9' && (b[k - 2] == '.' || b[k - 3] == '.')) {
            return true;
        }
        return contains(b, j, Math.min(to, j + 120), STILL_HAS_LOCKS);
    }

    private static final byte[] STILL_HAS_LOCKS = " still has locks held!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * One-line announcements the kernel prints before the report they belong to: the NX fault's
     * {@code kernel tried to execute NX-protected page} before its {@code BUG: unable to handle},
     * DEBUG_LIST's {@code list_del corruption. ...} and usercopy's line before their {@code kernel BUG at},
     * {@code traps: PANIC: double fault, error_code: 0x0} before the {@code double fault: 0000 [#1]} oops.
     */
    private static final byte[][] PREAMBLES = bytes("kernel tried to execute", "list_del corruption", "list_add corruption", "usercopy: Kernel memory",
            "refcount_t: ", "PANIC: double fault");

    /** Whether a report's first line announces the report that follows it rather than ending at it. */
    public static boolean isPreamble(String message) {
        byte[] b = message.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int i = skipSpace(b, 0, b.length);
        for (byte[] p : PREAMBLES) {
            if (startsWith(b, i, b.length, p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a log message opens a new kernel report (the next report ends the one before), as
     * opposed to the lines that continue one ({@link #CONTINUATIONS}).
     */
    public static boolean opensReport(String message) {
        int i = reportStart(message);
        if (i < 0) {
            return false;
        }
        for (String c : CONTINUATIONS) {
            if (message.startsWith(c, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFrame(byte[] b, int i, int to) {
        int j = i + 1;
        while (j < to && b[j] >= '0' && b[j] <= '9') {
            j++;
        }
        if (j == i + 1) {
            return false;
        }
        while (j < to && b[j] == ' ') {
            j++;
        }
        return j < to && b[j] == '[';
    }

    /** {@code RIP: ffff...}, {@code RAX: ...}, {@code  R8: ...}, {@code ORIG_RAX: ...}: bt's register block. */
    private static boolean isRegisterRow(byte[] b, int i, int to) {
        int j = i;
        while (j < to && (b[j] >= 'A' && b[j] <= 'Z' || b[j] >= '0' && b[j] <= '9' || b[j] == '_')) {
            j++;
        }
        int len = j - i;
        if (len < 2 || len > 8 || j + 1 >= to || b[j] != ':' || b[j + 1] != ' ') {
            return false;
        }
        char first = (char) b[i];
        return first == 'R' || first == 'O' || first == 'C' || first == 'S' || first == 'E' || first == 'D' || first == 'F'
                || first == 'G';
    }

    /** {@code HEX:} followed by a space and a hex value, a symbol or a slab tag. */
    private static boolean isDumpRow(byte[] b, int i, int to) {
        int j = i;
        while (j < to && isHex(b[j])) {
            j++;
        }
        int len = j - i;
        return len >= 6 && len <= 16 && j + 1 < to && b[j] == ':' && (b[j + 1] == ' ' || b[j + 1] == '\t');
    }

    static boolean isHex(byte c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** Whether a line has no shape of its own: no prompt, log prefix, frame, register row, dump row or report start. */
    public static boolean isPlainText(String line) {
        byte[] b = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int i = skipQuote(b, skipSpace(b, 0, b.length), b.length);
        return i < b.length && classify(b, i, b.length, logMessageStart(b, i, b.length)) == TEXT;
    }

    /** Past a mail's quote marks at {@code i} ({@code > }, {@code >> }, {@code > > }) and the blanks after them. */
    public static int skipQuote(byte[] b, int i, int to) {
        int levels = 0;
        while (i < to && b[i] == '>' && levels < 8 && (i + 1 == to || b[i + 1] == ' ' || b[i + 1] == '>' || b[i + 1] == '\t')) {
            i = skipSpace(b, i + 1, to);
            levels++;
        }
        return i;
    }

    public static int skipSpace(byte[] b, int i, int to) {
        while (i < to && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean startsWith(byte[] b, int i, int to, String prefix) {
        if (to - i < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (b[i + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int i, int to, byte[] prefix) {
        if (to - i < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (b[i + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
