#!/usr/bin/env bash
# The release command: builds everything and writes into OUT
#   crashscope-VERSION-OS.WS.ARCH.tar.gz (Linux) and .zip (Windows, macOS): the five products, checked as the build checks them
#   SHA256SUMS                    over those archives (sha256sum -c SHA256SUMS checks them)
#   repository/                   the update site (a p2 repository: the product's and the IDE's features)
#   CHANGES.md                    a short section: the version, commit and date, and the commits since the last tag
#   releng/release.sh OUT [--skip-tests] [MAVEN OPTIONS...]
# The build runs the tests (the workbench's under Xvfb) unless --skip-tests; the version, commit and date are stamped
# into the CLI (--version), the reports and the About dialog by the build itself. A checkout with changes not committed
# is released as COMMIT-dirty, and said so.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/env.sh
. "$here/scripts/env.sh"
[ $# -ge 1 ] && [ "${1#-}" = "$1" ] || cs_die "usage: releng/release.sh OUT [--skip-tests] [MAVEN OPTIONS...]"
out=$1
shift
maven=()
tests=1
for arg in "$@"; do
  if [ "$arg" = --skip-tests ]; then tests=0; else maven+=("$arg"); fi
done
cs_require_jdk
cs_require_packaging
mkdir -p "$out"
out=$(cd "$out" && pwd -P)
case "$out/" in "$CRASHSCOPE_HOME"/*) cs_die "OUT must be outside the checkout (the build cleans its targets): $out" ;; esac

cd "$CRASHSCOPE_HOME"
[ -z "$(git status --porcelain --untracked-files=no 2> /dev/null)" ] || cs_note "the checkout has changes not committed: the release says $(git rev-parse --short=12 HEAD)-dirty"
start=$(date +%s)
if [ $tests = 1 ]; then
  cs_require_gui_runtime
  cs_require_xvfb
  cs_require_capstone
  xvfb-run -a -s "-screen 0 1920x1080x24" ./mvnw -B clean verify "${maven[@]}"
else
  ./mvnw -B clean verify -DskipTests "${maven[@]}"
fi
product="$CRASHSCOPE_HOME/releng/org.crashscope.product/target"
version=$(ls "$product"/archives/crashscope-*-linux.gtk.x86_64.tar.gz | sed 's#.*/crashscope-\(.*\)-linux\.gtk\.x86_64\.tar\.gz#\1#')
[ -n "$version" ] || cs_die "the build wrote no archives in $product/archives"
# the check runs in every build's verify; with --skip-tests it runs here
[ $tests = 1 ] || "$here/scripts/check-products.sh" "$product/archives" "$version"

# only what this release writes is replaced in OUT
rm -rf "$out/repository" "$out/SHA256SUMS" "$out/CHANGES.md" "$out"/crashscope-*-*.*.*.tar.gz "$out"/crashscope-*-*.*.*.zip
archives=()
for platform in linux.gtk.x86_64 linux.gtk.aarch64 win32.win32.x86_64 macosx.cocoa.x86_64 macosx.cocoa.aarch64; do
  case $platform in linux.*) name="crashscope-$version-$platform.tar.gz" ;; *) name="crashscope-$version-$platform.zip" ;; esac
  [ -f "$product/archives/$name" ] || cs_die "the build wrote no $name"
  cp "$product/archives/$name" "$out/$name"
  archives+=("$name")
done
(cd "$out" && sha256sum "${archives[@]}" > SHA256SUMS)
cp -r "$product/repository" "$out/repository"

# the stamp the build wrote into the CLI: version, commit, date
stamp=$(unzip -p "$product"/products/org.crashscope.product/linux/gtk/x86_64/crashscope/plugins/org.crashscope.cli_*.jar org/crashscope/cli/build.properties)
qualified=$(echo "$stamp" | sed -n 's/^version=//p')
commit=$(echo "$stamp" | sed -n 's/^commit=//p')
built=$(echo "$stamp" | sed -n 's/^date=//p')
previous=$(git describe --tags --abbrev=0 2> /dev/null || true)
{
  echo "## Crashscope $version ($qualified, commit $commit, built $built)"
  echo
  echo "Archives: ${archives[*]} (SHA256SUMS); update site: repository/."
  echo
  if [ -n "$previous" ]; then echo "Changes since $previous:"; else echo "Changes (the last 30 commits; no earlier release tag):"; fi
  echo
  # each commit's first sentence, cut at a clause: the subjects of this repository are long
  if [ -n "$previous" ]; then range=("$previous..HEAD"); else range=(-n 30); fi
  git log --no-merges --format='%s' "${range[@]}" | sed -e 's/[;:] .*//' -e 's/^\(.\{150\}\).*/\1.../' -e 's/^/- /'
} > "$out/CHANGES.md"

echo "crashscope release $version in $out ($(( $(date +%s) - start )) s):"
(cd "$out" && for f in "${archives[@]}"; do printf '  %-48s %6d KiB\n' "$f" "$(du -k "$f" | cut -f1)"; done
 printf '  %-48s %6d KiB\n' repository/ "$(du -sk repository | cut -f1)")
