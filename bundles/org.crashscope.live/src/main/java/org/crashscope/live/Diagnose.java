package org.crashscope.live;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** crash's failures in words the user can act on, from what it printed. */
final class Diagnose {

    private static final Pattern VERSION = Pattern.compile("(?m)^crash (\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Pattern RELEASE = Pattern.compile("(?m)RELEASE: (\\d+)\\.(\\d+)");

    private Diagnose() {
    }

    /** Why crash stopped before its first prompt. */
    static String startFailure(String printed) {
        String p = printed == null ? "" : printed;
        if (p.contains("do not match")) {
            return "the vmlinux and the vmcore do not match: give the vmlinux of the dumped kernel (its release and build id are in the dump's VMCOREINFO)";
        }
        if (p.contains("no debugging data available") || p.contains("no debug")) {
            return "the vmlinux has no debug information: install the kernel's debug package (Debian: linux-image-REL-dbg) and give /usr/lib/debug/boot/vmlinux-REL";
        }
        Matcher format = Pattern.compile("(?m)^crash: (\\S+): not a supported file format").matcher(p);
        if (format.find()) {
            return format.group(1) + " is not a file crash reads (a vmlinux with debug information, or a dump): give the dumped kernel's vmlinux";
        }
        if (p.contains("not a valid dump")) {
            return "crash cannot read this dump: " + lastLine(p);
        }
        if (p.contains("cannot find booted kernel") || p.contains("cannot resolve")) {
            return "crash cannot find the kernel symbols it needs: " + lastLine(p);
        }
        String tooOld = tooOld(p);
        if (tooOld != null) {
            return tooOld;
        }
        return p.isBlank() ? "crash stopped before its prompt and printed nothing" : "crash stopped before its prompt: " + lastLine(p);
    }

    /**
     * A crash older than the kernel: crash 8.0.2 on Linux 6.1 prints "invalid structure member
     * offset: mm_struct_mmap" (6.1 keeps VMAs in a maple tree) and "active task ... not found in
     * PID hash"; crash 8.0.3 reads them.
     */
    static String tooOld(String printed) {
        if (!printed.contains("mm_struct_mmap") && !(printed.contains("not found in PID hash") && printed.contains("active task"))) {
            return null;
        }
        Matcher v = VERSION.matcher(printed);
        Matcher r = RELEASE.matcher(printed);
        if (v.find() && r.find()) {
            // one judgment for live sessions and transcripts; a crash that is new enough is not called old for its symptoms
            return org.crashscope.transcript.parse.CrashVersion.tooOld(
                    new int[] {Integer.parseInt(v.group(1)), Integer.parseInt(v.group(2)), Integer.parseInt(v.group(3))}, r.group(1) + "." + r.group(2));
        }
        return "this crash is older than this kernel (VMAs in a maple tree since 6.1): crash 8.0.3 or later reads it "
                + "(Debian 13's crash 8.0.6, or CRASHSCOPE_CRASH=/path/to/crash)";
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        return "";
    }
}
