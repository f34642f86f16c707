#!/usr/bin/env bash
# The end-to-end test of `proc lsp` with a real client: pytest-lsp (PyPI), installed into a temporary folder.
#
#   bash tests/lsp/run.sh        with PROC=path/to/proc to test a prebuilt binary (default: cargo build)
#
# Without Python 3 (with venv), or when PyPI cannot be reached, it says "skipped" and exits 0.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"

if ! command -v python3 >/dev/null 2>&1 || ! python3 -c "import venv, ensurepip" >/dev/null 2>&1; then
  echo "skipped: the proc lsp client test needs python3 with venv (apt-get install python3-venv)"
  exit 0
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/proc-lsp.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
if ! python3 -m venv "$WORK/venv" >/dev/null 2>&1 \
  || ! "$WORK/venv/bin/pip" install --quiet --disable-pip-version-check "pytest-lsp==1.0.1" >"$WORK/pip.log" 2>&1; then
  echo "skipped: could not install pytest-lsp from PyPI:"
  tail -3 "$WORK/pip.log" 2>/dev/null || true
  exit 0
fi
if [[ -z "${PROC:-}" ]]; then
  cargo build --quiet
  PROC="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/proc"
fi
export PROC
"$WORK/venv/bin/python" -m pytest --quiet -p no:cacheprovider "$REPO/tests/lsp" "$@"
