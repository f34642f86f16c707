#!/usr/bin/env bash
# Benchmark `proc lint` on many process files (JSON and human output), beside the floor it is measured against
# (bare YAML parsing of the same files: examples/bare_parse.rs, the parser's events only, files in parallel), and
# side by side with check-jsonschema validating the same files against the same schema.
#
#   bash bench/lint.sh [N]          N = number of generated files (default 10000)
#
# Environment:
#   BENCH_NO_INSTALL=1   install nothing (no hyperfine from apt, no check-jsonschema from PyPI)
#   BENCH_NO_HYPERFINE=1 time with bash's `time` even if hyperfine is installed
#   PROC_RUNS / CJS_RUNS timed runs of proc and of the bare parse (default 10 each) and of check-jsonschema
#                        (default 2: ~3 min each at N=10000)
#
# Everything it makes (the generated files, a copy of the schema, the virtualenv for check-jsonschema) lives in
# one temporary folder that is removed on exit; nothing is written into the repository except target/.
set -euo pipefail

N="${1:-10000}"
PROC_RUNS="${PROC_RUNS:-10}"
CJS_RUNS="${CJS_RUNS:-2}"
TODAY=2026-11-23   # fixed, so `future-date` cannot start firing on a later day and change the result
if ! [[ "$N" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N]   (N: a positive number of files, default 10000)" >&2
  exit 2
fi

# Work from the repository root whatever the caller's folder is.
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/proc-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "== machine: $(nproc) CPU cores ($(uname -m)), N=$N files"

# ---------------------------------------------------------------------------------------------------------------
echo "== building the release binary and the bare-parse baseline"
cargo build --release --quiet --bin proc --example bare_parse
TARGET="${CARGO_TARGET_DIR:-$REPO/target}"
PROC="$TARGET/release/proc"
BARE="$TARGET/release/examples/bare_parse"

# ---------------------------------------------------------------------------------------------------------------
# Layout mirrors the repository, so the `# yaml-language-server: $schema=../schemas/process.schema.json` line of
# each copy resolves, and so both tools get the same short relative paths:
#   $WORK/proc.toml  $WORK/schemas/process.schema.json  $WORK/processes/<stem>-00001.yaml ...
# proc.toml is copied too: proc looks for it in the current folder and above, and a copy here makes sure no
# stray proc.toml above the temporary folder changes the rules in force.
echo "== generating $N files in $WORK/processes"
mkdir -p "$WORK/processes"
cp -R schemas "$WORK/schemas"
if [[ -f proc.toml ]]; then cp proc.toml "$WORK/proc.toml"; fi

shopt -s nullglob
EXAMPLES=(processes/*.yaml processes/*.yml)
shopt -u nullglob
if (( ${#EXAMPLES[@]} == 0 )); then
  echo "no example files in processes/" >&2
  exit 2
fi
for f in "${EXAMPLES[@]}"; do
  # The rewrite below only touches a top-level `id:` line; without one the copies would not lint clean.
  grep -q '^id:' "$f" || { echo "$f has no top-level id: line" >&2; exit 2; }
done

# One awk process writes all N files (a sed or cp per file would spend most of the time forking).
# Copy i (1-based) is made from example ((i-1) mod k): round robin. Its stem is <example stem>-<i, zero-padded>
# and its top-level `id:` line is rewritten to that stem, since id-mismatch (P401) requires id == file stem and
# duplicate-id (P402) requires ids to be unique.
WIDTH=$(( ${#N} > 5 ? ${#N} : 5 ))
awk -v n="$N" -v out="$WORK/processes" -v width="$WIDTH" '
  FNR == 1 {
    k++
    stem[k] = FILENAME; sub(/.*\//, "", stem[k])
    ext[k] = (stem[k] ~ /\.yml$/) ? ".yml" : ".yaml"
    sub(/\.ya?ml$/, "", stem[k])
  }
  { line[k, FNR] = $0; count[k] = FNR }
  END {
    for (i = 1; i <= n; i++) {
      e = (i - 1) % k + 1
      name = stem[e] "-" sprintf("%0" width "d", i)
      path = out "/" name ext[e]
      for (j = 1; j <= count[e]; j++) {
        if (line[e, j] ~ /^id:/) print "id: " name > path
        else print line[e, j] > path
      }
      close(path)
    }
  }' "${EXAMPLES[@]}"

cd "$WORK"
GENERATED=$(find processes -maxdepth 1 -type f \( -name '*.yaml' -o -name '*.yml' \) | wc -l)
[[ "$GENERATED" -eq "$N" ]] || { echo "generated $GENERATED files, expected $N" >&2; exit 2; }
echo "   $(du -sh processes | cut -f1) in $GENERATED files"

# ---------------------------------------------------------------------------------------------------------------
# Sanity check before timing anything: a benchmark of a run that finds errors would measure the wrong thing.
# Expected: 0 errors, and exactly the warnings the examples themselves have (placeholder links), once per copy.
summary() {   # summary PATH... -> "files errors warnings" from proc's human summary line
  "$PROC" lint "$@" --today "$TODAY" --color never 2>/dev/null | tail -n 1 |
    sed -nE 's/^Checked ([0-9]+) files?: ([0-9]+) errors?, ([0-9]+) warnings?\.$/\1 \2 \3/p'
}
expected_warnings=0
k=${#EXAMPLES[@]}
for idx in "${!EXAMPLES[@]}"; do
  read -r _ _ w <<<"$(summary "$REPO/${EXAMPLES[$idx]}")"
  copies=$(( N / k + (idx < N % k ? 1 : 0) ))
  expected_warnings=$(( expected_warnings + w * copies ))
done
human_rc=0
"$PROC" lint processes --today "$TODAY" --color never >"$WORK/proc-human.txt" 2>&1 || human_rc=$?
human_last=$(tail -n 1 "$WORK/proc-human.txt")
echo "== proc (human output) says: $human_last   [exit $human_rc]"
read -r s_files s_errors s_warnings <<<"$(sed -nE 's/^Checked ([0-9]+) files?: ([0-9]+) errors?, ([0-9]+) warnings?\.$/\1 \2 \3/p' <<<"$human_last")"
if [[ "$human_rc" -ne 0 || "${s_files:-}" != "$N" || "${s_errors:-}" != 0 || "${s_warnings:-}" != "$expected_warnings" ]]; then
  echo "unexpected lint result (expected exit 0, $N files, 0 errors, $expected_warnings warnings); not timing" >&2
  exit 1
fi

# ---------------------------------------------------------------------------------------------------------------
# hyperfine gives warm-up runs, many samples and user/system times. It is in Debian; install it if we may,
# otherwise fall back to timing with bash's `time`.
if ! command -v hyperfine >/dev/null 2>&1 && [[ "${BENCH_NO_INSTALL:-0}" != 1 && "${BENCH_NO_HYPERFINE:-0}" != 1 ]] \
   && [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "== hyperfine missing: installing it with apt-get"
  { apt-get install -y -qq hyperfine >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq hyperfine >/dev/null 2>&1; }; } \
    || echo "   could not install hyperfine; falling back to bash time"
fi

# time_cmd LABEL RUNS WARMUP MAY_FAIL COMMAND
#   -> sets T_MIN T_MEDIAN T_MEAN T_USER T_SYS (seconds; user and sys are means per run)
# COMMAND is run by bash (so the glob in check-jsonschema's command line is expanded inside the timed process,
# as hyperfine's shell does), with its output discarded. MAY_FAIL=1 for check-jsonschema, whose exit code is
# checked and reported separately; proc's was checked above, so hyperfine may abort on a failing proc.
time_cmd() {
  local label=$1 runs=$2 warmup=$3 may_fail=$4; shift 4
  local cmd=$*
  if [[ "${BENCH_NO_HYPERFINE:-0}" != 1 ]] && command -v hyperfine >/dev/null 2>&1; then
    local csv="$WORK/$label.csv" ignore=()
    if [[ "$may_fail" == 1 ]]; then ignore=(--ignore-failure); fi
    hyperfine --style basic --warmup "$warmup" --runs "$runs" "${ignore[@]}" --shell bash \
      --export-csv "$csv" -n "$label" "$cmd" >&2
    # CSV columns: command,mean,stddev,median,user,system,min,max
    IFS=, read -r _ T_MEAN _ T_MEDIAN T_USER T_SYS T_MIN _ < <(tail -n 1 "$csv")
  else
    # Fallback without hyperfine: WARMUP untimed runs, then RUNS runs timed with bash's `time` (real user sys).
    local times="$WORK/$label.times" i TIMEFORMAT='%3R %3U %3S'
    : >"$times"
    for (( i = 0; i < warmup; i++ )); do bash -c "$cmd" >/dev/null 2>&1 || true; done
    for (( i = 0; i < runs; i++ )); do
      { time bash -c "$cmd" >/dev/null 2>&1 || true; } 2>>"$times"
    done
    read -r T_MIN T_MEDIAN T_MEAN T_USER T_SYS < <(sort -n "$times" | awk '
      { r[NR] = $1; s += $1; u += $2; y += $3 }
      END { m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
            printf "%s %s %s %s %s\n", r[1], m, s / NR, u / NR, y / NR }')
    echo "   $label: $runs runs, min ${T_MIN}s, median ${T_MEDIAN}s (user ${T_USER}s, sys ${T_SYS}s per run)" >&2
  fi
}

# Other work on this machine (a cargo build, a test run) would inflate every figure below: show the load.
echo "== load average before timing: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== bare parse says: $("$BARE" processes)"
echo "== timing the bare parse ($PROC_RUNS runs, 1 warm-up)"
time_cmd bare-parse "$PROC_RUNS" 1 0 "'$BARE' processes"
B_MIN=$T_MIN B_MED=$T_MEDIAN
echo "== timing proc --format json ($PROC_RUNS runs, 1 warm-up)"
time_cmd proc "$PROC_RUNS" 1 0 "'$PROC' lint processes --today $TODAY --format json"
P_MIN=$T_MIN P_MED=$T_MEDIAN P_MEAN=$T_MEAN P_USER=$T_USER P_SYS=$T_SYS
echo "== timing proc, human output ($PROC_RUNS runs, 1 warm-up)"
time_cmd proc-human "$PROC_RUNS" 1 0 "'$PROC' lint processes --today $TODAY --color never"
H_MIN=$T_MIN H_MED=$T_MEDIAN
# (user+sys)/wall is how many cores proc kept busy on average: near `nproc` means the parallel lint used them all.

# ---------------------------------------------------------------------------------------------------------------
# check-jsonschema goes into a virtualenv inside $WORK: never the repository, never the system site-packages.
C_MED="" C_MIN="" C_RC="" C_PROCS=""
CJS="$WORK/venv/bin/check-jsonschema"
if [[ "${BENCH_NO_INSTALL:-0}" == 1 ]]; then
  echo "== check-jsonschema skipped (BENCH_NO_INSTALL=1)"
elif ! { python3 -m venv "$WORK/venv" >/dev/null 2>&1 \
         && PIP_DISABLE_PIP_VERSION_CHECK=1 "$WORK/venv/bin/pip" install --quiet check-jsonschema >"$WORK/pip.log" 2>&1; }; then
  echo "== check-jsonschema could not be installed (python3 -m venv / pip install failed); skipping it"
  if [[ -f "$WORK/pip.log" ]]; then tail -n 3 "$WORK/pip.log" | sed 's/^/   /'; fi
else
  echo "== check-jsonschema $("$CJS" --version 2>&1 | awk '{print $NF}') installed in a temporary virtualenv"
  # All N files in ONE process when the command line fits the kernel's limit (ARG_MAX, less the environment
  # and a margin); otherwise xargs splits them into batches and we say how many processes that took.
  arg_bytes=$(find processes -maxdepth 1 -type f \( -name '*.yaml' -o -name '*.yml' \) |
                awk '{ b += length($0) + 1 + 8 } END { print b + 0 }')   # string + NUL + argv pointer
  budget=$(( $(getconf ARG_MAX) - $(env | wc -c) - 65536 ))
  if (( arg_bytes < budget )); then
    C_PROCS=1
    cjs_cmd="'$CJS' --schemafile schemas/process.schema.json processes/*.y*ml"
  else
    # -n fixes the batch size (so the count of processes is known); -s lifts xargs' own default of 128 KiB.
    per_batch=$(( N * budget / arg_bytes ))
    C_PROCS=$(( (N + per_batch - 1) / per_batch ))
    cjs_cmd="find processes -maxdepth 1 -type f -name '*.y*ml' -print0 | xargs -0 -n $per_batch -s $budget '$CJS' --schemafile schemas/process.schema.json"
  fi
  # One untimed run first: it shows what check-jsonschema concluded (so a schema failure is not mistaken for a
  # fast success) and warms the page cache and Python's bytecode cache, so the timed runs need no warm-up of
  # their own (each run takes minutes at N=10000).
  C_RC=0
  bash -c "$cjs_cmd" >"$WORK/cjs.txt" 2>&1 || C_RC=$?
  echo "   check-jsonschema says: $(tail -n 1 "$WORK/cjs.txt")   [exit $C_RC]"
  echo "== timing check-jsonschema ($CJS_RUNS runs, $N files in $C_PROCS process(es))"
  time_cmd check-jsonschema "$CJS_RUNS" 0 1 "$cjs_cmd"
  C_MIN=$T_MIN C_MED=$T_MEDIAN
fi

echo
echo "== summary ($(nproc) cores; times in seconds, median of runs, min in brackets)"
printf '%-30s %s\n' "files" "$N"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0) ? a / b : 0 }'; }
printf '%-30s %s [%s]\n' "bare parse wall time" "$(printf '%.3f' "$B_MED")" "$(printf '%.3f' "$B_MIN")"
printf '%-30s %s [%s]  %sx bare parse\n' "proc wall time (json)" "$(printf '%.3f' "$P_MED")" \
  "$(printf '%.3f' "$P_MIN")" "$(ratio "$P_MED" "$B_MED")"
printf '%-30s %s [%s]  %sx bare parse\n' "proc wall time (human)" "$(printf '%.3f' "$H_MED")" \
  "$(printf '%.3f' "$H_MIN")" "$(ratio "$H_MED" "$B_MED")"
printf '%-30s %s\n' "proc files/second" "$(awk -v n="$N" -v t="$P_MED" 'BEGIN { printf "%.0f", n / t }')"
printf '%-30s %s user + %s sys per run -> %s cores busy\n' "proc CPU time" "$(printf '%.3f' "$P_USER")" \
  "$(printf '%.3f' "$P_SYS")" "$(awk -v w="$P_MEAN" -v u="$P_USER" -v s="$P_SYS" 'BEGIN { printf "%.2f", (w > 0) ? (u + s) / w : 0 }')"
if [[ -n "$C_MED" ]]; then
  printf '%-30s %s [%s]%s\n' "check-jsonschema wall time" "$(printf '%.3f' "$C_MED")" "$(printf '%.3f' "$C_MIN")" \
    "$([[ "$C_RC" -ne 0 ]] && echo "  (exit $C_RC: it reported failures)")"
  printf '%-30s %s\n' "check-jsonschema processes" "$C_PROCS"
  printf '%-30s %s\n' "check-jsonschema files/second" "$(awk -v n="$N" -v t="$C_MED" 'BEGIN { printf "%.0f", n / t }')"
  printf '%-30s %sx (check-jsonschema / proc)\n' "ratio" "$(awk -v c="$C_MED" -v p="$P_MED" 'BEGIN { printf "%.1f", c / p }')"
else
  printf '%-30s %s\n' "check-jsonschema wall time" "skipped" "ratio" "n/a"
fi
