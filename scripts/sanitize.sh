#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + LeakSanitizer + UndefinedBehaviorSanitizer:
#   scripts/sanitize.sh [CTEST-ARGS...]      e.g. scripts/sanitize.sh -R 'SceneView|MainWindow'
# Configures its own build folder (build-sanitize/, LIDARLABEL_BUILD_DIR overrides) with
# LIDARLABEL_SANITIZE=ON (RelWithDebInfo), builds, runs ctest under Xvfb and prints a one-line
# verdict with the build's and the tests' wall and CPU time. Any ASan error, UBSan report
# (-fno-sanitize-recover=all) or leak in lidarlabel's code fails its test; leaks inside system
# libraries are suppressed by tests/sanitizers/lsan.supp (docs/sanitizers.md).
# Exit status: 0 all passed, 1 a test failed, 2 bad arguments or the build failed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LIDARLABEL_BUILD_DIR:-$here/build-sanitize}"
jobs="${LIDARLABEL_JOBS:-$(nproc)}"
case "${1:-}" in
  -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

# child_cpu VAR: VAR = CPU seconds (user + sys) of the finished child processes so far, the
# build's and the tests' cost however busy the machine is. `times` runs in this shell (in a
# $(...) subshell it would see no children).
child_cpu() {
  times >"$build/.sanitize-times"
  printf -v "$1" '%s' "$(awk 'NR == 2 { t = 0
    for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] }
    printf "%d", t }' "$build/.sanitize-times")"
}

"$here/scripts/install-deps.sh"
start=$(date +%s)
if ! cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DLIDARLABEL_SANITIZE=ON -DLIDARLABEL_TESTS=ON >/dev/null ||
  ! cmake --build "$build" -j "$jobs"; then
  echo "sanitize: FAILED to configure or build in $build"
  exit 2
fi
built=$(date +%s)
child_cpu built_cpu

# The tests carry LSAN_OPTIONS (suppressions, exit status 23 on a leak) themselves
# (cmake/Sanitizers.cmake); these make the other settings explicit for everything ctest starts,
# the CLI processes included. exitcode=23 in UBSAN_OPTIONS is the exit status of an ASan or UBSan
# error (the runtime reads it from there, not from ASAN_OPTIONS): no test expects 23.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=23"
export LSAN_OPTIONS="suppressions=$here/tests/sanitizers/lsan.supp:print_suppressions=0:intercept_tls_get_addr=0"
log="$build/sanitize-ctest.log"
set +e
xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" \
  ctest --test-dir "$build" --output-on-failure -j "$jobs" "$@" >"$log" 2>&1
status=$?
set -e
done_at=$(date +%s)

summary="$(grep -E '^[0-9]+% tests passed' "$log" || echo "no ctest summary")"
reports=$(grep -cE '^(==[0-9]+==ERROR: |SUMMARY: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer))|runtime error: ' "$log" || true)
child_cpu done_cpu
timing="build $((built - start)) s, tests $((done_at - built)) s wall"
timing+=" / ${built_cpu} s, $((done_cpu - built_cpu)) s CPU"
if [ "$status" -eq 0 ] && [ "$reports" -eq 0 ]; then
  echo "sanitize: PASS - $summary, no sanitizer report ($timing; log: $log)"
  exit 0
fi
echo "sanitize: FAIL - $summary, $reports sanitizer report line(s) ($timing; log: $log)"
grep -E '^[[:space:]]*[0-9]+ - .*\((Failed|Subprocess aborted|Timeout|Exception|SEGFAULT|Child aborted)\)' "$log" || true
exit 1
