#!/usr/bin/env bash
# The CLI against grep on generated transcripts: for each shape and size, `grep -c 'crash>'`, `analyze --format json
# --depth full` and `analyze --format text` on the same file in the same run, the heap capped at 25% of the file
# (at least 64 MiB), each timed by /usr/bin/time -v (wall seconds, peak resident memory) and its peak heap read from the
# GC log (the most the heap held before a collection or at exit, and the most it kept after one). Prints one row per shape, size and mode:
# wall and CPU seconds, MB/s (wall), the ratio to grep's wall time, grep's CPU seconds, peak and live heap and peak RSS. On a
# loaded machine the CPU seconds are the steadier figure.
#   releng/bench/cli-vs-grep.sh [-s "64 256 1024"] [-w WORKDIR] [SHAPE...]
# Shapes: those of tests/org.crashscope.benchmarks/.../Shapes.java (default: log kmemp slab rd foreach btffs vtop disr
# mixed). The files are written once to WORKDIR (default /tmp/crashscope-bench) and kept: never commit them.
# CRASHSCOPE_CP runs another build's CLI (a class path), e.g. to compare a branch with its base. RUNS=N: the median of N.
# HEAP_PERCENT=N caps the heap at N% of the file instead of 25 (to see the speed of what does not fit a quarter).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/releng/scripts/env.sh"
cs_require_jdk
sizes="64 256 1024"
work=/tmp/crashscope-bench
while getopts s:w: opt; do
  case $opt in
    s) sizes=$OPTARG ;;
    w) work=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
shapes=("$@")
[ ${#shapes[@]} -gt 0 ] || shapes=(log kmemp slab rd foreach btffs vtop disr mixed)
[ -x /usr/bin/time ] || cs_die "needs GNU time (/usr/bin/time): apt-get install time"
mkdir -p "$work"
if [ -n "${CRASHSCOPE_CP:-}" ]; then cp=$CRASHSCOPE_CP; else cs_require_product; cp=$(cs_cli_classpath); fi
# the JVM as ./crashscope starts it (with its class-data archive, made here once before timing)
# (recording the case in the library is not the analysis: off unless CRASHSCOPE_RECORD=1)
export CRASHSCOPE_RECORD=${CRASHSCOPE_RECORD:-0}
mapfile -t vm_args < <(cs_cli_vm_args "$JAVA_HOME/bin/java" "$cp" analyze)
printf 'crash> sys\n      KERNEL: vmlinux\n    DUMPFILE: vmcore\n' > "$work/warm.txt"
"$JAVA_HOME/bin/java" "${vm_args[@]}" -cp "$cp" org.crashscope.cli.Main analyze "$work/warm.txt" --format json --depth full > /dev/null
mapfile -t vm_args < <(cs_cli_vm_args "$JAVA_HOME/bin/java" "$cp" analyze)   # (the archive made: not asked to load every class again)
RUNS=${RUNS:-1}
HEAP_PERCENT=${HEAP_PERCENT:-25}

# one run: "wall_seconds peak_rss_kb cpu_seconds" of the command, its output to a file (GNU grep stops at the first match on /dev/null)
timed() {
  local s e
  s=$(date +%s.%N)
  /usr/bin/time -f '%M %U %S' -o "$work/time.txt" "$@" > "$work/out.txt" 2> "$work/err.txt" || { echo "failed: ${*:(-5)}" >&2; tail -3 "$work/err.txt" >&2; }
  e=$(date +%s.%N)
  read -r rss user sys < <(tail -1 "$work/time.txt")
  echo "$(echo "$e - $s" | bc) $rss $(echo "$user + $sys" | bc)"
}
# the median of RUNS runs (by wall time), with the peak heap of that run in MiB appended for java
median() {
  local i rows=()
  for i in $(seq "$RUNS"); do rows+=("$(timed "$@") $(heap)"); done
  printf '%s\n' "${rows[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}
heap() {
  # -Xlog:gc lines end in "BEFORE->AFTER(CAPACITY) TIME", gc+exit gives what was used at exit: the peak is the largest
  # BEFORE or the used at exit, the live the largest AFTER (what the heap kept)
  [ -f "$work/gc.txt" ] || { echo "0 0"; return; }
  awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+M->[0-9]+M/) { split($i, a, "M->"); if (a[1] + 0 > peak) peak = a[1] + 0;
                                                                   if (a[2] + 0 > live) live = a[2] + 0 } }
       /(DefNew|Tenured) +total/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); used += v } }
       END { if (used / 1024 > peak) peak = int(used / 1024); print peak + 0, live + 0 }' "$work/gc.txt"
  rm -f "$work/gc.txt"
}

printf 'load %s; medians of %d runs; heap %d%% of the file\n' "$(cut -d' ' -f1-3 /proc/loadavg)" "$RUNS" "$HEAP_PERCENT"
printf '%-8s %6s %-5s %8s %8s %8s %8s %7s %8s %8s %8s %8s\n' shape MB mode seconds cpu_s MB/s grep_s x_grep grep_cpu peak_MiB live_MiB rss_MiB
for size in $sizes; do
  for shape in "${shapes[@]}"; do
    big="$work/$shape-${size}mb.txt"
    [ -f "$big" ] || "$JAVA_HOME/bin/java" "$top/tests/org.crashscope.benchmarks/src/main/java/org/crashscope/benchmarks/Shapes.java" "$shape" "$size" "$big"
    cat "$big" > /dev/null   # the page cache warm for every command alike
    bytes=$(stat -Lc %s "$big")
    mb=$(echo "scale=1; $bytes / 1048576" | bc)
    heap_mb=$(( bytes * HEAP_PERCENT / 100 / 1048576 < 64 ? 64 : bytes * HEAP_PERCENT / 100 / 1048576 ))
    read -r grep_s _ grep_cpu _ < <(median grep -c 'crash>' "$big")
    for mode in json text; do
      if [ $mode = json ]; then args=(--format json --depth full); else args=(--format text); fi
      read -r s rss cpu peak live < <(median "$JAVA_HOME/bin/java" "${vm_args[@]}" -Xmx"$heap_mb"m -Xlog:gc,gc+exit:file="$work/gc.txt" -cp "$cp" \
        org.crashscope.cli.Main analyze "$big" "${args[@]}")
      if grep -q 'out of memory' "$work/err.txt"; then s=OOM; fi
      if [ "$s" = OOM ]; then
        printf '%-8s %6s %-5s %8s %8s %8s %8.3f %7s %8s %8s %8s %8d\n' "$shape" "$mb" $mode OOM "$cpu" - "$grep_s" - "$grep_cpu" "$heap_mb" - $((rss / 1024))
      else
        printf '%-8s %6s %-5s %8.2f %8.2f %8.1f %8.3f %7.1f %8.2f %8d %8d %8d\n' "$shape" "$mb" $mode "$s" "$cpu" "$(echo "scale=1; $mb / ($s + 0.001)" | bc)" \
          "$grep_s" "$(echo "scale=2; $s / ($grep_s + 0.001)" | bc)" "$grep_cpu" "$peak" "$live" $((rss / 1024))
      fi
    done
  done
done
