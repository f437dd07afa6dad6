#!/usr/bin/env bash
# Makes the five products into archives: adds each platform's launcher to the product Tycho materialized
# (the equinox `eclipse` executable is not on Maven Central, so the launchers are scripts that find a
# Java 21+), then writes crashscope-VERSION-OS.WS.ARCH.tar.gz (Linux) or .zip (Windows, macOS).
#   package-products.sh PRODUCTS OUT VERSION BUILD
# PRODUCTS: releng/org.crashscope.product/target/products/org.crashscope.product (OS/WS/ARCH/... below it)
# VERSION: 0.1.0 (in the archive names), BUILD: the qualified version (0.1.0.202612070215, in Info.plist).
# Run by the product module's build (package phase); the archives are checked by check-products.sh.
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: $0 PRODUCTS OUT VERSION BUILD" >&2; exit 2; }
products=$1 version=$3 build=$4
out=$(mkdir -p "$2" && cd "$2" && pwd)
launchers=$(cd "$(dirname "$0")/../org.crashscope.product/launchers" && pwd)
rm -f "$out"/crashscope-*.tar.gz "$out"/crashscope-*.zip

# an archive's entries in name order, owned by root, so that two builds of the same tree give the same list
tar_gz() { # OUT.tar.gz DIR NAME
  tar --sort=name --owner=0 --group=0 --numeric-owner -C "$2" -czf "$1" "$3"
}
zip_dir() { # OUT.zip DIR NAME  (-y keeps links, -X leaves out uid/gid; the Unix modes stay: the launchers are 755)
  (cd "$2" && find "$3" -print | LC_ALL=C sort | zip -q -y -X -@ "$1")
}

# the director that materialized a product leaves the build's own repositories (file:/.../target/...) in its p2
# preferences: an installed product would list them as update sites and fail on them; its sites are the preference's
forget_build_repositories() { # PRODUCT_ROOT
  rm -rf "$1/p2/org.eclipse.equinox.p2.engine/.settings"
}

for platform in linux/gtk/x86_64 linux/gtk/aarch64 win32/win32/x86_64 macosx/cocoa/x86_64 macosx/cocoa/aarch64; do
  IFS=/ read -r os ws arch <<< "$platform"
  dir="$products/$platform"
  name="crashscope-$version-$os.$ws.$arch"
  case $os in
    linux)
      [ -d "$dir/crashscope/plugins" ] || { echo "no materialized product in $dir/crashscope" >&2; exit 1; }
      forget_build_repositories "$dir/crashscope"
      install -m 755 "$launchers/crashscope" "$dir/crashscope/crashscope"
      tar_gz "$out/$name.tar.gz" "$dir" crashscope
      ;;
    win32)
      [ -d "$dir/crashscope/plugins" ] || { echo "no materialized product in $dir/crashscope" >&2; exit 1; }
      forget_build_repositories "$dir/crashscope"
      # cmd.exe wants CRLF line ends
      sed 's/\r*$/\r/' "$launchers/crashscope.cmd" > "$dir/crashscope/crashscope.cmd"
      zip_dir "$out/$name.zip" "$dir" crashscope
      ;;
    macosx)
      app="$dir/Crashscope.app"
      [ -d "$app/Contents/Eclipse/plugins" ] || { echo "no materialized product in $app" >&2; exit 1; }
      forget_build_repositories "$app/Contents/Eclipse"
      mkdir -p "$app/Contents/MacOS"
      install -m 755 "$launchers/crashscope" "$app/Contents/MacOS/crashscope"
      apple_arch=$([ "$arch" = aarch64 ] && echo arm64 || echo x86_64)
      sed -e "s/@VERSION@/$version/g" -e "s/@BUILD@/$build/g" -e "s/@ARCH@/$apple_arch/g" \
        "$launchers/Info.plist" > "$app/Contents/Info.plist"
      zip_dir "$out/$name.zip" "$dir" Crashscope.app
      ;;
  esac
  echo "$name: $(du -k "$out/$name".* | cut -f1) KiB"
done
