#!/usr/bin/env bash
# Whether two builds of the CLI print the same JSON, byte for byte: `analyze --format json` and `--depth full` of every
# transcript fixture of the repository (and of the folders given), by the class path of each build.
#   releng/bench/json-diff.sh BASE_CLASSPATH NEW_CLASSPATH [FOLDER...]
# e.g. after a change to the transcript parser: keep a copy of the jars of the build before it (bundles/*/target/*.jar,
# gson, re2j, jna) and give both. Exit 0 when every output is the same; the differing files are listed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/releng/scripts/env.sh"
cs_require_jdk
[ $# -ge 2 ] || { echo "usage: $0 BASE_CLASSPATH NEW_CLASSPATH [FOLDER...]" >&2; exit 2; }
base=$1 new=$2
shift 2
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
mapfile -t files < <({ find "$top/bundles" "$top/tests" -path '*/src/test/resources/*' -type f ! -name '*.json' ! -name '*.tsv' -size -8M
                       [ $# -eq 0 ] || find "$@" -type f \( -name '*.txt' -o -name '*.log' \) -size -8M; } | sort)
"$JAVA_HOME/bin/java" -Xmx1g -cp "$base" "$here/JsonDump.java" "$work/base" "${files[@]}"
"$JAVA_HOME/bin/java" -Xmx1g -cp "$new" "$here/JsonDump.java" "$work/new" "${files[@]}"
echo "outputs in $work"
if diff -rq "$work/base" "$work/new"; then
  echo "the same JSON for ${#files[@]} files (json and --depth full)"
else
  exit 1
fi
