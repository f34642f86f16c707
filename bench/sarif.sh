#!/usr/bin/env bash
# Validates `proc lint --format sarif` with Microsoft's SARIF multitool (`sarif-multitool validate`): the SARIF 2.1.0
# schema and the multitool's own rules for what code-scanning dashboards need. Code scanning accepts files that
# break a JSON schema it does not check, so a schema test of our own would not be enough.
#
#   bash bench/sarif.sh [PATH...]   PATH = files or folders to lint (default: every rule's fixture, which gives a
#                                   finding of each rule, related places in other files and whole-file findings)
#
# Environment:
#   PROC   a prebuilt proc binary (default: cargo run --quiet)
#
# Needs Node.js with npm and the npm registry once per run: @microsoft/sarif-multitool is installed into a
# temporary folder, never into the repository. Without npm it says "skipped: …" and exits 0, so CI without Node
# passes. The exit status is otherwise 0 (valid; warnings are shown), 1 (the multitool reports an error) or 2 (a
# setup error: npm install failed, proc did not write SARIF).
set -euo pipefail

TODAY=2026-11-23   # fixed, so `future-date` cannot start or stop firing and change what is validated
if [[ $# -eq 0 ]]; then set -- tests/fixtures/rules; fi

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "skipped: $tool not found (apt-get install nodejs npm)"
    exit 0
  fi
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/proc-sarif.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# shellcheck source=bench/common.sh
source "$REPO/bench/common.sh"

echo "== installing @microsoft/sarif-multitool into a temporary folder"
npm_install "$WORK" @microsoft/sarif-multitool

echo "== proc lint --format sarif $*"
proc_command
lint=("${PROC_CMD[@]}" lint)
# Exit 1 only means findings, which is what there is to validate; 2 means no SARIF was written.
status=0
"${lint[@]}" "$@" --format sarif --today "$TODAY" >"$WORK/proc.sarif" || status=$?
if [[ "$status" -gt 1 || ! -s "$WORK/proc.sarif" ]]; then
  echo "setup error: proc lint did not write SARIF (exit $status)" >&2
  exit 2
fi

echo "== sarif-multitool validate"
"$WORK/npm/node_modules/.bin/sarif-multitool" validate "$WORK/proc.sarif" >"$WORK/validate.log" 2>&1 || true
# The multitool prints each problem as `FILE(LINE,COL): error|warning|note SARIFnnnn: …`; show them without the
# temporary folder's name.
sed "s|$WORK/||g" "$WORK/validate.log"
if grep -qE ': error [A-Z]+[0-9]+:' "$WORK/validate.log"; then
  echo "invalid: the multitool reports errors"
  exit 1
fi
if ! grep -q 'Analysis completed successfully' "$WORK/validate.log"; then
  echo "setup error: the multitool did not finish" >&2
  exit 2
fi
echo "valid: no errors"
