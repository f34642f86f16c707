#!/usr/bin/env bash
# The long run of proc's mutation fuzzer (tests/it/fuzz.rs): the examples and fixtures mutated the ways real files
# go wrong, with the promises proc makes as oracles (no panic; lint agrees with due/review/render; fmt keeps
# values and comments and is stable; review changes only its lines; rendered pages are inert and written inside
# --out; import writes files lint can read). `cargo test` runs 300 cases of it; this runs many more.
#
#   bash bench/fuzz.sh [CASES] [SEED]     default 100000 cases, seed 1
#
# Built with optimisations (the first build takes about ten minutes). A failing input is saved under
# target/fuzz-failures/, named after the promise it broke; the run fails then. Nothing else is written.
set -euo pipefail

CASES="${1:-100000}"
SEED="${2:-1}"
if ! [[ "$CASES" =~ ^[1-9][0-9]*$ && "$SEED" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 [CASES] [SEED]   (positive numbers; default 100000 and 1)" >&2
  exit 2
fi
cd "$(dirname "${BASH_SOURCE[0]}")/.."
echo "== $(nproc) CPU cores, $CASES cases from seed $SEED"
PROC_FUZZ_CASES="$CASES" PROC_FUZZ_SEED="$SEED" \
  cargo test --release --quiet --test it fuzz::long_run -- --ignored --exact --nocapture
