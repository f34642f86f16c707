#!/usr/bin/env bash
# Screenshots of the rendered examples for the README: every example page and the site index at 1280 px and 390 px
# wide (the whole page height), and the first page of each example's PDF, into docs/screenshots/:
#   ID-1280.png, ID-390.png, ID-pdf.png for each example, index-1280.png, index-390.png, and lifecycle-1280.png
#   (the page at the end of docs/lifecycle.sh)
#
#   bash docs/screenshot.sh
#
# Environment:
#   PROC       a prebuilt proc binary to render with (default: cargo run --release)
#   CHROMIUM   the Chromium binary (default /usr/bin/chromium)
#
# Needs Chromium, pdftoppm, Node.js with npm (Debian: apt-get install chromium poppler-utils nodejs npm) and the npm
# registry once per run: puppeteer-core (which downloads no browser) is installed into the temporary folder, never
# into the repository, as bench/axe.sh does. Not run in CI. Old pictures in docs/screenshots/ are replaced, so a
# removed example leaves none behind.
#
# Everything else it makes lives in one temporary folder that is removed on exit.
set -euo pipefail

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
WIDTHS="1280 390"
TODAY=2026-11-23

cd "$(dirname "${BASH_SOURCE[0]}")/.."
for tool in "$CHROMIUM" pdftoppm node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$tool not found (Debian: apt-get install chromium poppler-utils nodejs npm)" >&2
    exit 2
  fi
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/proc-screenshot.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "== installing puppeteer-core into a temporary folder"
if ! npm install --prefix "$WORK/npm" --no-audit --no-fund --no-save --silent puppeteer-core@24 >"$WORK/npm.log" 2>&1; then
  cat "$WORK/npm.log" >&2
  echo "npm install failed (it needs the npm registry)" >&2
  exit 2
fi

echo "== rendering processes with --site --pdf"
if [[ -n "${PROC:-}" ]]; then
  "$PROC" render processes --site --pdf --quiet --out "$WORK/site" --today "$TODAY"
else
  cargo run --release --quiet -- render processes --site --pdf --quiet --out "$WORK/site" --today "$TODAY"
fi

# Into a fresh folder first: a failed run leaves the committed pictures as they were.
mkdir -p "$WORK/shots" "$WORK/profile"
echo "== pages at ${WIDTHS// / and } px"
# shellcheck disable=SC2086 # WIDTHS is a list of numbers, split on purpose
NODE_MODULES_DIR="$WORK/npm/node_modules" CHROMIUM="$CHROMIUM" \
  node docs/screenshot.mjs "$WORK/site" "$WORK/shots" "$WORK/profile" $WIDTHS
echo "== first page of each PDF"
for pdf in "$WORK"/site/*.pdf; do
  [[ -e "$pdf" ]] || continue
  stem="$(basename "$pdf" .pdf)"
  # 70 dpi: an A4 page 579 px wide, enough to see the layout, about 100 KB. The grep drops poppler's complaint about
  # the valid `/Suspects false` Typst writes (see bench/axe.sh).
  pdftoppm -r 70 -png -f 1 -l 1 -singlefile "$pdf" "$WORK/shots/$stem-pdf" 2> >(grep -vF 'Suspects object' >&2)
  echo "  $stem-pdf.png"
done

echo "== the process map of 200 generated processes"
python3 docs/many-processes.py "$WORK/many" 200
if [[ -n "${PROC:-}" ]]; then
  "$PROC" render "$WORK/many" --site --quiet --out "$WORK/many-site" --today "$TODAY"
else
  cargo run --release --quiet -- render "$WORK/many" --site --quiet --out "$WORK/many-site" --today "$TODAY"
fi
mkdir -p "$WORK/many-shots"
# Half scale: the map of 200 is about 1280 × 16,000 px; the picture is for the shape of the layout.
SCALE=0.5 PAGES=index.html NODE_MODULES_DIR="$WORK/npm/node_modules" CHROMIUM="$CHROMIUM" \
  node docs/screenshot.mjs "$WORK/many-site" "$WORK/many-shots" "$WORK/profile" 1280
mv "$WORK/many-shots/index-1280.png" "$WORK/shots/index-200-processes-1280.png"

rm -rf docs/screenshots
mv "$WORK/shots" docs/screenshots
# The page at the end of the README's lifecycle session (docs/lifecycle.sh makes it in a repository of its own).
PROC="${PROC:-}" CHROMIUM="$CHROMIUM" bash docs/lifecycle.sh --screenshot >/dev/null
echo "wrote $(find docs/screenshots -name '*.png' | wc -l) pictures to docs/screenshots/," \
  "$(du -sh --apparent-size docs/screenshots | cut -f1) in all"
