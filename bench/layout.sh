#!/usr/bin/env bash
# Layout check of the rendered pages in the system Chromium: does every chart fit its frame, or say that it scrolls?
#
#   bash bench/layout.sh
#
# It generates a grid of processes with 1..30 steps × 1..12 lanes (every combination, 360 files, each valid for
# `proc lint`), renders them and the examples with `proc render --site`, and opens each page in headless Chromium
# (driven by puppeteer-core, installed with npm into a temporary folder). For every chart on a page at 1280 px
# (and on the example pages at 390 px as well):
#
#   - either every step box lies inside the visible area of the chart's frame, or the page shows the scroll cue
#     (visible, not display:none) and the chart's text is rendered at 11 px or more;
#   - the chart's text is never rendered under 11 px;
#
# and on every page and the index, at 1280 and at 390 px, nothing is wider than the window
# (document scrollWidth <= innerWidth).
#
# It prints a summary and exits non-zero on failures. Without Chromium (or Node and npm) it says so and exits 0:
# the check is skipped, not failed.
#
# Environment:
#   CHROMIUM   the browser (default: /usr/bin/chromium, else chromium, chromium-browser or google-chrome on PATH)
#   PROC       the proc binary to use (default: built here with `cargo build`, in $CARGO_TARGET_DIR or target/)
#   SHOTS      a folder: full-page screenshots of the examples and the index at both widths are saved there
#
# Everything it makes lives in one temporary folder that is removed on exit.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

CHROMIUM="${CHROMIUM:-}"
if [[ -z "$CHROMIUM" ]]; then
  for candidate in /usr/bin/chromium chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then
      CHROMIUM="$(command -v "$candidate")"
      break
    fi
  done
fi
if [[ -z "$CHROMIUM" || ! -x "$CHROMIUM" ]]; then
  echo "layout check skipped: no Chromium found (set CHROMIUM to a Chromium or Chrome binary)"
  exit 0
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "layout check skipped: Node.js and npm are needed to drive Chromium (puppeteer-core)"
  exit 0
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/proc-layout.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# shellcheck source=bench/common.sh
source "$REPO/bench/common.sh"

if [[ -z "${PROC:-}" ]]; then
  echo "== building proc"
  cargo build --quiet
  PROC="${CARGO_TARGET_DIR:-$REPO/target}/debug/proc"
fi

echo "== installing puppeteer-core into a temporary folder"
npm_install "$WORK" puppeteer-core@24

echo "== generating the 30 × 12 grid of processes"
mkdir -p "$WORK/grid" "$WORK/examples"
ROLES=("Hälsovårdare/barnmorska" "Socialarbetare" "Familjeterapeut" "Läkare" "Psykolog"
  "Yrkespersonal inom mödra- och barnrådgivning" "Familjehandledare/familjearbetare" "Barnskydd" "Dagvård"
  "Lastensuojeluilmoituksen käsittelijä" "Tredje sektorn" "Servicehandledare")
NAMES=("Bedömning av servicebehov" "Tätare rådgivningskontroller" "Mångprofessionell planering av vården"
  "Vård" "Stödåtgärder och uppföljning i hemmet" "Utvärdering, service avslutas eller omplaneras")
for steps in $(seq 1 30); do
  for lanes in $(seq 1 12); do
    id=$(printf 'grid-s%02d-l%02d' "$steps" "$lanes")
    {
      echo "id: $id"
      echo "name: Rutnät med $steps steg och $lanes roller"
      echo "goal: Att kartan ryms på sidan eller säger att den kan rullas"
      echo "language: sv"
      echo "owner: Layoutkontroll"
      echo "approved:"
      echo "  date: 2026-01-15"
      echo "  by: Kvalitetssamordnare"
      echo "version: 1"
      echo "review_cycle:"
      echo "  month: mars"
      echo "steps:"
      for step in $(seq 0 $((steps - 1))); do
        # Names repeat every six steps, so each says which round it is in (lint refuses two steps of one name).
        round=""
        if ((step >= ${#NAMES[@]})); then round=" (omgång $((step / ${#NAMES[@]} + 1)))"; fi
        echo "  - name: ${NAMES[$((step % ${#NAMES[@]}))]}$round"
        echo "    what: Steg $((step + 1))"
        echo "    responsible:"
        # Every lane is used: lane k goes to step k mod steps (with fewer steps than lanes a step has several);
        # with more steps than lanes, step s is in lane s mod lanes.
        if ((step < lanes)); then
          for lane in $(seq 0 $((lanes - 1))); do
            if ((lane % steps == step)); then echo "      - ${ROLES[$lane]}"; fi
          done
        else
          echo "      - ${ROLES[$((step % lanes))]}"
        fi
      done
    } >"$WORK/grid/$id.yaml"
  done
done
"$PROC" lint "$WORK/grid" --deny warnings >/dev/null || {
  echo "the generated grid does not pass proc lint:" >&2
  "$PROC" lint "$WORK/grid" >&2
  exit 1
}

echo "== rendering"
"$PROC" render "$WORK/grid" --site --today 2026-11-23 --out "$WORK/out-grid" -q
"$PROC" render processes --site --today 2026-11-23 --out "$WORK/out-examples" -q

echo "== checking in $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
jobs="$WORK/jobs.txt"
: >"$jobs"
for page in "$WORK"/out-grid/grid-*.html; do echo "1280 $page" >>"$jobs"; done
echo "1280 $WORK/out-grid/index.html" >>"$jobs"
echo "390 $WORK/out-grid/index.html" >>"$jobs"
for page in "$WORK"/out-examples/*.html; do
  echo "1280 $page" >>"$jobs"
  echo "390 $page" >>"$jobs"
done
NODE_MODULES="$WORK/npm/node_modules" CHROMIUM="$CHROMIUM" SHOTS="${SHOTS:-}" \
  node "$REPO/bench/layout.mjs" "$jobs"
