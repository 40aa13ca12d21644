#!/usr/bin/env bash
# Installs the Debian 12 packages lidarlabel needs, and nothing they merely recommend:
#   scripts/install-deps.sh            the build, the test suite and the window
#   scripts/install-deps.sh --bench    also PCL and Google Benchmark (tests/bench, scripts/evaluate.sh)
#   scripts/install-deps.sh --list     print the package names and exit
# Idempotent: does nothing when everything is already installed. Uses sudo only when not root.
# `apt-get install --no-install-recommends` keeps system services (ModemManager, avahi-daemon),
# Qt 5 and other recommended extras off the machine.
set -euo pipefail

usage() { echo "usage: scripts/install-deps.sh [--bench] [--list]"; }

PACKAGES=(
  cmake ninja-build g++ pkg-config               # toolchain
  qt6-base-dev libqt6opengl6-dev                 # Qt 6 Widgets, OpenGL, OpenGLWidgets, Test (+ xcb plugin)
  libvtk9-dev libeigen3-dev nlohmann-json3-dev   # VTK 9.1, Eigen, JSON
  libgtest-dev libgmock-dev                      # unit tests
  xvfb xauth libgl1-mesa-dri                     # headless GUI tests (Mesa llvmpipe)
  fonts-dejavu-core                              # a font, or the window shows no text
  libpq-dev postgresql                           # team server store (libpq); the tests start a throwaway server
)
BENCH_PACKAGES=(libpcl-dev libbenchmark-dev)     # benchmark baselines and Google Benchmark

list=0
for arg in "$@"; do
  case "$arg" in
    --bench) PACKAGES+=("${BENCH_PACKAGES[@]}") ;;
    --list) list=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "install-deps: unknown argument '$arg'" >&2; usage >&2; exit 2 ;;
  esac
done
if [ "$list" -eq 1 ]; then
  printf '%s\n' "${PACKAGES[@]}"
  exit 0
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${SUDO[@]}" apt-get update
# `env` inside sudo: sudo's env_reset would drop a DEBIAN_FRONTEND set in front of it.
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"
