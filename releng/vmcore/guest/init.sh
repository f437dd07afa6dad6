#!/bin/busybox sh
# /init of the generator's busybox initramfs. The scenario comes from the kernel command line:
#   hp=none|soft|poison|both  hpsize=1G|2M  hpcount=N   the hugetlb program (see hugeprobe.c)
#   hpmce=1    inject a corrected memory-read machine check into huge page 1 first (mce-inject)
#   ck=KIND    instead: load crashkinds.ko and let the kernel fail as KIND (see crashkinds.c);
#              ckrun=load fails while loading, ckrun=write from a child dd writing the trigger;
#              ck=initexit: this /init exits (the kernel's "Attempted to kill init!")
# Without ck= it ends with a deliberate panic: echo c > /proc/sysrq-trigger.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /tmp && mount -t tmpfs tmpfs /tmp

opt() { tr ' ' '\n' < /proc/cmdline | sed -n "s/^$1=//p" | tail -n 1; }
HP=$(opt hp); HPSIZE=$(opt hpsize); HPCOUNT=$(opt hpcount); HPMCE=$(opt hpmce); CK=$(opt ck); CKRUN=$(opt ckrun)
echo "GEN: kernel $(uname -r) hp=${HP:-none} size=${HPSIZE:-1G} count=${HPCOUNT:-3} ck=${CK:-}"
# VMCOREINFO for qemu's -device vmcoreinfo: the dump then tells crash the KASLR offset
insmod /lib/modules/qemu_fw_cfg.ko 2>&1 | sed 's/^/GEN: /'

if [ "$CK" = initexit ]; then
  sync
  echo "GEN: init exits with status 3"
  exit 3
fi

if [ -n "$CK" ]; then
  mount -t debugfs debugfs /sys/kernel/debug
  sleep 1000000 &
  case "$CK:${CKRUN:-load}" in
    hung:*)
      insmod /lib/modules/crashkinds.ko kind=hung 2>&1 | sed 's/^/GEN: /'
      sleep 2
      echo x | dd of=/sys/kernel/debug/crashkinds/lock 2>/dev/null &
      echo "GEN: dd pid $! takes the lock";;
    *:write)
      insmod /lib/modules/crashkinds.ko 2>&1 | sed 's/^/GEN: /'
      sync
      echo "$CK" | dd of=/sys/kernel/debug/crashkinds/trigger 2>/dev/null &
      echo "GEN: dd pid $! triggers $CK";;
    *)
      sync
      insmod /lib/modules/crashkinds.ko kind="$CK" 2>&1 | sed 's/^/GEN: /' &
      echo "GEN: insmod pid $! loads kind=$CK";;
  esac
  while :; do sleep 1000000; done
fi

if [ -n "$HP" ] && [ "$HP" != none ]; then
  if [ "$HPMCE" = 1 ]; then
    mount -t debugfs debugfs /sys/kernel/debug
    insmod /lib/modules/mce-inject.ko 2>&1 | sed 's/^/GEN: /'
    export HP_WAIT=1
  fi
  /hugeprobe "$HP" "${HPSIZE:-1G}" "${HPCOUNT:-3}" > /tmp/hp.out 2>&1 &
  PROBE=$!
  if [ "$HPMCE" = 1 ]; then
    n=0; while [ ! -e /tmp/hp.mapped ] && [ $n -lt 300 ]; do sleep 1; n=$((n+1)); done
    PA=$(sed -n 's/^HP before page=1 .* pa=\(0x[0-9a-f]*\) .*/\1/p' /tmp/hp.out)
    ADDR=$(printf '0x%x' $((PA + 0x3080)))
    D=/sys/kernel/debug/mce-inject
    echo "GEN: mce-inject bank=1 status=0x9c0000000000009f addr=$ADDR misc=0x8c"
    echo sw > $D/flags; echo 0 > $D/cpu; echo 0x9c0000000000009f > $D/status
    echo "$ADDR" > $D/addr; echo 0x8c > $D/misc; echo 1 > $D/bank
    sleep 2
    touch /tmp/hp.go
  fi
  n=0; while [ ! -e /tmp/hp.ready ] && [ $n -lt 600 ] && kill -0 $PROBE 2>/dev/null; do sleep 1; n=$((n+1)); done
  sleep 1
  cat /tmp/hp.out
  sed 's/^/GEN: maps: /' /proc/$PROBE/maps
fi
sleep 1000000 &
sync
echo "GEN: sysrq-c"
echo 1 > /proc/sys/kernel/sysrq
echo c > /proc/sysrq-trigger
sleep 1000000
