#!/usr/bin/env bash
# Benchmark `proc render`: N generated processes (copies of the examples) to HTML pages plus the site index, and
# to PDF.
#
#   bash bench/render.sh [N]        N = number of generated processes (default 1000)
#
# Environment:
#   RUNS   timed runs of each command (default 5; with hyperfine, after one warm-up run)
#
# Everything it makes lives in one temporary folder that is removed on exit.
set -euo pipefail

N="${1:-1000}"
RUNS="${RUNS:-5}"
TODAY=2026-11-23
if ! [[ "$N" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N]   (N: a positive number of processes, default 1000)" >&2
  exit 2
fi

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/proc-bench-render.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "== machine: $(nproc) CPU cores ($(uname -m)), N=$N processes"
echo "== building the release binary"
cargo build --release --quiet
PROC="$REPO/target/release/proc"

# Copies of the examples, round robin, each with its own id (= file stem), as bench/lint.sh makes them.
mkdir -p "$WORK/processes"
cp -R schemas "$WORK/schemas"
if [[ -f proc.toml ]]; then cp proc.toml "$WORK/proc.toml"; fi
awk -v n="$N" -v out="$WORK/processes" '
  FNR == 1 { k++; stem[k] = FILENAME; sub(/.*\//, "", stem[k]); sub(/\.ya?ml$/, "", stem[k]) }
  { line[k, FNR] = $0; count[k] = FNR }
  END {
    for (i = 1; i <= n; i++) {
      e = (i - 1) % k + 1
      name = stem[e] "-" sprintf("%05d", i)
      path = out "/" name ".yaml"
      for (j = 1; j <= count[e]; j++) {
        if (line[e, j] ~ /^id:/) print "id: " name > path
        else print line[e, j] > path
      }
      close(path)
    }
  }' processes/*.yaml
cd "$WORK"

# A run that does not render everything would measure the wrong thing: check first.
"$PROC" render processes --site --format both --today "$TODAY" --out out-check -q
pages=$(find out-check -name '*.html' | wc -l)
pdfs=$(find out-check -name '*.pdf' | wc -l)
if [[ "$pages" -ne $((N + 1)) || "$pdfs" -ne "$N" ]]; then
  echo "expected $N pages + index.html and $N PDFs, got $pages pages and $pdfs PDFs; not timing" >&2
  exit 1
fi
echo "   one run writes $pages HTML files ($(du -sh --apparent-size out-check | cut -f1) with the PDFs), $pdfs PDFs"
rm -rf out-check

echo "== load average before timing: $(cut -d' ' -f1-3 /proc/loadavg)"
html_cmd="rm -rf out && '$PROC' render processes --site --today $TODAY --out out -q"
pdf_cmd="rm -rf out && '$PROC' render processes --format pdf --today $TODAY --out out -q"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --style basic --warmup 1 --runs "$RUNS" --shell bash \
    -n "html + site ($N)" "$html_cmd" -n "pdf ($N)" "$pdf_cmd" --export-csv "$WORK/times.csv"
  echo "== per process"
  tail -n +2 "$WORK/times.csv" | while IFS=, read -r name mean _ median _ _ min _; do
    awk -v name="$name" -v n="$N" -v median="$median" -v min="$min" \
      'BEGIN { printf "   %-20s median %.2f s (fastest %.2f s): %.1f ms per process\n", name, median, min, 1000 * median / n }'
  done
else
  TIMEFORMAT='%3R s'
  for i in $(seq "$RUNS"); do echo -n "   html + site: "; { time bash -c "$html_cmd"; } 2>&1; done
  for i in $(seq "$RUNS"); do echo -n "   pdf: "; { time bash -c "$pdf_cmd"; } 2>&1; done
fi
