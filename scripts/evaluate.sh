#!/usr/bin/env bash
# The evaluation of the geometry engine, one command:
#   scripts/evaluate.sh [OUTPUT.md]
# Configures a Release build with the evaluation program and the benchmarks (build folder
# build-eval/, override with LIDARLABEL_BUILD_DIR), builds them, runs every Google Benchmark
# program in tests/bench (JSON kept in <build>/bench-json/) and lidarlabel-eval, and prints ONE
# markdown report (quality against ground truth, then speed). The report is also written to
# OUTPUT.md (default: docs/evaluation.md). Needs the packages of scripts/install-deps.sh.
# Set LIDARLABEL_BENCH_FILTER to a regex to run only some benchmarks (default: all).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LIDARLABEL_BUILD_DIR:-$here/build-eval}"
out="${1:-$here/docs/evaluation.md}"
jobs="${LIDARLABEL_JOBS:-$(nproc)}"

cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLIDARLABEL_GUI=OFF \
  -DLIDARLABEL_TESTS=ON -DLIDARLABEL_EVAL=ON -DLIDARLABEL_BENCHMARKS=ON >&2
# Every benchmark program this configuration defines (GUI ones need LIDARLABEL_GUI=ON: skipped).
bench_targets=()
for src in "$here"/tests/bench/*_bench.cpp; do
  name="$(basename "$src" .cpp)"
  if ninja -C "$build" -t query "$name" > /dev/null 2>&1; then bench_targets+=("$name"); fi
done
cmake --build "$build" -j "$jobs" --target lidarlabel-eval "${bench_targets[@]}" >&2

mkdir -p "$build/bench-json"
rm -f "$build"/bench-json/*.json
jsons=()
for name in "${bench_targets[@]}"; do
  exe="$build/tests/bench/$name"
  [ -x "$exe" ] || { echo "missing benchmark program $exe" >&2; exit 1; }
  echo "running $name ..." >&2
  "$exe" --benchmark_format=console --benchmark_out_format=json \
    --benchmark_out="$build/bench-json/$name.json" \
    ${LIDARLABEL_BENCH_FILTER:+--benchmark_filter="$LIDARLABEL_BENCH_FILTER"} >&2
  jsons+=("$build/bench-json/$name.json")
done

echo "running lidarlabel-eval ..." >&2
mkdir -p "$(dirname "$out")"
tmp="$out.tmp.$$"
"$build/tests/eval/lidarlabel-eval" --bench-json "${jsons[@]}" > "$tmp"
mv "$tmp" "$out"
cat "$out"
echo "report written to $out" >&2
