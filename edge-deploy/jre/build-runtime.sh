#!/usr/bin/env bash
# Builds the Java runtime of the scratch-based images: a jlink'ed JRE from the build JDK plus the
# glibc shared libraries it links against, laid out as the image's root file system:
#   <out>/opt/jre/...                 the runtime (bin/java, lib/server/libjvm.so, ...)
#   <out>/lib/x86_64-linux-gnu/...    libc, libz, libstdc++ ... exactly as `ldd` reports their paths
#   <out>/lib64/ld-linux-x86-64.so.2  the dynamic loader
#   <out>/tmp                         an empty /tmp (the pods mount an emptyDir over it)
# Usage: build-runtime.sh JAVA_HOME OUT_DIR MODULES [skip]
set -euo pipefail
java_home=$1 out=$2 modules=$3 skip=${4:-false}
stamp="$java_home $modules $skip $(sha256sum "$0" | cut -c1-16)"
if [ -f "$out/../image-root.stamp" ] && [ "$(cat "$out/../image-root.stamp")" = "$stamp" ]; then
  echo "build-runtime: up to date"
  exit 0
fi
rm -rf "$out" "$out/../image-root.stamp"
mkdir -p "$out/tmp"
if [ "$skip" = true ]; then
  echo "build-runtime: skipped (the base image brings its own Java)"
  echo "$stamp" >"$out/../image-root.stamp"
  exit 0
fi
jlink=$java_home/bin/jlink
[ -x "$jlink" ] || jlink=$(dirname "$(readlink -f "$(command -v java)")")/jlink
"$jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$out/opt/jre"
# Every shared library that the runtime's executables and libraries need from the system, except
# those of the desktop natives (AWT, sound, fonts, images): the services run headless and never load
# them, and they would pull X11 and ALSA into the image.
find "$out/opt/jre" -type f \( -name '*.so' -o -path '*/bin/*' \) |
  grep -v -E 'lib(awt|awt_xawt|awt_headless|jawt|splashscreen|jsound|fontmanager|lcms|javajpeg|mlib_image)\.so$' |
  xargs ldd 2>/dev/null |
  awk '/=> \// {print $3} /^[ \t]*\/lib/ {print $1}' |
  sort -u |
  while read -r lib; do
    mkdir -p "$out$(dirname "$lib")"
    cp -L "$lib" "$out$lib"
  done
# ldd lists the dynamic loader by its absolute path (/lib64/ld-linux-x86-64.so.2): copied above.
[ -e "$out/lib64/ld-linux-x86-64.so.2" ] || [ "$(uname -m)" != x86_64 ] ||
  { echo "build-runtime: the dynamic loader was not found by ldd" >&2; exit 1; }
echo "$stamp" >"$out/../image-root.stamp"
du -sh "$out" | awk '{print "build-runtime: runtime root " $1}'
