#!/usr/bin/env bash
# The JMH benchmarks of the core (tests/org.crashscope.benchmarks): scan, parse, analysis and
# session per line shape (ShapeBenchmark), and the cross-references of repeated reports
# (CrossReferenceBenchmark). Arguments go to JMH, e.g.
#   releng/bench/jmh.sh ShapeBenchmark.scan -p megabytes=64      releng/bench/jmh.sh -h
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/releng/scripts/env.sh"
cs_require_jdk
module="$top/tests/org.crashscope.benchmarks"
if [ ! -f "$module/target/org.crashscope.benchmarks-0.1.0-SNAPSHOT.jar" ] || [ -n "${CRASHSCOPE_REBUILD:-}" ]; then
  (cd "$top" && ./mvnw -B -q -DskipTests install -pl tests/org.crashscope.benchmarks -am) >&2
fi
exec "$JAVA_HOME/bin/java" -cp "$module/target/org.crashscope.benchmarks-0.1.0-SNAPSHOT.jar:$module/target/dependency/*" org.openjdk.jmh.Main "$@"
