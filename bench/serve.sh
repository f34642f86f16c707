#!/usr/bin/env bash
# How soon a saved change shows in the browser with `proc serve`: 200 generated processes (the examples under new
# ids), one page open in headless Chromium, its file saved RUNS times; each time, the time from the save to the
# reloaded page showing the change (bench/serve.mjs, over the DevTools protocol).
#
#   bash bench/serve.sh [N]      N processes (default 200)
#
# Environment:
#   PROC      a prebuilt proc binary (default: cargo run --release)
#   RUNS      saves to time (default 20)
#   CHROMIUM  the browser (default /usr/bin/chromium)
#
# Without Chromium or Node.js it says "skipped" and exits 0. Everything it makes lives in one temporary folder.
set -euo pipefail

N="${1:-200}"
RUNS="${RUNS:-20}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
for tool in node npm "$CHROMIUM"; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "skipped: $tool not found (apt-get install nodejs npm chromium)"
    exit 0
  fi
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/proc-serve.XXXXXX")"
SERVER=""
trap '[[ -n "$SERVER" ]] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
# shellcheck source=bench/common.sh
source "$REPO/bench/common.sh"

echo "== installing puppeteer-core into a temporary folder"
npm_install "$WORK" puppeteer-core@24

echo "== generating $N processes"
generate_processes "$WORK/processes" "$N"
EXAMPLES=(processes/*.yaml)
FIRST="$(basename "${EXAMPLES[0]}" .yaml)-0001"

proc_command --release
"${PROC_CMD[@]}" serve "$WORK/processes" --port 0 --today 2026-11-23 2>"$WORK/serve.log" &
SERVER=$!
for _ in $(seq 1 600); do
  grep -q 'http://' "$WORK/serve.log" 2>/dev/null && break
  sleep 0.5
done
ADDRESS="$(sed -n 's|.*\(http://[^/]*/\).*|\1|p' "$WORK/serve.log" | head -n 1)"
if [[ -z "$ADDRESS" ]]; then
  cat "$WORK/serve.log" >&2
  echo "setup error: proc serve did not start" >&2
  exit 2
fi
echo "== proc serve at $ADDRESS; timing $RUNS saves of $FIRST.yaml in Chromium"
NODE_MODULES="$WORK/npm/node_modules" CHROMIUM="$CHROMIUM" \
  node bench/serve.mjs "${ADDRESS}${FIRST}.html" "$WORK/processes/$FIRST.yaml" "$RUNS"
