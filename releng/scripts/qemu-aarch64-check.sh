#!/usr/bin/env bash
# Runs the Linux arm64 product's CLI on this x86-64 machine: Debian's qemu-user-static with Debian 13's arm64 OpenJDK 21
# and capstone (the Code: decoder): their .debs and dependencies unpacked into a folder, never installed (a private apt
# configuration; the machine's own is not touched). The arm64 archive's launcher takes that Java (its release file says
# aarch64) and runs --version and analyze --format json on the seed, which must equal the x86-64 JSON byte for byte.
# The workbench itself is not started (no arm64 GTK). Not part of CI (~60 MB of downloads, a JVM under emulation).
#   qemu-aarch64-check.sh ARCHIVES VERSION [WORKDIR]   (WORKDIR keeps the arm64 tree between runs; default ~/.cache/crashscope/arm64)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=env.sh
. "$here/env.sh"
[ $# -ge 2 ] || cs_die "usage: $0 ARCHIVES VERSION [WORKDIR]"
archives=$(cd "$1" && pwd) version=$2
cache=${3:-$HOME/.cache/crashscope/arm64}
cs_apt_install qemu-user-static
root="$cache/root"
jdk="$root/usr/lib/jvm/java-21-openjdk-arm64"
if [ ! -x "$jdk/bin/java" ] || ! ls "$root"/usr/lib/aarch64-linux-gnu/libcapstone.so.* > /dev/null 2>&1; then
  apt_dir="$cache/apt"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$root"
  : > "$apt_dir/status"
  echo "deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" > "$apt_dir/sources.list"
  opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$apt_dir/lists"
    -o "Dir::Cache=$apt_dir/cache" -o APT::Architecture=arm64 -o APT::Architectures=arm64 -o "Dir::State::Status=$apt_dir/status")
  apt-get "${opts[@]}" -qq update
  apt-get "${opts[@]}" -qq -y --no-install-recommends install --download-only openjdk-21-jre-headless libcapstone5
  for deb in "$apt_dir"/cache/archives/*.deb; do dpkg-deb -x "$deb" "$root"; done
  [ -e "$root/lib" ] || ln -s usr/lib "$root/lib" # the loader's path, /lib/ld-linux-aarch64.so.1, in a merged /usr
fi
# Debian's JDK links its configuration to /etc/java-21-openjdk (absolute links: the kernel resolves them on this machine,
# not in the unpacked tree) and to other absolute paths: point them into the tree
find "$root/usr/lib/jvm" -type l | while read -r link; do
  target=$(readlink "$link")
  case $target in /*) [ -e "$root$target" ] && ln -sfn "$root$target" "$link" ;; esac
done
# a Java the launcher can take: its release file (aarch64) beside a bin/java that runs the arm64 one under qemu
wrapped="$cache/java-under-qemu"
mkdir -p "$wrapped/bin"
cp "$jdk/release" "$wrapped/release"
printf '#!/bin/sh\nexec qemu-aarch64-static -L "%s" "%s/bin/java" "$@"\n' "$root" "$jdk" > "$wrapped/bin/java"
chmod +x "$wrapped/bin/java"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/arm64" "$work/x86_64"
tar -xzf "$archives/crashscope-$version-linux.gtk.aarch64.tar.gz" -C "$work/arm64"
tar -xzf "$archives/crashscope-$version-linux.gtk.x86_64.tar.gz" -C "$work/x86_64"
seed="$CRASHSCOPE_HOME/bundles/org.crashscope.app/samples/seed-kcs-ghes-hugepage-gpf.txt"
start=$(date +%s)
v=$(CRASHSCOPE_JAVA="$wrapped/bin/java" "$work/arm64/crashscope/crashscope" --version)
echo "arm64 under qemu: $v ($(( $(date +%s) - start )) s)"
start=$(date +%s)
CRASHSCOPE_JAVA="$wrapped/bin/java" "$work/arm64/crashscope/crashscope" analyze "$seed" --format json > "$work/arm64.json"
echo "arm64 under qemu: analyze --format json in $(( $(date +%s) - start )) s, $(wc -c < "$work/arm64.json") bytes"
"$work/x86_64/crashscope/crashscope" analyze "$seed" --format json > "$work/x86_64.json"
cmp -s "$work/arm64.json" "$work/x86_64.json" || { diff "$work/x86_64.json" "$work/arm64.json" | head -n 20 >&2; cs_die "the arm64 product's JSON differs from the x86-64 one"; }
echo "qemu-aarch64-check: the arm64 product's CLI runs and gives the x86-64 JSON byte for byte"
