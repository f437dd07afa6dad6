#!/usr/bin/env bash
# Product smoke test: starts the materialized Linux x86-64 product through its launcher (`crashscope`, the script
# its archive holds) under Xvfb with no file, as a new user does
# (it opens the bundled seed transcript and, on this first run, the welcome), waits for a window
# titled "Crashscope", photographs the screen and fails when the window never appears or the
# workspace log (the Error Log) has any entry.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=env.sh
. "$here/env.sh"
cs_require_jdk
cs_require_gui_runtime
cs_require_xvfb
[ -x "$CRASHSCOPE_PRODUCT/crashscope" ] || cs_die "no product at $CRASHSCOPE_PRODUCT: build it first (./mvnw -B verify)"

out="$CRASHSCOPE_HOME/releng/org.crashscope.product/target"
shots="$out/screenshots"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$shots"

# the product writes its OSGi state next to itself; start from a clean one like a fresh install
rm -rf "$CRASHSCOPE_PRODUCT/configuration/org.eclipse.osgi" "$CRASHSCOPE_PRODUCT/configuration/.settings"

xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  launcher=$1; work=$2; shot=$3
  # through the product'"'"'s own launcher script, as a user starts it (it finds the Java, JAVA_HOME here)
  CRASHSCOPE_WORKSPACE="$work/workspace" CRASHSCOPE_VMARGS="-Dosgi.configuration.area=$work/configuration" \
    "$launcher" > "$work/product.out" 2>&1 &
  pid=$!
  for i in $(seq 1 120); do
    if xwininfo -root -tree 2>/dev/null | grep -q "\"Crashscope"; then
      echo "window after $((i / 2)) s"
      # the window exists before it is painted: photograph it once the screen is no longer black
      for j in $(seq 1 30); do
        sleep 1
        import -window root "$shot"
        [ "$(convert "$shot" -format "%[fx:mean>0.2]" info:)" = 1 ] && break
      done
      # the seed is analysed and the welcome opened right after the window paints
      sleep 3
      import -window root "$shot"
      kill "$pid"; wait "$pid" 2>/dev/null || true
      exit 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "the product exited before showing a window"; exit 1; }
    sleep 0.5
  done
  echo "no window titled Crashscope after 60 s"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  exit 1
' smoke "$CRASHSCOPE_PRODUCT/crashscope" "$work" "$shots/product-seed.png" > "$work/smoke.out" 2>&1 && ok=1 || ok=0

cp "$work/product.out" "$out/product-console.log" 2>/dev/null || true
log="$work/workspace/.metadata/.log"
[ -f "$log" ] && cp "$log" "$out/product-workspace.log"
errors=$( [ -f "$log" ] && grep -c '^!ENTRY ' "$log" || true)
errors=${errors:-0}
if [ "$ok" != 1 ]; then
  cat "$work/smoke.out" "$work/product.out" >&2
  cs_die "product smoke test FAILED: $(tail -n 1 "$work/smoke.out")"
fi
if [ "$errors" != 0 ]; then
  grep -A6 '^!ENTRY ' "$log" >&2
  cs_die "product smoke test FAILED: $errors entries in the workspace log (the Error Log must stay empty)"
fi
echo "Product smoke test OK: window \"Crashscope\" $(head -n 1 "$work/smoke.out"), an empty Error Log, screenshot $shots/product-seed.png"
