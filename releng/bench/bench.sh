#!/usr/bin/env bash
# CLI benchmark on a generated transcript (default 1024 MB), as issue 3 asks:
#   analyze --format text on the big file vs `grep -c 'crash>'` on it, after subtracting the time
#   of the same analyze on a 1 KB file (JVM start-up); and the same run with the heap capped at
#   25% of the file size. Usage: releng/bench/bench.sh [SIZE_MB] [WORKDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/releng/scripts/env.sh"
cs_require_jdk
size=${1:-1024}
work=${2:-/tmp/crashscope-bench}
mkdir -p "$work"
big="$work/generated-${size}mb.txt"
small="$work/small-1kb.txt"
[ -f "$big" ] || { echo "generating $big"; "$JAVA_HOME/bin/java" "$top/tests/org.crashscope.ui.tests/src/org/crashscope/ui/tests/GenerateTranscript.java" "$big" "$size"; }
head -c 1024 "$big" > "$small"
cs_require_product

# output goes to a file: GNU grep stops at the first match when its output is /dev/null
# each figure is the median of RUNS runs (these machines are noisy)
RUNS=${RUNS:-5}
seconds() {
  local s e i times=()
  for i in $(seq "$RUNS"); do
    s=$(date +%s.%N); "$@" > "$work/out.txt"; e=$(date +%s.%N)
    times+=("$(echo "$e - $s" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}
cat "$big" > /dev/null   # warm the page cache for everyone alike
bytes=$(stat -c %s "$big")
heap_mb=$(( bytes / 4 / 1048576 ))
grep_t=$(seconds grep -c 'crash>' "$big" || true)
small_t=$(seconds "$top/crashscope" analyze "$small" --format text)
big_t=$(seconds "$top/crashscope" analyze "$big" --format text)
capped_t=$(CRASHSCOPE_VMARGS="-Xmx${heap_mb}m" seconds "$top/crashscope" analyze "$big" --format text)
ratio=$(echo "scale=2; ($big_t - $small_t) / $grep_t" | bc)
printf 'file: %s (%d bytes, %d lines), medians of %d runs\n' "$big" "$bytes" "$(wc -l < "$big")" "$RUNS"
printf 'grep -c crash>            %6.2f s\n' "$grep_t"
printf 'analyze 1 KB (JVM start)  %6.2f s\n' "$small_t"
printf 'analyze big --format text %6.2f s  (net %.2f s, %.2fx grep; target <= 5x)\n' "$big_t" "$(echo "$big_t - $small_t" | bc)" "$ratio"
printf 'same with -Xmx%dm (25%%)  %6.2f s\n' "$heap_mb" "$capped_t"
