package org.crashscope.analysis.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A stand-in for crash, for the tests that need no real dump: a shell script that prints a banner
 * and a {@code crash>} prompt and answers commands, records its arguments beside itself
 * ({@code args}), ignores SIGTERM as the real crash does while it reads, and starts a child that
 * ignores it too ({@code sleep}), so that ending it takes a SIGKILL. {@code die} makes it print its
 * last words and exit; {@code hang} makes it sleep in the foreground; {@code ps} prints a task name
 * with terminal escapes in it.
 */
public final class FakeCrash {

    private FakeCrash() {
    }

    public static Path write(Path dir) throws Exception {
        Path script = dir.resolve("fake-crash");
        Files.writeString(script, """
                #!/bin/sh
                here=$(dirname "$0")
                for a in "$@"; do printf '%s\\n' "$a"; done > "$here/args"
                trap '' TERM
                sleep 1000 &
                echo "crash 8.0.6 (a test's stand-in)"
                echo
                echo "      KERNEL: $4"
                echo "    DUMPFILE: $5"
                echo "     RELEASE: 6.1.0-57-amd64"
                echo
                printf 'crash> '
                while IFS= read -r line; do
                  line=$(printf '%s' "$line" | tr -d '\\r')
                  case "$line" in
                    q|exit) exit 0 ;;
                    die) echo "crash: page excluded: kernel virtual address: ffffffff00000000  type: \\"fatal\\""; echo "crash: fatal error, goodbye"; exit 1 ;;
                    hang) sleep 1000 ;;
                    ps) printf '   PID    PPID  CPU       TASK        ST  %%MEM      VSZ      RSS  COMM\\n      1      0   0  ffff8d0ac021b080  IN   0.0   167880    12000  evil\\033]52;c;ZXZpbA==\\007\\033[2J\\302\\233name\\n' ;;
                    *) echo "output of $line" ;;
                  esac
                  printf 'crash> '
                done
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** Whether a process of this stand-in (by its folder, unique to a test) still runs. */
    public static boolean anyLeft(Path dir) {
        String mark = dir.toString();
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(mark + "/fake-crash")
                || p.info().arguments().map(a -> String.join(" ", a)).orElse("").contains(mark));
    }
}
