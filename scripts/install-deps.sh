#!/usr/bin/env bash
# Installs exactly the Debian 12 packages lidarlabel's build, tests and benchmarks need.
# Idempotent: does nothing when everything is already installed. Uses sudo only when not root.
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ git pkg-config           # toolchain
  qt6-base-dev libqt6opengl6-dev                 # Qt 6 Widgets, OpenGL, OpenGLWidgets, Test
  libvtk9-dev libpcl-dev libeigen3-dev           # VTK 9.1, PCL 1.13 (benchmark baselines), Eigen
  nlohmann-json3-dev                             # JSON
  libgtest-dev libgmock-dev libbenchmark-dev     # tests and benchmarks
  xvfb xauth libgl1-mesa-dri                     # headless GUI tests (Mesa llvmpipe)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${missing[@]}"
