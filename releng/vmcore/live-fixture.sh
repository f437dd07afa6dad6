#!/usr/bin/env bash
# The fixture of the live-session tests (LiveSessionTest): the both2m dump made by make.sh (Debian
# 12's 6.1 kernel under qemu, two 2 MiB huge pages soft-offlined and poisoned, a sysrq crash), its
# vmlinux and a crash that reads 6.1 (Debian 13's 8.0.6), linked under
# ${CRASHSCOPE_LIVE_FIXTURE:-~/.cache/crashscope/live/both2m} as vmcore, vmlinux and crash, with the guest's serial
# console as console.log: the tests take what happened on this boot (the pages before and after, the soft-offlined
# one) from it, never from numbers of another boot.
# Reuses what is there; the first time it downloads about 1 GB and boots the guest once.
#   releng/vmcore/live-fixture.sh          (WORK as for make.sh; needs root for apt-get)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
WORK=${WORK:-$HOME/.cache/crashscope/vmcore}
FIX=${CRASHSCOPE_LIVE_FIXTURE:-$HOME/.cache/crashscope/live/both2m}
if [ -s "$FIX/vmcore" ] && [ -s "$FIX/vmlinux" ] && [ -x "$FIX/crash" ] && [ -s "$FIX/console.log" ]; then
  echo "live fixture: $FIX (reused)"
  exit 0
fi
start=$(date +%s)
if [ ! -s "$WORK/runs/both2m/vmcore" ]; then
  WORK=$WORK SCENARIOS=both2m STEPS="tools fetch build boot" "$here/make.sh"
fi
vmlinux=$(ls "$WORK"/dbg/usr/lib/debug/boot/vmlinux-* 2>/dev/null | head -n 1)
[ -s "$WORK/runs/both2m/vmcore" ] && [ -s "$WORK/runs/both2m/console.log" ] && [ -n "$vmlinux" ] && [ -x "$WORK/crash806/crash" ] || { echo "live fixture: make.sh made no both2m dump" >&2; exit 1; }
mkdir -p "$FIX"
ln -sfn "$WORK/runs/both2m/vmcore" "$FIX/vmcore"
ln -sfn "$WORK/runs/both2m/console.log" "$FIX/console.log"
ln -sfn "$vmlinux" "$FIX/vmlinux"
ln -sfn "$WORK/crash806/crash" "$FIX/crash"
echo "live fixture: $FIX, made in $(( $(date +%s) - start )) s"
