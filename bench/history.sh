#!/usr/bin/env bash
# Benchmark the version history of `proc render`: N processes in a git repository where every file went through
# C versions (each a commit that renames a step and raises the version), rendered to HTML with the history from git
# and with `--no-git`. The difference is what reading the history costs: one `git log` and one `git cat-file
# --batch` for the whole site, then reading each earlier state of each file.
#
#   bash bench/history.sh [N] [C]      N processes (default 1000), C versions of each (default 10)
#
# Environment:
#   PROC   a prebuilt proc binary (default: cargo run --release)
#   RUNS   timed runs of each command (default 5)
#
# Everything it makes lives in one temporary folder that is removed on exit.
set -euo pipefail

N="${1:-1000}"
C="${2:-10}"
RUNS="${RUNS:-5}"
TODAY=2026-11-23
if ! [[ "$N" =~ ^[1-9][0-9]*$ && "$C" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N] [C]   (N processes, C versions of each: positive numbers)" >&2
  exit 2
fi

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
# shellcheck source=bench/common.sh
source bench/common.sh
proc_command --release
WORK="$(mktemp -d "${TMPDIR:-/tmp}/proc-bench-history.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "== machine: $(nproc) CPU cores ($(uname -m)), N=$N processes, C=$C versions each"
generate_processes "$WORK/processes" "$N"
cd "$WORK"
git init -q
commit() {
  git add -A
  GIT_AUTHOR_DATE="2020-01-$(printf '%02d' "$1")T10:00:00" GIT_COMMITTER_DATE="2020-01-$(printf '%02d' "$1")T10:00:00" \
    git -c user.name=Bench -c user.email=bench@example.org -c commit.gpgsign=false commit -q -m "version $1"
}
commit 1
for (( v = 2; v <= C; v++ )); do
  # A new version of every file: the version line and the first step's name.
  sed -i -e "s/^version: .*/version: \"1.$v\"/" -e "0,/^  - name: /s/^  - name: \(.*\)$/  - name: Steg $v/" processes/*.yaml
  commit "$(( (v - 1) % 28 + 1 ))"
done
echo "   $(git rev-list --count HEAD) commits, $(( N * C )) states of process files"

# Check first that the history is there: a run without it would time the wrong thing.
"${PROC_CMD[@]}" render processes --today "$TODAY" --out out-check -q
rows=$(grep -o 'role="rowheader" data-label=' "out-check/$(ls processes | head -1 | sed 's/yaml$/html/')" | wc -l)
if [[ "$rows" -lt "$C" ]]; then
  echo "the first page's version history has $rows rows, fewer than its $C versions; not timing" >&2
  exit 1
fi
echo "   the first page's version history has $rows rows"
rm -rf out-check

echo "== load average before timing: $(cut -d' ' -f1-3 /proc/loadavg)"
TIMEFORMAT='%3R s'
for what in git no-git; do
  flag=""
  if [[ "$what" == no-git ]]; then flag="--no-git"; fi
  for (( i = 1; i <= RUNS; i++ )); do
    echo -n "   html, history from $what: "
    { time bash -c "rm -rf out && $(printf '%q ' "${PROC_CMD[@]}") render processes $flag --today $TODAY --out out -q"; } 2>&1
  done
done
