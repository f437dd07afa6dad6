#!/usr/bin/env bash
# The CLI benchmark: `analyze --format text` per line shape vs `grep -c 'crash>'` on the same file,
# measured in the same run, after subtracting the time of the same analyze on a 1 KB file (JVM
# start-up), with the heap capped at 25% of the file size.
#   releng/bench/bench.sh [SIZE_MB] [WORKDIR] [SHAPE...]
# Shapes: generated (the realistic mix of GenerateTranscript), log, kmem, rd, bta, btff, vtop, dis,
# prompts, mixed (see tests/org.crashscope.benchmarks/.../Shapes.java); default: all but prompts. RUNS=N takes the median of N runs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/releng/scripts/env.sh"
cs_require_jdk
size=${1:-1024}
work=${2:-/tmp/crashscope-bench}
shift $(( $# < 2 ? $# : 2 ))
shapes=("$@")
[ ${#shapes[@]} -gt 0 ] || shapes=(generated log kmem rd bta btff vtop dis mixed)
mkdir -p "$work"
cs_require_product

RUNS=${RUNS:-3}
# output goes to a file: GNU grep stops at the first match when its output is /dev/null
seconds() {
  local s e i times=()
  for i in $(seq "$RUNS"); do
    s=$(date +%s.%N); "$@" > "$work/out.txt"; e=$(date +%s.%N)
    times+=("$(echo "$e - $s" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}

small="$work/small-1kb.txt"
printf 'crash> bt\nPID: 1  TASK: ffff888100000000  CPU: 0  COMMAND: "init"\n #0 [ffffc90000013e08] __schedule at ffffffff81a3c1f6\n' > "$small"
small_t=$(seconds "$top/crashscope" analyze "$small" --format text)
printf 'medians of %d runs; JVM start-up (analyze of a 1 KB file): %.2f s\n' "$RUNS" "$small_t"
printf '%-10s %8s %10s %8s %9s %9s %9s %7s\n' shape MB lines grep_s cs_s net_MB/s capped_s x_grep
for shape in "${shapes[@]}"; do
  big="$work/$shape-${size}mb.txt"
  if [ ! -f "$big" ]; then
    if [ "$shape" = generated ]; then
      "$JAVA_HOME/bin/java" "$top/tests/org.crashscope.ui.tests/src/org/crashscope/ui/tests/GenerateTranscript.java" "$big" "$size" > /dev/null
    else
      "$JAVA_HOME/bin/java" "$top/tests/org.crashscope.benchmarks/src/main/java/org/crashscope/benchmarks/Shapes.java" "$shape" "$size" "$big"
    fi
  fi
  cat "$big" > /dev/null   # warm the page cache for everyone alike
  bytes=$(stat -Lc %s "$big")
  heap_mb=$(( bytes / 4 / 1048576 < 64 ? 64 : bytes / 4 / 1048576 ))
  grep_t=$(seconds grep -c 'crash>' "$big" || true)
  big_t=$(seconds "$top/crashscope" analyze "$big" --format text)
  capped_t=$(CRASHSCOPE_VMARGS="-Xmx${heap_mb}m" seconds "$top/crashscope" analyze "$big" --format text)
  net=$(echo "$big_t - $small_t" | bc)
  printf '%-10s %8d %10d %8.2f %9.2f %9.0f %9.2f %7.1f\n' "$shape" $(( bytes / 1048576 )) "$(wc -l < "$big")" "$grep_t" "$big_t" \
    "$(echo "scale=2; $bytes / 1048576 / ($net + 0.001)" | bc)" "$capped_t" "$(echo "scale=2; $net / ($grep_t + 0.001)" | bc)"
done
