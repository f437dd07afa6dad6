#!/usr/bin/env bash
# The case library at scale: imports N cases (default 100000) made by varying real sessions and times
# `similar` at 1k, 10k and 100k cases. LIBRARY: a folder (default: a new temporary one) or a
# jdbc:postgresql: URL. Needs the built benchmarks module (./mvnw -B verify -pl tests/org.crashscope.benchmarks -am).
#   releng/bench/cases-bench.sh [N] [LIBRARY]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../scripts/env.sh
. "$here/releng/scripts/env.sh"
cs_require_jdk
bench="$here/tests/org.crashscope.benchmarks/target"
[ -d "$bench/classes" ] && [ -d "$bench/dependency" ] || cs_die "build the benchmarks first: ./mvnw -B verify -pl tests/org.crashscope.benchmarks -am"
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$bench/classes:$bench/dependency/*" org.crashscope.benchmarks.CaseLibraryBenchmark "$@"
