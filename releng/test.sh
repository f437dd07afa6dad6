#!/usr/bin/env bash
# The test command: installs what the tests need (JDK >= 21, Xvfb, GTK), runs the whole build
# with every test under a virtual display, then starts the built product once as a smoke test.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/env.sh
. "$here/scripts/env.sh"
cs_require_jdk
cs_require_gui_runtime
cs_require_xvfb
cs_require_capstone
# the HTML report is checked in a real browser; with this set, a missing browser fails the tests
cs_apt_install chromium
export CRASHSCOPE_REQUIRE_BROWSER=1
echo "crashscope: JAVA_HOME=$JAVA_HOME ($("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1))"

cd "$CRASHSCOPE_HOME"
xvfb-run -a -s "-screen 0 1920x1080x24" ./mvnw -B verify "$@"
"$here/scripts/smoke-product.sh"
