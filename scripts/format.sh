#!/usr/bin/env bash
# clang-format with the repository's .clang-format, on the project's own C++ sources only
# (tracked and new files under core/ io/ render/ app/ tests/; build folders, generated code and
# sample data are never touched).
#   scripts/format.sh [FILE...]           format in place (default: every project source)
#   scripts/format.sh --check [FILE...]   list the files that differ; exit 1 if any, 0 if none
# Needs clang-format (Debian 12: package clang-format, version 14).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

usage() { echo "usage: scripts/format.sh [--check] [FILE...]"; }
check=0
files=()
for arg in "$@"; do
  case "$arg" in
    --check) check=1 ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "format.sh: unknown option '$arg'" >&2; usage >&2; exit 2 ;;
    *) files+=("$arg") ;;
  esac
done

CLANG_FORMAT="${CLANG_FORMAT:-clang-format}"
command -v "$CLANG_FORMAT" >/dev/null || {
  echo "format.sh: $CLANG_FORMAT not found (sudo apt-get install --no-install-recommends clang-format)" >&2
  exit 2
}

if [ ${#files[@]} -eq 0 ]; then
  mapfile -t files < <(git ls-files --cached --others --exclude-standard -- \
    'core/*' 'io/*' 'render/*' 'app/*' 'tests/*' |
    grep -E '\.(cpp|cc|cxx|h|hpp|hh|hxx|ipp|inl)$' | sort -u)
fi

if [ "$check" -eq 0 ]; then
  [ ${#files[@]} -eq 0 ] || "$CLANG_FORMAT" -i --style=file "${files[@]}"
  exit 0
fi

for f in "${files[@]}"; do
  [ -f "$f" ] || { echo "format.sh: no such file: $f" >&2; exit 2; }
done
[ ${#files[@]} -gt 0 ] || { echo "format.sh: no files to check" >&2; exit 0; }
# One clang-format process for all files: --dry-run reports every violation as
# "FILE:LINE:COL: error: code should be clang-formatted"; keep the file names.
set +e
report="$("$CLANG_FORMAT" --dry-run --Werror --style=file "${files[@]}" 2>&1)"
status=$?
set -e
differ="$(printf '%s\n' "$report" | sed -n 's/^\(.*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' | sort -u)"
if [ -n "$differ" ]; then
  printf '%s\n' "$differ"
  echo "format.sh: $(printf '%s\n' "$differ" | wc -l) of ${#files[@]} files differ from .clang-format (scripts/format.sh fixes them)" >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then  # clang-format failed for another reason (bad .clang-format, ...)
  printf '%s\n' "$report" >&2
  exit 2
fi
echo "format.sh: all ${#files[@]} files follow .clang-format" >&2
