#!/usr/bin/env bash
# How soon an edit shows in the editor with `proc lsp`: N generated processes (the examples under new ids), one of
# them open; RUNS edits, each timed from the change sent to the diagnostics of that version received
# (bench/lsp.py, Python's standard library only).
#
#   bash bench/lsp.sh [N]        N processes (default 200)
#
# Environment:
#   PROC   a prebuilt proc binary (default: a release build with cargo)
#   RUNS   edits to time (default 50)
#
# Without Python 3 it says "skipped" and exits 0. Everything it makes lives in one temporary folder.
set -euo pipefail

N="${1:-200}"
RUNS="${RUNS:-50}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

if ! command -v python3 >/dev/null 2>&1; then
  echo "skipped: python3 not found"
  exit 0
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/proc-lsp-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# shellcheck source=bench/common.sh
source "$REPO/bench/common.sh"

echo "== generating $N processes"
generate_processes "$WORK/processes" "$N"
OPENABLE=("$WORK"/processes/oro-for-anknytning-*.yaml)
OPEN="${OPENABLE[0]}"

if [[ -z "${PROC:-}" ]]; then
  cargo build --release --quiet
  PROC="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/proc"
fi
echo "== proc lsp on $N processes; timing $RUNS edits of $(basename "$OPEN")"
python3 bench/lsp.py "$PROC" "$WORK" "$OPEN" "$RUNS"
