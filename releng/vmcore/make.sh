#!/usr/bin/env bash
# Crashscope's generator of real crash sessions: a real Debian kernel under qemu fails in a chosen
# way, its memory is dumped, and the real crash is run on the dump. See README.md beside this file.
#
#   releng/vmcore/make.sh                        every scenario (about 20 minutes on 2 cores, 1 GB of downloads once)
#   SCENARIOS="soft1g ck-null" releng/vmcore/make.sh
#   STEPS="sessions" releng/vmcore/make.sh       only the crash sessions, on the dumps already made
#   KERNEL_RELEASE=trixie releng/vmcore/make.sh  the same on Debian 13's 6.12 (sessions named k612-*)
#
# WORK (default ~/.cache/crashscope/vmcore) keeps the downloads, the builds and the dumps; the
# transcripts and their facts go to OUT (default $WORK/sessions). Needs root for apt-get.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
WORK=${WORK:-$HOME/.cache/crashscope/vmcore}
OUT=${OUT:-$WORK/sessions}
TMO=${TMO:-900}
STEPS=${STEPS:-tools fetch build boot sessions}
ALL="soft1g poison1g both2m mce2m ck-null ck-gpf ck-corrupt ck-listdel ck-uaf ck-bug ck-warn ck-divide ck-softlockup ck-hung
  ck-nx ck-stack ck-canary ck-refcount ck-usercopy ck-rcustall ck-atomic ck-badpage ck-oom ck-initexit"
[ "${KERNEL_RELEASE:-}" = trixie ] && ALL="$ALL ck-kfence" # Debian's 6.1 has no KFENCE
SCENARIOS=${SCENARIOS:-$ALL}
mkdir -p "$WORK" "$OUT"
step() { case " $STEPS " in *" $1 "*) return 0;; esac; return 1; }
say() { echo "== $* ($(date -u +%H:%M:%S))"; }

# scenario -> kernel command line | memory | crash script | expected kind | deliberate | the guilty function (by crashkinds.c)
scenario() {
  case "$1" in
    soft1g)   echo "hugepagesz=1G hugepages=4 default_hugepagesz=1G hp=soft hpsize=1G hpcount=3|8G|hugetlb|sysrq|1";;
    poison1g) echo "hugepagesz=1G hugepages=4 default_hugepagesz=1G hp=poison hpsize=1G hpcount=3|8G|hugetlb|sysrq|1";;
    both2m)   echo "hugepagesz=2M hugepages=64 default_hugepagesz=2M hp=both hpsize=2M hpcount=8|4G|hugetlb|sysrq|1";;
    mce2m)    echo "hugepagesz=2M hugepages=64 default_hugepagesz=2M hp=soft hpsize=2M hpcount=8 hpmce=1|4G|hugetlb|sysrq|1";;
    ck-null)  echo "oops=panic ck=null ckrun=write|2G|oops|null-pointer-dereference|0|ck_read_cookie";;
    ck-gpf)   echo "oops=panic ck=gpf ckrun=write|2G|oops|general-protection-fault|0|ck_walk_gpf";;
    ck-corrupt) echo "oops=panic ck=corrupt ckrun=write|2G|oops|general-protection-fault|0|ck_unlink_raw";;
    ck-listdel) echo "oops=panic ck=listdel ckrun=write|2G|oops|list-corruption|0|ck_unlink";;
    ck-uaf)   echo "oops=panic slub_debug=FZP ck=uaf ckrun=write|2G|oops|use-after-free|0|ck_follow";;
    ck-bug)   echo "oops=panic ck=bug|2G|oops|bug|0|ck_check";;
    ck-warn)  echo "panic_on_warn=1 ck=warn|2G|oops|warning|0|ck_warn";;
    ck-divide) echo "oops=panic ck=divide|2G|oops|divide-error|0|ck_divide";;
    ck-softlockup) echo "softlockup_panic=1 watchdog_thresh=5 ck=softlockup|2G|oops|soft-lockup|0|ck_spin";;
    ck-hung)  echo "hung_task_panic=1 sysctl.kernel.hung_task_timeout_secs=10 ck=hung|2G|oops|hung-task|0|ck_take_lock";;
    ck-nx)    echo "oops=panic ck=nx ckrun=write|2G|oops|nx-execution|0|ck_call";;
    ck-stack) echo "oops=panic ck=stack ckrun=write|2G|oops|stack-overflow|0|ck_recurse";;
    ck-canary) echo "oops=panic ck=canary ckrun=write|2G|oops|stack-protector|0|ck_smash";;
    ck-refcount) echo "panic_on_warn=1 ck=refcount ckrun=write|2G|oops|refcount-bug|0|ck_put";;
    ck-usercopy) echo "oops=panic ck=usercopy ckrun=write|2G|oops|bad-usercopy|0|ck_copy_out";;
    ck-rcustall) echo "rcupdate.rcu_cpu_stall_timeout=5 sysctl.kernel.panic_on_rcu_stall=1 ck=rcustall|2G|oops|rcu-stall|0|ck_hold_rcu";;
    ck-atomic) echo "panic_on_warn=1 ck=atomic ckrun=write|2G|oops|scheduling-while-atomic|0|ck_sleep_locked";;
    ck-badpage) echo "panic_on_taint=0x20 page_poison=1 ck=badpage ckrun=write|2G|oops|bad-page|0|ck_free_bad";;
    ck-oom)   echo "sysctl.vm.panic_on_oom=1 ck=oom ckrun=write|1G|oops|out-of-memory|0|ck_hog";;
    ck-initexit) echo "ck=initexit|2G|oops|init-killed|0|";;
    ck-kfence) echo "kfence.sample_interval=1 panic_on_warn=1 ck=kfence ckrun=write|2G|oops|use-after-free|0|ck_kfence_read";;
    *) echo "unknown scenario $1" >&2; exit 2;;
  esac
}

if step tools; then
  say tools
  missing=()
  for p in qemu-system-x86 busybox-static cpio gcc libc6-dev python3 make xz-utils $([ "${KERNEL_RELEASE:-}" = trixie ] && echo debootstrap); do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; fi
fi

# The kernel: Debian 12's 6.1 (bookworm, this machine's own apt sources) or Debian 13's 6.12 (trixie,
# through the private apt configuration below). Each release keeps its downloads, builds and dumps in
# its own KW; its sessions are named with its PREFIX.
KERNEL_RELEASE=${KERNEL_RELEASE:-bookworm}
case $KERNEL_RELEASE in
  bookworm) KW=$WORK; PREFIX=;;
  trixie) KW=$WORK/trixie; PREFIX=k612-;;
  *) echo "KERNEL_RELEASE is bookworm (Debian 12's 6.1) or trixie (Debian 13's 6.12)" >&2; exit 2;;
esac
mkdir -p "$KW"

# Debian 13's packages through a private apt configuration: this machine's sources are not changed.
A=$WORK/apt
trixie_apt() {
  mkdir -p "$A"/{lists/partial,cache/archives/partial,sources.list.d}
  read -r uri entry < <(apt-get indextargets --format '$(REPO_URI) $(SOURCESENTRY)' 'Identifier: Packages' 'Origin: Debian' 'Component: main' | head -n 1)
  key=
  file=${entry%:*}
  [ -r "$file" ] && case $file in *.sources) key=$(sed -n 's/^Signed-By:[[:space:]]*\(\S\+\)$/\1/Ip' "$file" | head -n 1);; esac
  echo "deb ${key:+[signed-by=$key] }${uri%/} trixie main" > "$A/sources.list"
  echo "${uri%/}" > "$A/mirror"
  status=; eval "$(apt-config shell status Dir::State::status/f)"
  TA=(-o Dir::Etc::SourceList="$A/sources.list" -o Dir::Etc::SourceParts="$A/sources.list.d" -o Dir::State::Lists="$A/lists"
      -o Dir::Cache="$A/cache" -o Dir::State::Status="$status")
  ls "$A"/lists/*_Packages* >/dev/null 2>&1 || apt-get "${TA[@]}" update -qq
}

if step fetch; then
  say "fetch $KERNEL_RELEASE"
  mkdir -p "$KW/pkgs"
  if [ "$KERNEL_RELEASE" = trixie ]; then
    trixie_apt; APT=(apt-get "${TA[@]}"); CACHE=(apt-cache "${TA[@]}")
  else
    APT=(apt-get); CACHE=(apt-cache)
  fi
  ABI=$("${CACHE[@]}" depends linux-image-amd64-dbg 2>/dev/null | sed -n 's/.*Depends: linux-image-\(.*\)-dbg$/\1/p' | head -n 1)
  [ -n "$ABI" ] || { "${APT[@]}" update -qq; ABI=$("${CACHE[@]}" depends linux-image-amd64-dbg | sed -n 's/.*Depends: linux-image-\(.*\)-dbg$/\1/p' | head -n 1); }
  echo "$ABI" > "$KW/abi"
  cd "$KW/pkgs"
  ls linux-image-"$ABI"_*.deb >/dev/null 2>&1 || "${APT[@]}" download "linux-image-$ABI"
  ls linux-image-"$ABI"-dbg_*.deb >/dev/null 2>&1 || "${APT[@]}" download "linux-image-$ABI-dbg"
  VER=$(dpkg-deb -f linux-image-"$ABI"_*.deb Version)
  [ "$VER" = "$(dpkg-deb -f linux-image-"$ABI"-dbg_*.deb Version)" ] || { echo "image and -dbg versions differ"; exit 1; }
  # the headers, their -common tree and kbuild, as the headers package names them (6.1: linux-kbuild-6.1; 6.12: linux-kbuild-6.12.N+deb13)
  HDRS=("linux-headers-$ABI" $("${CACHE[@]}" depends "linux-headers-$ABI" | sed -n 's/^ *Depends: \(linux-headers-.*-common\|linux-kbuild-.*\)$/\1/p'))
  for p in "${HDRS[@]}"; do
    ls "${p}_${VER}"_*.deb >/dev/null 2>&1 || "${APT[@]}" download "$p=$VER"
  done
  [ -d "$KW/k/boot" ] || { mkdir -p "$KW/k" && dpkg -x linux-image-"$ABI"_*.deb "$KW/k"; }
  if [ ! -s "$KW/dbg/usr/lib/debug/boot/vmlinux-$ABI" ]; then
    mkdir -p "$KW/dbg"
    dpkg-deb --fsys-tarfile linux-image-"$ABI"-dbg_*.deb | tar -x -C "$KW/dbg" "./usr/lib/debug/boot/vmlinux-$ABI"
  fi
  if [ "$KERNEL_RELEASE" = trixie ]; then
    # 6.12 was built with gcc-14, which Debian 12 does not have, and its kbuild's tools are linked
    # against Debian 13's libc: the module is built in a minimal Debian 13 root (debootstrap) with
    # the kernel's compiler and the headers unpacked at their installed paths.
    KCC=$(dpkg-deb --fsys-tarfile linux-headers-"$ABI"_"$VER"_*.deb | tar -xO "./usr/src/linux-headers-$ABI/.kernelvariables" \
      | sed -n 's/^CC = .*gcc-\([0-9]*\)$/gcc-\1/p')
    # with what kbuild's own tools (objtool, modpost) are linked against
    INCLUDE=$(echo "${KCC:-gcc}" make libc6-dev $("${CACHE[@]}" depends "$(printf '%s\n' "${HDRS[@]}" | grep '^linux-kbuild-')" \
      | sed -n 's/^  Depends: \([a-z0-9][a-z0-9.+-]*\)$/\1/p') | tr ' ' ',')
    if [ "$(cat "$KW/root/.crashscope-include" 2>/dev/null)" != "$INCLUDE" ]; then
      rm -rf "$KW/root"
      debootstrap --variant=minbase --include="$INCLUDE" trixie "$KW/root" "$(cat "$A/mirror")" > "$KW/debootstrap.log" 2>&1 \
        || { tail -n 20 "$KW/debootstrap.log"; echo "debootstrap of Debian 13 failed"; exit 1; }
      echo "$INCLUDE" > "$KW/root/.crashscope-include"
    fi
    if [ ! -d "$KW/root/usr/src/linux-headers-$ABI" ]; then
      for p in "${HDRS[@]}"; do dpkg -x "${p}_${VER}"_*.deb "$KW/root"; done
    fi
  elif [ ! -d "$KW/hdr/usr/src/linux-headers-$ABI" ]; then
    mkdir -p "$KW/hdr"
    for p in "${HDRS[@]}"; do dpkg -x "${p}_${VER}"_*.deb "$KW/hdr"; done
    # the headers' Makefile includes the -common tree by its installed path: point it here
    sed -i "s|^include .*/\(linux-headers-[^/]*/Makefile\)$|include $KW/hdr/usr/src/\1|" "$KW/hdr/usr/src/linux-headers-$ABI/Makefile"
  fi
  # Debian 12's crash 8.0.2 predates 6.1's maple tree; Debian 13's 8.0.6 reads 6.1 and 6.12. Downloaded
  # through the private apt configuration, run with its own libc.
  if [ ! -x "$WORK/crash806/root/usr/bin/crash" ]; then
    trixie_apt
    mkdir -p "$WORK/crash806/debs" "$WORK/crash806/root"
    (cd "$WORK/crash806/debs" && apt-get "${TA[@]}" download crash/trixie libc6/trixie libstdc++6/trixie libgcc-s1/trixie libsnappy1v5/trixie \
      libzstd1/trixie liblzo2-2/trixie libncursesw6/trixie libtinfo6/trixie)
    for d in "$WORK"/crash806/debs/*.deb; do dpkg -x "$d" "$WORK/crash806/root"; done
  fi
  printf '#!/bin/sh\nR=$(dirname "$(readlink -f "$0")")/root\nexec "$R/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" --library-path "$R/usr/lib/x86_64-linux-gnu" "$R/usr/bin/crash" "$@"\n' \
    > "$WORK/crash806/crash"
  chmod +x "$WORK/crash806/crash"
  cd "$here"
fi
ABI=$(cat "$KW/abi")
KERNEL=$KW/k/boot/vmlinuz-$ABI
VMLINUX=$KW/dbg/usr/lib/debug/boot/vmlinux-$ABI
CRASH=$WORK/crash806/crash

if step build; then
  say "build $KERNEL_RELEASE"
  gcc -static -O2 -Wall -o "$WORK/hugeprobe" "$here/guest/hugeprobe.c"
  rm -rf "$KW/ck" && mkdir -p "$KW/ck" && cp "$here/guest/crashkinds.c" "$KW/ck/" && echo 'obj-m := crashkinds.o' > "$KW/ck/Kbuild"
  if [ "$KERNEL_RELEASE" = trixie ]; then
    rm -rf "$KW/root/ck" && cp -r "$KW/ck" "$KW/root/ck"
    chroot "$KW/root" make -s -C "/usr/src/linux-headers-$ABI" M=/ck modules 2>&1 | grep -v -e 'Skipping BTF' -e 'BTF \[M\]' || true
    cp "$KW/root/ck/crashkinds.ko" "$KW/ck/" 2>/dev/null || true
  else
    # the compiler the kernel was built with
    KCC=$(sed -n 's/^CC = .*gcc-\([0-9]*\)$/gcc-\1/p' "$KW/hdr/usr/src/linux-headers-$ABI/.kernelvariables")
    command -v "${KCC:-gcc}" >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$KCC"
    make -s -C "$KW/hdr/usr/src/linux-headers-$ABI" M="$KW/ck" modules 2>&1 | grep -v -e 'Skipping BTF' -e 'BTF \[M\]' || true
  fi
  [ -s "$KW/ck/crashkinds.ko" ] || { echo "crashkinds.ko was not built"; exit 1; }
  R=$KW/initrd && rm -rf "$R" && mkdir -p "$R"/{bin,lib/modules,proc,sys,dev,tmp}
  cp "$(command -v busybox)" "$R/bin/busybox"
  cp "$WORK/hugeprobe" "$R/hugeprobe"
  install -m 755 "$here/guest/init.sh" "$R/init"
  # busybox's insmod hands the kernel the file as it is: 6.12's xz-compressed modules are unpacked here
  for m in qemu_fw_cfg mce-inject; do
    f=$(find "$KW/k" -path "*/modules/$ABI/*" -name "$m.ko*" | head -n 1) # 6.1: /lib/modules, 6.12: /usr/lib/modules
    case $f in
      *.ko) cp "$f" "$R/lib/modules/";;
      *.ko.xz) xz -dc "$f" > "$R/lib/modules/$m.ko";;
      *.ko.zst) zstd -qdc "$f" > "$R/lib/modules/$m.ko";;
      *) echo "no module $m in $ABI";;
    esac
  done
  cp "$KW/ck/crashkinds.ko" "$R/lib/modules/"
  (cd "$R" && find . | cpio -o -H newc --quiet | gzip -1 > "$KW/initrd.gz")
fi

for s in $SCENARIOS; do
  IFS='|' read -r append mem script kind deliberate guilty <<<"$(scenario "$s")"
  if step boot; then
    say "boot $s"
    python3 "$here/driver.py" boot "$KW/runs/$s" --kernel "$KERNEL" --initrd "$KW/initrd.gz" --append "console=ttyS0 panic=0 $append" \
      --mem "$mem" --timeout "$TMO" || { echo "$s did not panic on $ABI: see $KW/runs/$s/console.log"; continue; }
  fi
  if step sessions; then
    [ -s "$KW/runs/$s/vmcore" ] || { echo "no dump for $s"; continue; }
    say "crash $s"
    extra=(--expect "$kind"); [ "$deliberate" = 1 ] && extra+=(--deliberate); [ -n "$guilty" ] && extra+=(--guilty "$guilty")
    [ "$script" = oops ] && extra+=(--module-ko "$KW/ck/crashkinds.ko")
    if [ "$script" = hugetlb ]; then
      python3 "$here/driver.py" session "$KW/runs/$s" --crash "$CRASH" --vmlinux "$VMLINUX" --script basic --out "$OUT/$PREFIX$s-basic.txt" \
        --timeout "$TMO" "${extra[@]}"
    fi
    python3 "$here/driver.py" session "$KW/runs/$s" --crash "$CRASH" --vmlinux "$VMLINUX" --script "$script" \
      --out "$OUT/$PREFIX$s$([ "$script" = hugetlb ] && echo -hugetlb).txt" --timeout "$TMO" "${extra[@]}"
  fi
done
ls -la "$OUT"
