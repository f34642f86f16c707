#!/usr/bin/env bash
# Renders the example processes and takes a screenshot of one page in headless Chromium, for the README.
# Also the first page of the example's PDF as a picture. Needs Chromium and pdftoppm (Debian: apt-get install
# chromium poppler-utils). Not run in CI.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
site="$(mktemp -d)"
profile="$(mktemp -d)"
trap 'rm -rf "$site" "$profile"' EXIT
cargo run --quiet -- render processes --pdf --quiet --out "$site" --today 2026-11-23
# The flags keep Chromium from reaching for the network (this machine has none) and from needing a sandbox as root.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
  --window-size=1280,1400 --screenshot="docs/oro-for-anknytning.png" "file://$site/oro-for-anknytning.html"
pdftoppm -r 70 -png -f 1 -l 1 -singlefile "$site/oro-for-anknytning.pdf" docs/oro-for-anknytning-pdf
echo "wrote docs/oro-for-anknytning.png and docs/oro-for-anknytning-pdf.png"
