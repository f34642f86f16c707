#!/usr/bin/env bash
# Accessibility audit of the rendered site: axe-core with the WCAG 2.1 A and AA rules (tags wcag2a, wcag2aa,
# wcag21a, wcag21aa) inside headless Chromium, on every process page and the index, at 1280 px and 390 px wide; and
# what pdfinfo says about each PDF (tagged, PDF version, declared standards).
#
#   bash bench/axe.sh [PATH...]     PATH = process files or folders to render (default: processes)
#
# Environment:
#   PROC       a prebuilt proc binary to render with (default: cargo run --release)
#   CHROMIUM   the Chromium binary (default /usr/bin/chromium)
#   WIDTHS     viewport widths in px (default "1280 390")
#
# Needs Node.js with npm and network access to the npm registry once per run: axe-core 4 and puppeteer-core are
# installed into the temporary folder, never into the repository. Without Chromium it says "skipped" and exits 0,
# so CI without a browser passes; the exit status is otherwise 0 (no violations), 1 (violations) or 2 (a setup
# error: no Node, npm install failed, the render failed, Chromium did not start).
#
# Everything it makes lives in one temporary folder that is removed on exit.
set -euo pipefail

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
WIDTHS="${WIDTHS:-1280 390}"
TODAY=2026-11-23
if [[ $# -eq 0 ]]; then set -- processes; fi

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

if [[ ! -x "$CHROMIUM" ]]; then
  echo "skipped: Chromium not found (apt-get install chromium)"
  exit 0
fi
for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "setup error: $tool not found (apt-get install nodejs npm)" >&2
    exit 2
  fi
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/proc-axe.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# shellcheck source=bench/common.sh
source "$REPO/bench/common.sh"

echo "== installing axe-core and puppeteer-core into a temporary folder"
# puppeteer-core, unlike puppeteer, downloads no browser; the system Chromium is used.
npm_install "$WORK" axe-core@4 puppeteer-core@24

echo "== rendering $* with --site --pdf"
proc_command --release
render=("${PROC_CMD[@]}" render)
# Lint errors make render exit 1 but still render the rest; an audit of a partial site would mislead, so stop.
if ! "${render[@]}" "$@" --site --pdf --quiet --out "$WORK/site" --today "$TODAY"; then
  echo "setup error: proc render failed" >&2
  exit 2
fi

if command -v pdfinfo >/dev/null 2>&1; then
  echo "== PDFs (pdfinfo; shown, not checked)"
  for pdf in "$WORK"/site/*.pdf; do
    [[ -e "$pdf" ]] || continue
    echo "$(basename "$pdf"):"
    # Tagged and the version are pdfinfo's own lines; the standards (PDF/UA, PDF/A) it shows only from its
    # metadata dump, so look for the declarations there.
    # poppler up to 25.11 complains "Suspects object is wrong type (boolean)" about the valid `/Suspects false`
    # that Typst writes (its MarkInfo check has the branches the wrong way round): drop that line, show the rest.
    pdfinfo "$pdf" 2>"$WORK/pdfinfo.err" | grep -E '^(Tagged|PDF version|PDF subtype|Title):' | sed 's/^/  /' || true
    grep -vF 'Suspects object is wrong type (boolean)' "$WORK/pdfinfo.err" | sed 's/^/  pdfinfo: /' || true
    standards="$(pdfinfo -meta "$pdf" 2>/dev/null | grep -oE '<(pdfuaid|pdfaid):(part|conformance)>[^<]*' | sed -E 's/<([a-z]+):([a-z]+)>/\1:\2=/' | tr '\n' ' ' || true)"
    echo "  Standards in the metadata: ${standards:-none declared}"
  done
else
  echo "== PDFs: pdfinfo not found (apt-get install poppler-utils); not shown"
fi

echo "== axe-core, WCAG 2.1 A and AA, at ${WIDTHS// / and } px"
mkdir -p "$WORK/profile"
status=0
# shellcheck disable=SC2086 # WIDTHS is a list of numbers, split on purpose
AXE_NODE_MODULES="$WORK/npm/node_modules" CHROMIUM="$CHROMIUM" \
  node bench/axe.mjs "$WORK/site" "$WORK/profile" $WIDTHS || status=$?
exit "$status"
