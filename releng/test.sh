#!/usr/bin/env bash
# The test command: installs what the tests need (JDK >= 21, Xvfb, GTK, the live-session fixture), runs the whole build
# with every test under a virtual display, then starts the built product once as a smoke test.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/env.sh
. "$here/scripts/env.sh"
cs_require_jdk
cs_require_gui_runtime
cs_require_xvfb
cs_require_capstone
# the case library's tests run on a real PostgreSQL too; under CI=true a server that cannot start fails them
cs_require_postgresql
# the build writes the five product archives (zip for Windows and macOS) and checks them (unzip, zipinfo)
cs_require_packaging
# the HTML report is checked in a real browser; with this set, a missing browser fails the tests
cs_apt_install chromium
export CRASHSCOPE_REQUIRE_BROWSER=1
# the live-session tests run the real crash on a real dump (releng/vmcore: qemu, Debian's kernel,
# crash 8.0.6); made once (about 1 GB of downloads, a minute here) and kept under ~/.cache/crashscope.
# CRASHSCOPE_LIVE=0 skips it; if it cannot be made the live tests say they are skipped
if [ "${CRASHSCOPE_LIVE:-1}" != 0 ]; then
  lf_start=$(date +%s)
  if timeout 1200 "$here/vmcore/live-fixture.sh" > "${TMPDIR:-/tmp}/crashscope-live-fixture.log" 2>&1; then
    echo "crashscope: live fixture ready in $(( $(date +%s) - lf_start )) s"
  else
    echo "crashscope: the live fixture could not be made (see ${TMPDIR:-/tmp}/crashscope-live-fixture.log): the live-session tests will be skipped" >&2
    tail -n 20 "${TMPDIR:-/tmp}/crashscope-live-fixture.log" >&2 || true
  fi
fi
echo "crashscope: JAVA_HOME=$JAVA_HOME ($("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1))"

cd "$CRASHSCOPE_HOME"
xvfb-run -a -s "-screen 0 1920x1080x24" ./mvnw -B verify "$@"
"$here/scripts/smoke-product.sh"
