#!/bin/sh
# Install what telegraph needs on Debian 12 (as root), then configure the
# build directory.  Safe to run again: it installs only what is missing.
#
#   scripts/setup.sh [BUILD_DIR] [--test]
#
# With --test it also installs what only the test suites use (a browser for
# the report test, valgrind, database servers for the store tests).
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
tests=${2:-}

packages="gcc pkg-config meson ninja-build librdf0-dev libraptor2-dev librasqal3-dev \
libpcre2-dev libjansson-dev libxml2-dev libsqlite3-dev librdf-storage-sqlite check raptor2-utils rasqal-utils redland-utils serdi python3-rdflib graphviz \
man-db groff-base"

if [ "$tests" = --test ]; then
  packages="$packages chromium valgrind parallel librdf-storage-postgresql postgresql virtuoso-opensource curl clang libclang-rt-14-dev"
fi

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
# Node.js and npm (for the SHACL engine) may come from elsewhere than Debian:
# ask for Debian's only when the commands are missing.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing="$missing nodejs npm"
fi
if [ -n "$missing" ]; then
  echo "telegraph setup: installing$missing"
  if [ "$(id -u)" != 0 ]; then
    echo "telegraph setup: run as root to install packages" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" >/dev/null
fi
ninja -C "$build" >/dev/null
