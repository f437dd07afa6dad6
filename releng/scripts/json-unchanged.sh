#!/usr/bin/env bash
# Whether a change leaves `crashscope analyze FILE --format json` (and `--depth full`) byte-identical:
# builds the CLI's bundles of REV (default HEAD) in a scratch copy and of the working tree, runs both
# over every fixture of the repository (src/test/resources of each bundle, the shared fixtures) and
# every file of the corpus folder (CRASHSCOPE_CORPUS, default ../shared/corpus beside the repository,
# when it exists), and compares each output and exit code + stderr. Prints the files that differ and
# a count; exits 1 when any differs. One JVM per side (JsonOutputs.java), about 30 s for 300 files.
#   releng/scripts/json-unchanged.sh [REV]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=env.sh
. "$here/env.sh"
cs_require_jdk
rev=${1:-HEAD}
repo=$CRASHSCOPE_HOME
corpus=${CRASHSCOPE_CORPUS:-$repo/../shared/corpus}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

build() { # ROOT: the CLI's bundles, without tests, offline when the local repository has everything
  (cd "$1" && { ./mvnw -B -o -q -pl bundles/org.crashscope.cli -am verify -DskipTests >"$work/build.log" 2>&1 \
    || ./mvnw -B -q -pl bundles/org.crashscope.cli -am verify -DskipTests >"$work/build.log" 2>&1; }) \
    || { tail -n 30 "$work/build.log" >&2; cs_die "the build of $1 failed"; }
}

classpath() { # ROOT
  local cp="" jar
  # (the library's jars: a case is never recorded here, CRASHSCOPE_RECORD=0, but the CLI links its classes)
  for jar in "$1"/bundles/org.crashscope.{transcript,arch,analysis,live,presentation,diagram,report,library,cli}/target/org.crashscope.*-SNAPSHOT.jar \
      "$HOME"/.m2/repository/com/h2database/h2/2.3.232/h2-2.3.232.jar "$HOME"/.m2/repository/org/flywaydb/flyway-core/9.22.3/flyway-core-9.22.3.jar \
      "$HOME"/.m2/repository/net/java/dev/jna/jna/5.18.1/jna-5.18.1.jar "$HOME"/.m2/repository/com/google/code/gson/gson/2.15.0/gson-2.15.0.jar \
      "$HOME"/.m2/repository/com/google/re2j/re2j/1.8/re2j-1.8.jar; do
    [ -f "$jar" ] || cs_die "no $jar"
    cp="${cp:+$cp:}$jar"
  done
  echo "$cp"
}

mkdir -p "$work/base"
git -C "$repo" archive "$rev" | tar -x -C "$work/base"
cs_note "building $rev"
build "$work/base"
cs_note "building the working tree"
build "$repo"
{
  find "$repo/bundles" "$repo/tests" -type f \( -path '*/src/test/resources/*' -o -path '*/src/main/resources/fixtures/*' \) \
    -not -path '*/target/*' -not -name '*.json' -not -name '*.MF'
  [ -d "$corpus" ] && find "$corpus" -type f -not -name '*.json' -not -name '*.md'
} | sort >"$work/files"
for side in base tree; do
  root=$([ "$side" = base ] && echo "$work/base" || echo "$repo")
  (cd "$work" && CRASHSCOPE_RECORD=0 "$JAVA_HOME/bin/java" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -cp "$(classpath "$root")" \
    "$here/JsonOutputs.java" "$work/out-$side" <"$work/files")
done
n=0
bad=0
for f in "$work/out-base"/*; do
  n=$((n + 1))
  if ! cmp -s "$f" "$work/out-tree/${f##*/}"; then
    bad=$((bad + 1))
    echo "differs: ${f##*/}"
    diff "$f" "$work/out-tree/${f##*/}" | head -n 12 || true
  fi
done
echo "$((n - bad)) of $n outputs identical ($(wc -l <"$work/files") files, json and --depth full, exit code and stderr)"
[ "$bad" -eq 0 ]
