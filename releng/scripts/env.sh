# shellcheck shell=bash
# Shared set-up for Crashscope's scripts: finds (or installs) a JDK >= 21 and the Debian packages
# that the build, the tests and the GUI need. Sourced by ./crashscope, releng/test.sh and
# releng/scripts/*.sh; every function prints what it installs on stderr and dies with one clear line.

CRASHSCOPE_HOME=${CRASHSCOPE_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
CRASHSCOPE_PRODUCT="$CRASHSCOPE_HOME/releng/org.crashscope.product/target/products/org.crashscope.product/linux/gtk/x86_64/crashscope"

cs_die() {
  echo "crashscope: $*" >&2
  exit 2
}

cs_note() {
  echo "crashscope: $*" >&2
}

# The major version of a java binary, or 0 when it does not run. A JDK's release file answers
# without starting a JVM (that matters for the CLI's start-up time).
cs_java_major() {
  local v release
  release="$(dirname "$(dirname "$1")")/release"
  v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)"/\1/p' "$release" 2>/dev/null | head -n 1)
  [ -n "$v" ] || v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
  case "$v" in
    1.*) echo "${v#1.}" | cut -d. -f1 ;;
    [0-9]*) echo "${v%%.*}" ;;
    *) echo 0 ;;
  esac
}

# Finds a JDK >= 21 (JAVA_HOME, then /usr/lib/jvm/*, newest first); sets and exports JAVA_HOME.
cs_find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    if [ "$(cs_java_major "$candidate/bin/java")" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  return 1
}

# Installs Debian packages that are not installed yet. An argument "a|b" installs the first of
# the alternatives that the package lists know (Debian 13 renamed libraries with a t64 suffix).
cs_apt_install() {
  local wanted=() spec alt chosen
  for spec in "$@"; do
    chosen=""
    for alt in ${spec//|/ }; do
      if dpkg-query -W -f='${Status}' "$alt" 2>/dev/null | grep -q 'install ok installed'; then
        chosen="installed"
        break
      fi
    done
    [ -n "$chosen" ] && continue
    wanted+=("$spec")
  done
  [ ${#wanted[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || cs_die "missing packages (${wanted[*]}) and no apt-get to install them"
  [ "$(id -u)" -eq 0 ] || cs_die "missing packages (${wanted[*]}); run as root or install them: apt-get install ${wanted[*]//|/ or }"
  if [ -z "${CS_APT_UPDATED:-}" ]; then
    cs_note "updating the package lists"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || cs_die "apt-get update failed"
    CS_APT_UPDATED=1
  fi
  local names=()
  for spec in "${wanted[@]}"; do
    chosen=""
    for alt in ${spec//|/ }; do
      if apt-cache show "$alt" >/dev/null 2>&1; then
        chosen=$alt
        break
      fi
    done
    [ -n "$chosen" ] || cs_die "no package among: ${spec//|/, }"
    names+=("$chosen")
  done
  cs_note "installing ${names[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${names[@]}" >/dev/null \
    || cs_die "apt-get install ${names[*]} failed"
}

# A JDK >= 21, installed from Debian when none is found (Debian 13 has openjdk-25/21; Debian 12 has none).
cs_require_jdk() {
  cs_find_jdk && return 0
  cs_note "no JDK >= 21 in JAVA_HOME or /usr/lib/jvm; trying Debian's packages"
  local pkg
  for pkg in openjdk-25-jdk-headless openjdk-21-jdk-headless; do
    if command -v apt-get >/dev/null && [ "$(id -u)" -eq 0 ]; then
      [ -n "${CS_APT_UPDATED:-}" ] || { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && CS_APT_UPDATED=1; }
      if apt-cache show "$pkg" >/dev/null 2>&1; then
        cs_apt_install "$pkg"
        cs_find_jdk && return 0
      fi
    fi
  done
  cs_die "Crashscope needs a JDK 21 or newer: set JAVA_HOME to one (e.g. Temurin 25 in /usr/lib/jvm/temurin-25-jdk-amd64)"
}

# What SWT/GTK needs at run time on a bare Debian 12 or 13 (libXtst for AWT in the test harness).
cs_require_gui_runtime() {
  cs_apt_install "libgtk-3-0t64|libgtk-3-0" libxtst6 fontconfig fonts-dejavu-core adwaita-icon-theme
}

# The capstone disassembler that decodes oops Code: bytes (Debian 12: capstone 4, Debian 13: capstone 5).
cs_require_capstone() {
  cs_apt_install "libcapstone5|libcapstone4"
}

# A PostgreSQL server for the case library's tests (they start a throwaway cluster of their own; Debian's
# package puts initdb and pg_ctl under /usr/lib/postgresql/VERSION/bin). The package's own cluster is not used.
cs_require_postgresql() {
  cs_apt_install postgresql
}

# A virtual display and the tools that find and photograph windows on it.
cs_require_xvfb() {
  cs_apt_install xvfb xauth x11-utils imagemagick
}

# What the build's packaging uses beside tar and gzip: zip for the Windows and macOS archives, unzip/zipinfo to check them.
cs_require_packaging() {
  cs_apt_install zip unzip
}

# The first source of the product (bundles, features, poms, the target, the product) newer than FILE, or nothing.
cs_sources_newer_than() {
  (cd "$CRASHSCOPE_HOME" && find pom.xml bundles features releng/org.crashscope.target releng/org.crashscope.product \
    \( -name target -o -name '.tycho-consumer-pom.xml' \) -prune -o -type f -newer "$1" -print -quit 2>/dev/null)
}

# Whether the product is built and no source is newer than it (after a pull or an edit it is built again, never run stale).
cs_product_current() {
  [ -d "$CRASHSCOPE_PRODUCT/plugins" ] && [ -z "${CRASHSCOPE_REBUILD:-}" ] && [ -z "$(cs_sources_newer_than "$CRASHSCOPE_PRODUCT/plugins")" ]
}

# Builds the product (and the CLI) unless it is there already and up to date. One build at a time: runs started
# together on a stale product (a script analysing many files) wait for the first one's build and then use it, where
# each built it again under the others, which then found the product half made.
cs_require_product() {
  cs_product_current && return 0
  local lock
  if command -v flock > /dev/null 2>&1 && exec {lock}>> "$CRASHSCOPE_HOME/.crashscope-build.lock"; then
    flock "$lock"
    if cs_product_current; then
      exec {lock}>&-
      return 0
    fi
  fi
  cs_require_packaging
  cs_note "building Crashscope (first run: a few minutes; later runs reuse the build)"
  (cd "$CRASHSCOPE_HOME" && ./mvnw -B -q -DskipTests verify) >&2 || cs_die "the build failed; run ./mvnw -B verify to see why"
  [ -z "${lock:-}" ] || exec {lock}>&-
}

# The JVM options of the CLI (cs_cli_vm_args JAVA CLASSPATH COMMAND): the serial collector (a run of seconds), and for
# analyze and report a class-data archive of the classes they load, in the user's cache: made when the first analysis
# ends, mapped by the next (the JVM then starts in half the time: 0.44 -> 0.25 s). Other commands neither use nor make
# it (an archive made by --version would hold none of the analysis). One archive per JDK (its path and its modules
# file: a JDK updated in place gets a new one, made by a run that loads every class of ours) and class path; none when
# the cache folder cannot be made or written, or the archive is not a plain file of ours (CRASHSCOPE_CDS=0 turns it off).
cs_cli_vm_args() {
  local cache key archive
  # the JVM's own warnings to stderr (its unified log writes to stdout, where the JSON goes), but not the class-data
  # archive's: with native access on it says at every start that it maps the archive without the module graph
  printf '%s\n' -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -Xlog:disable -Xlog:all=warning,cds*=off:stderr
  [ "${CRASHSCOPE_CDS:-1}" != 0 ] || return 0
  case "${3:-}" in analyze|report) ;; *) return 0 ;; esac
  cache=${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/crashscope
  mkdir -p "$cache" 2>/dev/null && [ -d "$cache" ] && [ ! -L "$cache" ] && [ -w "$cache" ] && [ -O "$cache" ] || return 0
  key=$(printf '%s\n%s\n%s' "$1" "$2" "$(ls -ln "$(dirname "$(dirname "$1")")/lib/modules" 2>/dev/null)" | cksum | cut -d' ' -f1)
  archive="$cache/cli-$key.jsa"
  if [ -e "$archive" ] || [ -L "$archive" ]; then
    [ -f "$archive" ] && [ ! -L "$archive" ] && [ -O "$archive" ] || return 0
  else
    # a new build or JDK: the archives of others older than a week go (each is a few MB); this first run loads every
    # class of ours before it exits, so that the archive holds them whatever it needed itself (ArchivedClasses)
    find "$cache" -maxdepth 1 -name 'cli-*.jsa' -type f -user "$(id -u)" -mtime +7 -delete 2>/dev/null || true
    echo "-Dcrashscope.archiveClasses=true"
  fi
  echo "-XX:SharedArchiveFile=$archive"
  echo "-XX:+AutoCreateSharedArchive"
}

# The class path of the headless CLI: the UI-free bundles of the product, plain jars.
cs_cli_classpath() {
  local jar cp=""
  for jar in "$CRASHSCOPE_PRODUCT"/plugins/com.sun.jna_*.jar "$CRASHSCOPE_PRODUCT"/plugins/com.google.gson_*.jar \
      "$CRASHSCOPE_PRODUCT"/plugins/wrapped.com.google.re2j.re2j_*.jar "$CRASHSCOPE_PRODUCT"/plugins/org.crashscope.transcript_*.jar "$CRASHSCOPE_PRODUCT"/plugins/org.crashscope.arch_*.jar "$CRASHSCOPE_PRODUCT"/plugins/org.crashscope.analysis_*.jar "$CRASHSCOPE_PRODUCT"/plugins/org.crashscope.live_*.jar "$CRASHSCOPE_PRODUCT"/plugins/org.crashscope.presentation_*.jar \
      "$CRASHSCOPE_PRODUCT"/plugins/org.crashscope.diagram_*.jar "$CRASHSCOPE_PRODUCT"/plugins/org.crashscope.report_*.jar \
      "$CRASHSCOPE_PRODUCT"/plugins/org.crashscope.library_*.jar "$CRASHSCOPE_PRODUCT"/plugins/com.h2database_*.jar \
      "$CRASHSCOPE_PRODUCT"/plugins/org.postgresql.jdbc_*.jar "$CRASHSCOPE_PRODUCT"/plugins/org.flywaydb.core_*.jar \
      "$CRASHSCOPE_PRODUCT"/plugins/org.crashscope.cli_*.jar; do
    [ -f "$jar" ] || cs_die "the product has no $(basename "$jar"); rebuild with CRASHSCOPE_REBUILD=1 ./crashscope"
    cp="${cp:+$cp:}$jar"
  done
  echo "$cp"
}
