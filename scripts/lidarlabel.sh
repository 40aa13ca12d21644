#!/usr/bin/env bash
# The two set-up commands of the README:
#   scripts/lidarlabel.sh gui   [FOLDER]  install deps, build, open the GUI (default: the sample sequence)
#   scripts/lidarlabel.sh test            install deps, build, run the whole test suite
# Build folder: build/ (override with LIDARLABEL_BUILD_DIR). Parallel jobs: nproc.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LIDARLABEL_BUILD_DIR:-$here/build}"
mode="${1:-}"

"$here/scripts/install-deps.sh"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" -j "$(nproc)"

# GUI programs need an X display; use a virtual one when there is none.
run_with_display() {
  if [ -n "${DISPLAY:-}" ]; then "$@"; else xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" "$@"; fi
}

case "$mode" in
  gui)
    folder="${2:-$here/sample_data/synthetic}"
    [ -d "$folder" ] || folder="$here/sample_data/semantickitti/sequences/00"
    if [ -z "${DISPLAY:-}" ]; then
      echo "No DISPLAY: the window opens on a virtual screen. Run this from a desktop session to see it."
    fi
    run_with_display "$build/app/lidarlabel" "$folder"
    ;;
  test)
    run_with_display ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
    ;;
  *)
    echo "usage: scripts/lidarlabel.sh gui [FOLDER] | test" >&2
    exit 2
    ;;
esac
