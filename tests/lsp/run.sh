#!/usr/bin/env bash
# The end-to-end tests of `proc lsp` with real clients:
#   - pytest-lsp (pygls's client, from PyPI, installed into a temporary folder): tests/lsp/test_proc_lsp.py;
#   - Neovim's own LSP client, when Neovim is installed (0.7 or newer): tests/lsp/neovim.lua.
#
#   bash tests/lsp/run.sh        with PROC=path/to/proc to test a prebuilt binary (default: cargo build)
#
# A client that is not there (no Python 3 with venv, PyPI out of reach, no Neovim) is "skipped", not a failure.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/proc-lsp.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

if [[ -z "${PROC:-}" ]]; then
  cargo build --quiet
  PROC="$(cargo metadata --format-version 1 --no-deps | sed 's/.*"target_directory":"\([^"]*\)".*/\1/')/debug/proc"
fi
export PROC

pytest_lsp() {
  if ! command -v python3 >/dev/null 2>&1 || ! python3 -c "import venv, ensurepip" >/dev/null 2>&1; then
    echo "skipped: the pytest-lsp client test needs python3 with venv (apt-get install python3-venv)"
    return 0
  fi
  if ! python3 -m venv "$WORK/venv" >/dev/null 2>&1 \
    || ! "$WORK/venv/bin/pip" install --quiet --disable-pip-version-check "pytest-lsp==1.0.1" >"$WORK/pip.log" 2>&1; then
    echo "skipped: could not install pytest-lsp from PyPI:"
    tail -3 "$WORK/pip.log" 2>/dev/null || true
    return 0
  fi
  "$WORK/venv/bin/python" -m pytest --quiet -p no:cacheprovider "$REPO/tests/lsp" "$@"
}

neovim() {
  if ! command -v nvim >/dev/null 2>&1; then
    echo "skipped: Neovim not found (apt-get install neovim)"
    return 0
  fi
  local folder="$WORK/neovim"
  mkdir -p "$folder"
  cp -r "$REPO/proc.toml" "$REPO/processes" "$folder/"
  sed -i 's/^  date: 2018-05-08$/  date: 8.5.2018/' "$folder/processes/oro-for-anknytning.yaml"
  OUT="$folder/out.txt" timeout 120 nvim --headless -u NONE -c "luafile $REPO/tests/lsp/neovim.lua" \
    "$folder/processes/oro-for-anknytning.yaml" </dev/null >/dev/null 2>&1 || true
  cat "$folder/out.txt" 2>/dev/null || true
  if [[ "$(tail -n 1 "$folder/out.txt" 2>/dev/null)" != ok ]]; then
    echo "FAILED: proc lsp in $(nvim --version | head -n 1)" >&2
    return 1
  fi
  echo "passed: proc lsp in $(nvim --version | head -n 1)"
}

pytest_lsp "$@"
neovim
