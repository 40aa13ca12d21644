#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz/*_fuzz.cpp) with clang + ASan/UBSan in build-fuzz/
# and runs each for SECONDS (default 60). Seeds: tests/fuzz/corpus/<target>/ plus sample_data.
# New inputs go to build-fuzz/corpus/<target>/, crashes to build-fuzz/crashes/<target>/.
# usage: scripts/fuzz.sh [seconds-per-target] [target ...]      (exit 1 if any target crashed)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SECONDS_PER_TARGET="${1:-60}"
shift || true
BUILD="${FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"
JOBS="${FUZZ_JOBS:-2}"

# clang and its libFuzzer/sanitizer runtimes are not part of the normal build's packages.
if ! command -v clang++ >/dev/null || ! dpkg-query -W -f='${Status}' libclang-rt-14-dev 2>/dev/null | grep -q "ok installed"; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y clang libclang-rt-14-dev
fi

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DLIDARLABEL_FUZZ=ON -DLIDARLABEL_TESTS=OFF -DLIDARLABEL_GUI=OFF -DLIDARLABEL_BENCHMARKS=OFF >/dev/null

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$ROOT"/tests/fuzz/*_fuzz.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi
ninja -C "$BUILD" -j"$JOBS" "${targets[@]}"

seed() {  # seed <target> <files...>: copies the files that exist into the target's corpus
  local dir="$BUILD/corpus/$1"; shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp -n "$f" "$dir/" || true; done
}
SD="$ROOT/sample_data"
failed=0
for t in "${targets[@]}"; do
  name="${t%_fuzz}"
  seed "$t" "$ROOT"/tests/fuzz/corpus/"$name"/*
  case "$name" in
    kitti_label) seed "$t" "$SD"/kitti_object/training/label_2/*.txt "$SD"/kitti_tracking/training/label_02/*.txt ;;
    kitti_calib) seed "$t" "$SD"/kitti_object/training/calib/*.txt "$SD"/kitti_tracking/training/calib/*.txt ;;
  esac
  mkdir -p "$BUILD/crashes/$t"
  echo "== $t: ${SECONDS_PER_TARGET}s"
  if ! "$BUILD/tests/fuzz/$t" "$BUILD/corpus/$t" -max_total_time="$SECONDS_PER_TARGET" \
      -max_len=8192 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
      -artifact_prefix="$BUILD/crashes/$t/" 2> "$BUILD/$t.log"; then
    echo "!! $t found a crash: see $BUILD/$t.log and $BUILD/crashes/$t/"
    failed=1
  fi
  grep -E "stat::number_of_executed_units|stat::new_units_added" "$BUILD/$t.log" | tr '\n' ' '; echo
done
exit $failed
