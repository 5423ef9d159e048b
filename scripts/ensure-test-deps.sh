#!/usr/bin/env bash
# What the test suite needs beyond npm packages, from Debian's archive: a real Chromium for the E2E tests, mingw-w64 to
# build real driver PEs from test/fixtures/pe-src, python3-pefile as a reference parser. Installs what is missing when
# run as root with apt (a fresh machine, CI); otherwise says exactly what to install.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || need+=(gcc-mingw-w64-x86-64)
command -v x86_64-w64-mingw32-dlltool >/dev/null 2>&1 || need+=(binutils-mingw-w64-x86-64)
command -v i686-w64-mingw32-ld >/dev/null 2>&1 || need+=(binutils-mingw-w64-i686)
/usr/bin/python3 -c 'import pefile' >/dev/null 2>&1 || need+=(python3-pefile)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing test dependencies from Debian: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "The tests need these Debian packages: ${need[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
