#!/usr/bin/env bash
# Stamps a build with its version, commit and date, for `crashscope --version`, the reports and the About dialog:
#   stamp-build.sh properties OUT VERSION DATE   version=, commit=, date= (the CLI's org/crashscope/cli/build.properties)
#   stamp-build.sh mappings OUT VERSION DATE     0=version, 1=commit, 2=date (the product's about.mappings)
# VERSION is the bundle's qualified version, DATE the build's start (Maven's build timestamp, UTC); the commit is
# the checkout's HEAD, "-dirty" when tracked files differ from it, "unknown" outside a git checkout.
# Run by the cli's and the app's builds (generate-resources).
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: $0 properties|mappings OUT VERSION DATE" >&2; exit 2; }
kind=$1 out=$2 version=$3 date=$4
repo=$(cd "$(dirname "$0")/../.." && pwd)
commit=$(git -C "$repo" rev-parse --short=12 HEAD 2> /dev/null || echo unknown)
if [ "$commit" != unknown ] && [ -n "$(git -C "$repo" status --porcelain --untracked-files=no 2> /dev/null)" ]; then
  commit="$commit-dirty"
fi
mkdir -p "$(dirname "$out")"
case $kind in
  properties) printf 'version=%s\ncommit=%s\ndate=%s\n' "$version" "$commit" "$date" > "$out" ;;
  mappings) printf '0=%s\n1=%s\n2=%s\n' "$version" "$commit" "$date" > "$out" ;;
  *) echo "unknown kind $kind" >&2; exit 2 ;;
esac
