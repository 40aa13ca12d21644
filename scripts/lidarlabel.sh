#!/usr/bin/env bash
# The set-up commands of the README. Arguments are checked before anything is installed or built.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LIDARLABEL_BUILD_DIR:-$here/build}"

usage() {
  cat <<EOF
usage: scripts/lidarlabel.sh gui [FOLDER]   install the packages, build, open the window on FOLDER
                                          (default: the sample sequence sample_data/synthetic)
       scripts/lidarlabel.sh test           install the packages, build, run the whole test suite
       scripts/lidarlabel.sh --help         this text
Packages: scripts/install-deps.sh (apt-get --no-install-recommends, sudo when not root).
Build folder: build/ (LIDARLABEL_BUILD_DIR overrides). LIDARLABEL_WERROR=1 builds with -Werror.
Then install: cmake --install build --prefix ~/.local   (details in README.md)
EOF
}
bad_usage() {
  echo "lidarlabel.sh: $1" >&2
  usage >&2
  exit 2
}

mode="${1:-}"
case "$mode" in
  -h | --help | help) usage; exit 0 ;;
  "") bad_usage "no command given" ;;
  gui)
    [ $# -le 2 ] || bad_usage "gui takes at most one FOLDER"
    folder="${2:-$here/sample_data/synthetic}"
    [ -d "$folder" ] || bad_usage "gui: '$folder' is not a folder"
    folder="$(cd "$folder" && pwd)"
    ;;
  test) [ $# -eq 1 ] || bad_usage "test takes no arguments" ;;
  *) bad_usage "unknown command '$mode'" ;;
esac

case "${LIDARLABEL_WERROR:-0}" in
  1 | ON | on | true | yes) werror=ON ;;
  0 | OFF | off | false | no | "") werror=OFF ;;
  *) bad_usage "LIDARLABEL_WERROR must be 1 or 0, not '${LIDARLABEL_WERROR}'" ;;
esac

"$here/scripts/install-deps.sh"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLIDARLABEL_WERROR="$werror"
cmake --build "$build" -j "$(nproc)"

# GUI programs need an X display; use a virtual one when there is none.
run_with_display() {
  if [ -n "${DISPLAY:-}" ]; then "$@"; else xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" "$@"; fi
}

case "$mode" in
  gui)
    if [ -z "${DISPLAY:-}" ]; then
      echo "No DISPLAY: the window opens on a virtual screen. Run this from a desktop session to see it."
    fi
    run_with_display "$build/app/lidarlabel" "$folder"
    ;;
  test)
    run_with_display ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
    ;;
esac
