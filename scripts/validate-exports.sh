#!/usr/bin/env bash
# Exports the bundled samples with lidarlabel-cli and runs the official reference tools on them,
# printing one verdict per (tool, export): PASS, FAIL (with the tool's message) or SKIP (why).
# Not part of the default test run (the tools are Python and mostly not Debian packages); the
# Python-free invariants run in ctest as the conformance suite (tests/io/conformance_test.cpp).
#
# usage: scripts/validate-exports.sh [BUILD_DIR] [OUT_DIR]
#   BUILD_DIR  holds app/cli/lidarlabel-cli (default: build)
#   OUT_DIR    where the exports go (default: BUILD_DIR/validate-exports; replaced)
#
# Tools, each optional (missing ones are skipped with the reason):
#   nuscenes-devkit   `import nuscenes` works (e.g. PYTHONPATH=<devkit>/python-sdk): NuScenes()
#                     loads the export, list_lidarseg_categories / get_sample_lidarseg_stats run,
#                     DetectionEval on the custom split of splits.json with the results export
#   semantic-kitti-api  SEMANTIC_KITTI_API=<clone of PRBonn/semantic-kitti-api> and numpy:
#                     auxiliary/laserscan.py SemLaserScan opens every scan with its label file
#   jsonschema        `import jsonschema` (Debian: python3-jsonschema) and OPENLABEL_SCHEMA=<the
#                     ASAM OpenLABEL 1.0.0 JSON schema, openlabel_json_schema-v1.0.0.json>
# Exit status: 1 when any tool said FAIL, else 0.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
OUT="${2:-$BUILD/validate-exports}"
CLI="$BUILD/app/cli/lidarlabel-cli"
SD="$ROOT/sample_data"
PY="${PYTHON:-python3}"
[ -x "$CLI" ] || { echo "no $CLI: build the lidarlabel-cli target first" >&2; exit 2; }
rm -rf "$OUT" && mkdir -p "$OUT"
failed=0
verdict() {  # verdict TOOL EXPORT STATUS [detail]
  printf '%-20s %-34s %s%s\n' "$1" "$2" "$3" "${4:+  ($4)}"
  [ "$3" = FAIL ] && failed=1
  return 0
}
run() {  # run LOG CMD...: quiet unless it fails
  "${@:2}" >"$1" 2>&1 || { echo "export failed: ${*:2}" >&2; tail -3 "$1" >&2; return 1; }
}

# --- exports -------------------------------------------------------------------------------
echo "== exporting the samples into $OUT"
cp -r "$SD/semantickitti/sequences/00" "$OUT/semantickitti-00"  # import writes into the sequence
run "$OUT/log.txt" "$CLI" import --format semantickitti "$SD/semantickitti/sequences/00/labels" \
  --into "$OUT/semantickitti-00"
declare -A NUS=() SK=() OL=()
for f in nuscenes nuscenes-results semantickitti openlabel; do
  run "$OUT/log.txt" "$CLI" export "$SD/synthetic" --format "$f" --out "$OUT/synthetic-$f"
done
run "$OUT/log.txt" "$CLI" export "$SD/synthetic" --format kitti --out "$OUT/synthetic-kitti" \
  --calib "$SD/kitti_object/training/calib/000001.txt"
for f in kitti nuscenes openlabel; do
  run "$OUT/log.txt" "$CLI" export "$SD/kitti_object/training" --format "$f" --out "$OUT/kitti-$f"
done
for f in nuscenes semantickitti; do
  run "$OUT/log.txt" "$CLI" export "$OUT/semantickitti-00" --format "$f" --out "$OUT/semantickitti-$f"
done
run "$OUT/log.txt" "$CLI" export "$SD/nuscenes" --format nuscenes --out "$OUT/nuscenes-nuscenes"
NUS=([synthetic]="$OUT/synthetic-nuscenes" [kitti]="$OUT/kitti-nuscenes"
     [semantickitti]="$OUT/semantickitti-nuscenes" [nuscenes]="$OUT/nuscenes-nuscenes")
SK=([synthetic]="$OUT/synthetic-semantickitti:$SD/synthetic/velodyne"
    [semantickitti]="$OUT/semantickitti-semantickitti:$SD/semantickitti/sequences/00/velodyne")
OL=([synthetic]="$OUT/synthetic-openlabel" [kitti]="$OUT/kitti-openlabel")

# --- nuscenes-devkit -----------------------------------------------------------------------
if ! "$PY" -c "import nuscenes" 2>/dev/null; then
  for k in "${!NUS[@]}"; do verdict nuscenes-devkit "$k nuscenes" SKIP "python cannot import nuscenes"; done
else
  for k in "${!NUS[@]}"; do
    msg=$("$PY" - "${NUS[$k]}" "$OUT/synthetic-nuscenes-results/results_nusc.json" "$k" 2>&1 <<'PYEOF'
import json, os, sys, tempfile
from nuscenes.nuscenes import NuScenes
root, results, which = sys.argv[1], sys.argv[2], sys.argv[3]
version = "v1.0-lidarlabel"
nusc = NuScenes(version=version, dataroot=root, verbose=False)
out = [f"{len(nusc.sample)} samples, {len(nusc.sample_annotation)} boxes"]
if os.path.exists(os.path.join(root, version, "lidarseg.json")):
    nusc.list_lidarseg_categories(sort_by="count")
    nusc.get_sample_lidarseg_stats(nusc.sample[0]["token"], sort_by="count")
    out.append(f"lidarseg {len(nusc.lidarseg)} files")
if which == "synthetic":
    from nuscenes.eval.detection.config import config_factory
    from nuscenes.eval.detection.evaluate import DetectionEval
    split = next(iter(json.load(open(os.path.join(root, version, "splits.json")))))
    ev = DetectionEval(nusc, config_factory("detection_cvpr_2019"), results, split,
                       tempfile.mkdtemp(), verbose=False)
    m, _ = ev.evaluate()
    out.append(f"DetectionEval mAP {m.mean_ap:.3f} NDS {m.nd_score:.3f}")
print(", ".join(out))
PYEOF
)
    if [ $? -eq 0 ]; then verdict nuscenes-devkit "$k nuscenes" PASS "$(echo "$msg" | tail -1)"
    else verdict nuscenes-devkit "$k nuscenes" FAIL "$(echo "$msg" | tail -1)"; fi
  done
fi

# --- semantic-kitti-api ----------------------------------------------------------------------
for k in "${!SK[@]}"; do
  labels="${SK[$k]%%:*}/labels"; scans="${SK[$k]##*:}"
  if [ -z "${SEMANTIC_KITTI_API:-}" ] || [ ! -f "${SEMANTIC_KITTI_API}/auxiliary/laserscan.py" ]; then
    verdict semantic-kitti-api "$k semantickitti" SKIP "SEMANTIC_KITTI_API not set to a clone"; continue
  fi
  if ! "$PY" -c "import numpy, yaml" 2>/dev/null; then
    verdict semantic-kitti-api "$k semantickitti" SKIP "python3 numpy/yaml missing"; continue
  fi
  msg=$("$PY" - "$SEMANTIC_KITTI_API" "$scans" "$labels" 2>&1 <<'PYEOF'
import os, sys, yaml
api, scans, labels = sys.argv[1:4]
sys.path.insert(0, api)
from auxiliary.laserscan import SemLaserScan
cfg = yaml.safe_load(open(os.path.join(api, "config", "semantic-kitti.yaml")))
scan = SemLaserScan(cfg["color_map"], project=False)
n = 0
for name in sorted(os.listdir(labels)):
    scan.open_scan(os.path.join(scans, name.replace(".label", ".bin")))
    scan.open_label(os.path.join(labels, name))  # raises when the counts differ
    unknown = set(scan.sem_label.tolist()) - set(cfg["labels"])
    if unknown: raise SystemExit(f"{name}: ids not in the config: {sorted(unknown)}")
    n += 1
print(f"{n} label files open with their scans")
PYEOF
)
  if [ $? -eq 0 ]; then verdict semantic-kitti-api "$k semantickitti" PASS "$(echo "$msg" | tail -1)"
  else verdict semantic-kitti-api "$k semantickitti" FAIL "$(echo "$msg" | tail -1)"; fi
done

# --- OpenLABEL schema ------------------------------------------------------------------------
for k in "${!OL[@]}"; do
  if ! "$PY" -c "import jsonschema" 2>/dev/null; then
    verdict jsonschema "$k openlabel" SKIP "python3-jsonschema missing"; continue
  fi
  if [ -z "${OPENLABEL_SCHEMA:-}" ] || [ ! -f "$OPENLABEL_SCHEMA" ]; then
    verdict jsonschema "$k openlabel" SKIP "OPENLABEL_SCHEMA not set to the 1.0.0 schema file"; continue
  fi
  for file in "${OL[$k]}"/*.openlabel.json; do
    msg=$("$PY" - "$OPENLABEL_SCHEMA" "$file" 2>&1 <<'PYEOF'
import json, sys, jsonschema
schema, doc = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
jsonschema.validate(doc, schema, cls=jsonschema.Draft7Validator)
print(f"{len(doc['openlabel'].get('frames', {}))} frames valid against the schema")
PYEOF
)
    if [ $? -eq 0 ]; then verdict jsonschema "$k openlabel" PASS "$(echo "$msg" | tail -1)"
    else verdict jsonschema "$k openlabel" FAIL "$(echo "$msg" | tail -1)"; fi
  done
done
exit $failed
